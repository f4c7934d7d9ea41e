// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, observed, planOf, uid } from "../support/plan-builders.js";
import { pickPuppet } from "../../src/plan/ensure-admin.js";

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
