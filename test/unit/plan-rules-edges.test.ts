/** The planner's small rules at their edges: power arithmetic, which blocks are power blocks, the room after a plan, and what --ensure-admin says it will do. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, observed, uid } from "../support/plan-builders.js";
import { adminReach, describeEnsureAdmin, describeJoinAlone, mayJoinAlone } from "../../src/plan/ensure-admin.js";
import { canKick, powerOf } from "../../src/plan/power.js";
import { observedAfter } from "../../src/plan/simulate.js";
import { isPowerBlock, roomBlockCodes, userBlockCodes } from "../../src/plan/types.js";

test("exactly the power blocks are power blocks", () => {
  const power = new Set(["power_above_admin", "power_not_below_admin", "power_of_creator", "admin_cannot_set_power", "last_power_holder"]);
  for (const code of [...userBlockCodes, ...roomBlockCodes]) assert.equal(isPowerBlock(code), power.has(code), code);
});

test("a v12 creator's power is 2^53 whatever the users map says; others fall back to users_default", () => {
  const levels = observed("#r").power({ users: { [uid("owner")]: 10 }, usersDefault: 5, creators: [uid("owner")] }).room.powerLevels;
  assert.equal(powerOf(levels, uid("owner")), 2 ** 53);
  assert.equal(powerOf(levels, uid("nobody")), 5);
});

test("a kick needs the sender joined, at least the kick level, and more power than the target", () => {
  const levels = observed("#r").power({ users: { [ADMIN]: 50, [uid("peer")]: 50, [uid("low")]: 0 }, kick: 50 }).room.powerLevels;
  assert.equal(canKick(levels, "join", ADMIN, uid("low")), true, "exactly the kick level is enough");
  assert.equal(canKick(levels, "invite", ADMIN, uid("low")), false, "not joined");
  assert.equal(canKick(levels, "join", ADMIN, uid("peer")), false, "not above the target");
  assert.equal(canKick({ ...levels, kick: 51 }, "join", ADMIN, uid("low")), false, "below the kick level");
});

test("the room after a plan: kicks leave, resets remove the entry, and only power changes touch the levels", () => {
  const before = observed("#r").member("bob").member("carol").power({ users: { [ADMIN]: 100, [uid("carol")]: 50 }, hasEvent: false }).room;
  const membershipOnly = observedAfter(before, [{ action: "kick", user: uid("bob"), reason: "r" }]);
  assert.equal(membershipOnly.members.get(uid("bob")), "leave");
  assert.equal(membershipOnly.powerLevels, before.powerLevels);
  const after = observedAfter(before, [{ action: "power", user: uid("carol"), reason: "r", power: { from: 50, to: 0, reset: true } }]);
  assert.deepEqual(after.powerLevels.users, { [ADMIN]: 100 });
  assert.equal(after.powerLevels.hasEvent, true);
});

test("the admin may join by itself only where it is not joined or banned, and the room is public or it holds an invite outside a private room", () => {
  const rule = (joinRule: string, admin?: "invite" | "ban" | "join") => {
    const room = observed("#r").rule(joinRule).without("admin");
    if (admin) room.member("admin", admin);
    return mayJoinAlone(room.room, ADMIN);
  };
  assert.equal(rule("public"), true);
  assert.equal(rule("public", "join"), false);
  assert.equal(rule("public", "ban"), false);
  assert.equal(rule("invite"), false);
  assert.equal(rule("invite", "invite"), true);
  assert.equal(rule("private", "invite"), false);
});

test("what --ensure-admin says it will do, word for word", () => {
  const invited = observed("#r").without("admin").member("admin", "invite").power({ users: { [ADMIN]: 50 } }).room;
  assert.equal(describeJoinAlone(invited, ADMIN).reason, `${ADMIN} is not joined but holds an invite, and its power 50 is enough: the admin joins`);
  const open = observed("#r").rule("public").without("admin").power({ users: {} }).room;
  assert.equal(describeJoinAlone(open, ADMIN).reason, `${ADMIN} is not joined but may join this public room, and its power 0 is enough: the admin joins`);
  const puppet = { user: uid("alice"), level: 100 };
  const outside = observed("#r").without("admin").power({ users: { [uid("alice")]: 100 } }).room;
  assert.equal(describeEnsureAdmin(outside, ADMIN, puppet).reason, `${ADMIN} is not joined: make_room_admin (acting through ${uid("alice")}), which invites it here, raises it to power 100, then the admin joins`);
  const invitedOutside = observed("#r").without("admin").member("admin", "invite").power({ users: { [uid("alice")]: 100 } }).room;
  assert.equal(describeEnsureAdmin(invitedOutside, ADMIN, puppet).reason, `${ADMIN} is not joined: make_room_admin (acting through ${uid("alice")}) raises it to power 100, then the admin joins`);
  const publicOutside = observed("#r").rule("public").without("admin").power({ users: { [uid("alice")]: 100 } }).room;
  assert.equal(describeEnsureAdmin(publicOutside, ADMIN, puppet).reason, `${ADMIN} is not joined: make_room_admin (acting through ${uid("alice")}) raises it to power 100, then the admin joins`);
  const weak = observed("#r").power({ users: { [ADMIN]: 0, [uid("alice")]: 100 } }).room;
  const ensured = describeEnsureAdmin(weak, ADMIN, puppet);
  assert.equal(ensured.reason, `${ADMIN} has power 0: make_room_admin (acting through ${uid("alice")}) raises it to power 100`);
  assert.deepEqual(ensured.steps, ["make_room_admin"]);
});

test("why the admin must reach a room, and what it lacks there", () => {
  const room = declared("#r").with("alice", "@zoe:partner.test").pruned().room;
  const reach = adminReach(room, observed("#r").rule(null).power({ users: { [ADMIN]: 49 }, invite: 50, kick: 50 }).room, ADMIN, "acme.test");
  assert.deepEqual(reach.reasons, ["the room is not public (join rule absent), so every join is an invite from the admin", "remote members are invited by the admin", "prune kicks as the admin"]);
  assert.deepEqual(reach.gaps, ["cannot_invite", "cannot_kick"]);
  const enough = adminReach(room, observed("#r").rule(null).power({ users: { [ADMIN]: 50 }, invite: 50, kick: 50 }).room, ADMIN, "acme.test");
  assert.deepEqual(enough.gaps, [], "exactly the kick and invite levels are enough");
  // A public room with only local members, no prune and no levels: nothing to reach, whatever the admin's state.
  assert.deepEqual(adminReach(declared("#r").with("alice").room, observed("#r").rule("public").without("admin").room, ADMIN, "acme.test"), { reasons: [], gaps: [] });
  // Remote members only where some are remote; an empty invite-only room needs no invite power.
  const localOnly = adminReach(declared("#r").with("alice", "bob").room, observed("#r").rule("public").room, ADMIN, "acme.test");
  assert.deepEqual(localOnly.reasons, []);
  const empty = adminReach(declared("#r").pruned().room, observed("#r").power({ users: { [ADMIN]: 100 }, invite: 101 }).room, ADMIN, "acme.test");
  assert.deepEqual(empty.gaps, [], "nobody to invite");
});
