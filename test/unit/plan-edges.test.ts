/**
 * Planner cases at the edges of its shortcuts: the counts that let it skip a room's scan for undeclared
 * members, rooms without join rules, reasons of members declared more than once, --ensure-admin where
 * the admin is in but short of power, and rooms that clash after an unreadable one.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, itemsOf, observed, planOf, uid } from "../support/plan-builders.js";

test("an undeclared joined member is unmanaged even when as many declared members are invited (not joined)", () => {
  const plan = planOf({ rooms: [declared("#eng").with("alice")], observed: [observed("#eng").member("alice", "invite").member("ken")] });
  assert.deepEqual(itemsOf(plan), ["join @alice:acme.test", "unmanaged @ken:acme.test"]);
});

test("an undeclared invitee is kicked from a prune room even when a declared member left and another is invited", () => {
  const plan = planOf({
    rooms: [declared("#eng").with("alice", "bob", "carol", "dave").pruned()],
    observed: [observed("#eng").member("alice").member("bob").member("carol").member("dave", "leave").member("ivan", "invite")],
  });
  assert.deepEqual(itemsOf(plan), ["join @dave:acme.test", "kick @ivan:acme.test"]);
});

test("in a room without join rules, an invited user is joined without the admin; an uninvited one waits for it", () => {
  const plan = planOf({
    rooms: [declared("#old").with("alice", "bob")],
    observed: [observed("#old").rule(null).without("admin").member("bob", "invite")],
  });
  assert.deepEqual(itemsOf(plan), ["join @bob:acme.test", "blocked admin_not_in_room @alice:acme.test"]);
  assert.equal(plan.rooms[0]?.changes[0]?.inviteFirst, undefined);
});

test("a declared admin holding an invite to a room without join rules joins first, then invites the others", () => {
  const plan = planOf({
    rooms: [declared("#old").with("admin", "alice", "@zoe:partner.test")],
    observed: [observed("#old").rule(null).without("admin").member("admin", "invite")],
  });
  assert.deepEqual(itemsOf(plan), ["join @admin:acme.test", "join @alice:acme.test", "invite @zoe:partner.test"]);
});

test("a member listed directly and through groups has every source in its reason, the direct listing first", () => {
  const room = declared("#eng").room;
  const pos = (line: number) => ({ file: "rooms/test.yaml", line, column: 7 });
  room.members.push(
    { user: uid("alice"), sources: [{ pos: pos(3), group: "backend" }, { pos: pos(4) }, { pos: pos(5), group: "leads" }] },
    { user: uid("bob"), sources: [{ pos: pos(6), group: "backend" }, { pos: pos(7), group: "leads" }] },
    { user: uid("carol"), sources: [{ pos: pos(8), group: "backend" }] },
  );
  const plan = planOf({ rooms: [{ room }], observed: [observed("#eng")] });
  assert.deepEqual(
    plan.rooms[0]?.changes.map((c) => [c.user, c.reason, c.source?.line]),
    [
      ["@alice:acme.test", "declared, group backend, group leads", 3],
      ["@bob:acme.test", "group backend, group leads", 6],
      ["@carol:acme.test", "group backend", 8],
    ],
  );
});

test("--ensure-admin raises a joined admin that can kick in general but not this member of equal power", () => {
  const scenario = {
    rooms: [declared("#eng").with("alice", "bob", "carol", "dave", "owner").pruned()],
    observed: [
      observed("#eng")
        .member("alice").member("bob").member("carol").member("dave").member("mod").member("owner")
        .power({ users: { [ADMIN]: 50, [uid("mod")]: 50, [uid("owner")]: 100 }, kick: 50 }),
    ],
  };
  assert.deepEqual(itemsOf(planOf(scenario)), ["blocked admin_cannot_kick @mod:acme.test"]);
  const plan = planOf({ ...scenario, options: { ensureAdmin: true } });
  const room = plan.rooms[0];
  assert.deepEqual(room?.ensureAdmin?.steps, ["make_room_admin"]);
  assert.equal(room?.ensureAdmin?.puppet, uid("owner"));
  assert.deepEqual(itemsOf(plan), ["kick @mod:acme.test"]);
});

test("--ensure-admin does not settle for the admin's own join when it would still lack the kick power a prune room needs", () => {
  const plan = planOf({
    rooms: [declared("#pub").with("alice").pruned()],
    observed: [observed("#pub").rule("public").without("admin").member("alice").member("owner").power({ users: { [uid("owner")]: 100 }, kick: 50 })],
    options: { ensureAdmin: true },
  });
  const room = plan.rooms[0];
  assert.deepEqual(room?.ensureAdmin?.steps, ["make_room_admin", "join"]);
  assert.equal(room?.ensureAdmin?.grantedPower, 100);
});

test("the summary counts every room that needs the admin brought in", () => {
  const outside = (ref: string) => observed(ref).without("admin").member("owner").power({ users: { [uid("owner")]: 100 } });
  const plan = planOf({
    rooms: [declared("#a").with("alice", "owner"), declared("#b").with("bob", "owner"), declared("#c").with("carol")],
    observed: [outside("#a"), outside("#b"), observed("#c")],
    options: { ensureAdmin: true },
  });
  assert.equal(plan.summary.ensureAdmin, 2);
  assert.deepEqual(itemsOf(plan), ["join @alice:acme.test", "join @bob:acme.test", "join @carol:acme.test"]);
});

test("a room declared twice is found even after a room that could not be resolved", () => {
  const plan = planOf({
    rooms: [declared("#nope").with("alice"), declared("#eng").with("bob"), declared("!eng:acme.test").with("carol")],
    observed: [{ status: "alias_not_found", ref: "#nope:acme.test", detail: "404" }, observed("#eng"), { ...observed("#eng").room, ref: "!eng:acme.test" }],
  });
  assert.deepEqual(itemsOf(plan), ["blocked alias_not_found @alice:acme.test", "error #eng:acme.test", "error !eng:acme.test"]);
  assert.match(plan.rooms[1]?.error ?? "", /^!eng:acme\.test is declared more than once \(#eng at rooms\/test\.yaml:1:1 and !eng:acme\.test at rooms\/test\.yaml:1:1\): declare each room once\.$/);
});
