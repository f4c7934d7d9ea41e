import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, observed, planOf, uid } from "../support/plan-builders.js";
import { adminReach, pickPuppet } from "../../src/plan/ensure-admin.js";

/** A room alice (100) runs and the admin is not in. */
const adminOutside = () => observed("#eng").without("admin").member("alice").power({ users: { [uid("alice")]: 100 } });

test("pickPuppet walks listed local users from the highest level and takes the first joined one", () => {
  const room = observed("#eng")
    .without("admin")
    .member("bob", "leave")
    .member("carol")
    .member("@zoe:partner.test")
    .power({ users: { [uid("bob")]: 100, [uid("carol")]: 50, [uid("dave")]: 75, "@zoe:partner.test": 100 } }).room;
  assert.deepEqual(pickPuppet(room, "acme.test"), { user: uid("carol"), level: 50 });
  const nobody = observed("#eng").without("admin").member("erin").power({ users: { [uid("bob")]: 100 } }).room;
  assert.equal(pickPuppet(nobody, "acme.test"), null, "erin is joined but not listed: Synapse does not consider her");
});

test("pickPuppet takes, among joined users of the same top level, the one the power levels list last (as Synapse 1.67 does)", () => {
  const room = (users: Record<string, number>) => observed("#eng").without("admin").member("bob").member("carol").power({ users }).room;
  assert.equal(pickPuppet(room({ [uid("bob")]: 100, [uid("carol")]: 100 }), "acme.test")?.user, uid("carol"));
  assert.equal(pickPuppet(room({ [uid("carol")]: 100, [uid("bob")]: 100 }), "acme.test")?.user, uid("bob"));
  assert.equal(pickPuppet(room({ [uid("carol")]: 100, [uid("bob")]: 50 }), "acme.test")?.user, uid("carol"), "a higher level still wins");
});

test("without --ensure-admin the admin_not_in_room block stays", () => {
  const plan = planOf({ rooms: [declared("#eng").with("bob")], observed: [adminOutside()] });
  assert.deepEqual(plan.rooms[0]?.blocked.map((b) => b.code), ["admin_not_in_room"]);
  assert.equal(plan.rooms[0]?.ensureAdmin, undefined);
});

test("--ensure-admin plans make_room_admin + join before the joins, and the kicks with the granted power", () => {
  const plan = planOf({
    rooms: [declared("#eng").with("alice", "bob").pruned()],
    observed: [adminOutside().member("ken").member("judy").member("ivan").member("frank").member("erin")],
    options: { ensureAdmin: true, allowMassRemoval: true },
  });
  const room = plan.rooms[0];
  assert.deepEqual(room?.ensureAdmin?.steps, ["make_room_admin", "join"]);
  assert.equal(room?.ensureAdmin?.grantedPower, 100);
  assert.deepEqual(room?.changes.map((c) => `${c.action} ${c.user}`), [
    "join @bob:acme.test",
    "kick @erin:acme.test",
    "kick @frank:acme.test",
    "kick @ivan:acme.test",
    "kick @judy:acme.test",
    "kick @ken:acme.test",
  ]);
  assert.deepEqual(room?.blocked, []);
  assert.equal(plan.summary.ensureAdmin, 1);
  assert.ok(!room?.currentMembers?.includes(ADMIN), "the diff's before is what the server has now");
});

test("--ensure-admin for a joined admin without invite power is make_room_admin alone", () => {
  const plan = planOf({
    rooms: [declared("#eng").with("bob")],
    observed: [observed("#eng").member("alice").power({ users: { [uid("alice")]: 100, [ADMIN]: 0 }, invite: 50 })],
    options: { ensureAdmin: true },
  });
  assert.deepEqual(plan.rooms[0]?.ensureAdmin?.steps, ["make_room_admin"]);
  assert.deepEqual(plan.rooms[0]?.changes.map((c) => c.user), [uid("bob")]);
});

test("--ensure-admin that would not unblock anything plans nothing, and with nobody to act through says why", () => {
  const weak = planOf({
    rooms: [declared("#eng").with("bob")],
    observed: [observed("#eng").without("admin").member("alice").power({ users: { [uid("alice")]: 10 }, invite: 50 })],
    options: { ensureAdmin: true },
  });
  assert.equal(weak.rooms[0]?.ensureAdmin, undefined);
  assert.deepEqual(weak.rooms[0]?.blocked.map((b) => b.code), ["admin_not_in_room"]);

  const orphan = planOf({ rooms: [declared("#eng").with("bob")], observed: [observed("#eng").without("admin").member("erin").power({ users: {} })], options: { ensureAdmin: true } });
  assert.match(orphan.rooms[0]?.blocked[0]?.hint ?? "", /--ensure-admin cannot help here/);
});

test("--ensure-admin is a join alone where the admin may join by itself and its own power suffices: no power-level change", () => {
  const invited = planOf({
    rooms: [declared("#eng").with("bob")],
    observed: [observed("#eng").without("admin").member("admin", "invite").member("alice").power({ users: { [uid("alice")]: 100 }, invite: 0 })],
    options: { ensureAdmin: true },
  });
  assert.deepEqual(invited.rooms[0]?.ensureAdmin?.steps, ["join"]);
  assert.equal(invited.rooms[0]?.ensureAdmin?.puppet, undefined);
  assert.deepEqual(invited.rooms[0]?.changes.map((c) => c.user), [uid("bob")]);

  // The admin left a public prune room where it still holds 100; the top joined local user has 50 and could not set it.
  const returning = planOf({
    rooms: [declared("#eng").with("alice").pruned()],
    observed: [observed("#eng").rule("public").without("admin").member("admin", "leave").member("alice").member("zed").member("yan").member("xia").power({ users: { [ADMIN]: 100, [uid("alice")]: 50 } })],
    options: { ensureAdmin: true, allowMassRemoval: true },
  });
  assert.deepEqual(returning.rooms[0]?.ensureAdmin?.steps, ["join"]);
  assert.deepEqual(returning.rooms[0]?.changes.map((c) => `${c.action} ${c.user}`), ["kick @xia:acme.test", "kick @yan:acme.test", "kick @zed:acme.test"]);
});

test("--ensure-admin does not plan make_room_admin through a puppet below the admin's own level: Synapse refuses to lower it", () => {
  const plan = planOf({
    rooms: [declared("#eng").with("bob")],
    observed: [observed("#eng").without("admin").member("admin", "leave").member("alice").power({ users: { [ADMIN]: 100, [uid("alice")]: 50 } })],
    options: { ensureAdmin: true },
  });
  assert.equal(plan.rooms[0]?.ensureAdmin, undefined);
  assert.deepEqual(plan.rooms[0]?.blocked.map((b) => b.code), ["admin_not_in_room"]);
  assert.match(plan.rooms[0]?.blocked[0]?.hint ?? "", /already holds power 100, above @alice:acme\.test \(50\)/);
});

/** A room alice (100) runs, where the admin is joined at 50 and changing power levels takes 100 (Synapse's default). */
const moderatorAdmin = () => observed("#eng").member("alice").member("bob").power({ users: { [uid("alice")]: 100, [ADMIN]: 50 }, changeLevels: 100 });

test("--ensure-admin lifts admin_cannot_set_power: make_room_admin through the room's top user, then the declared level is set", () => {
  const rooms = [declared("#eng").with("alice").withPower("bob", 50)];
  const without = planOf({ rooms, observed: [moderatorAdmin()] });
  assert.deepEqual(without.rooms[0]?.blocked.map((b) => [b.code, b.users]), [["admin_cannot_set_power", [uid("bob")]]]);
  assert.deepEqual(without.rooms[0]?.changes, []);

  const plan = planOf({ rooms, observed: [moderatorAdmin()], options: { ensureAdmin: true } });
  const room = plan.rooms[0];
  assert.deepEqual(room?.ensureAdmin?.steps, ["make_room_admin"]);
  assert.equal(room?.ensureAdmin?.puppet, uid("alice"));
  assert.equal(room?.ensureAdmin?.grantedPower, 100);
  assert.deepEqual(room?.changes.map((c) => `${c.action} ${c.user} ${c.power?.from}->${c.power?.to}`), [`power ${uid("bob")} 0->50`]);
  assert.deepEqual(room?.blocked, []);
});

test("adminReach: a room that declares levels (or prunes them) needs the admin at the level power changes need, even with nothing pending", () => {
  const inPlace = declared("#eng").with("alice").withPower("bob", 50).room;
  const observedRoom = moderatorAdmin().power({ users: { [uid("alice")]: 100, [ADMIN]: 50, [uid("bob")]: 50 } }).room;
  assert.deepEqual(adminReach(inPlace, observedRoom, ADMIN, "acme.test").gaps, ["cannot_set_power"]);
  assert.deepEqual(adminReach(declared("#eng").with("alice", "bob").prunePower().room, observedRoom, ADMIN, "acme.test").gaps, ["cannot_set_power"]);
  assert.deepEqual(adminReach(declared("#eng").with("alice", "bob").room, observedRoom, ADMIN, "acme.test").gaps, [], "no level declared: the admin's level does not matter");
  assert.deepEqual(adminReach(declared("#eng").with("alice").withPower("admin", 100).room, observedRoom, ADMIN, "acme.test").gaps, [], "the admin's own level is never changed");
  const lowerNeed = { ...observedRoom, powerLevels: { ...observedRoom.powerLevels, changeLevels: 50 } };
  assert.deepEqual(adminReach(inPlace, lowerNeed, ADMIN, "acme.test").gaps, [], "50 is enough where the room needs 50");

  const plan = planOf({ rooms: [declared("#eng").with("alice").withPower("bob", 50)], observed: [moderatorAdmin().power({ users: { [uid("alice")]: 100, [ADMIN]: 50, [uid("bob")]: 50 } })], options: { ensureAdmin: true } });
  assert.deepEqual(plan.rooms[0]?.ensureAdmin?.steps, ["make_room_admin"], "brought to the needed level before any level drifts");
  assert.deepEqual(plan.rooms[0]?.changes, []);
});

test("--ensure-admin does not plan make_room_admin through a puppet below the level power changes need: Synapse answers 400", () => {
  // alice, the top joined local user, holds 50; the room needs 100 to change power levels.
  const room = observed("#eng").without("admin").member("alice").member("bob").power({ users: { [uid("alice")]: 50 }, changeLevels: 100 });
  const plan = planOf({ rooms: [declared("#eng").with("alice", "bob", "carol")], observed: [room], options: { ensureAdmin: true } });
  assert.equal(plan.rooms[0]?.ensureAdmin, undefined);
  assert.deepEqual(plan.rooms[0]?.blocked.map((b) => b.code), ["admin_not_in_room"]);
  assert.match(plan.rooms[0]?.blocked[0]?.hint ?? "", /--ensure-admin cannot help here: make_room_admin acts through @alice:acme\.test \(power 50\).*below the level 100/);
});

test("where --ensure-admin cannot lift admin_cannot_set_power, that block's hint says why instead of suggesting it", () => {
  // alice (60), the top joined local user, is herself below the 100 the room needs to change power levels.
  const room = observed("#eng").member("alice").member("bob").power({ users: { [uid("alice")]: 60, [ADMIN]: 50 }, changeLevels: 100 });
  const plan = planOf({ rooms: [declared("#eng").with("alice").withPower("bob", 50)], observed: [room], options: { ensureAdmin: true } });
  assert.equal(plan.rooms[0]?.ensureAdmin, undefined);
  assert.deepEqual(plan.rooms[0]?.blocked.map((b) => b.code), ["admin_cannot_set_power"]);
  assert.match(plan.rooms[0]?.blocked[0]?.hint ?? "", /^--ensure-admin cannot help here: make_room_admin acts through @alice:acme\.test \(power 60\)/);
});
