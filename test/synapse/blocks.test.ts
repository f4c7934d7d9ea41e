import assert from "node:assert/strict";
import { test } from "node:test";
import { newWorld } from "./support/world.js";
import { blocksOf, roomOf } from "./support/plan-items.js";

test("real Synapse: every block code 1.67 can produce is planned, and apply acts on none of them", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const [alice, bob, carol, dead, banned] = await w.accounts("alice", "bob", "carol", "dead", "banned");
  const hs = w.hs;
  // #users: a public room where alice can join, next to a user who never existed, a deactivated one and a banned one.
  const users = await hs.createRoom(owner, { preset: "public_chat", alias: w.name("users") });
  await hs.deactivate(dead);
  await hs.membershipChange(owner, users, "ban", banned);
  // #closed: invite-only, the admin is not in it.
  await hs.createRoom(owner, { preset: "private_chat", alias: w.name("closed") });
  // #weak: invite-only, the admin joined but below the invite level.
  const weak = await hs.createRoom(owner, { preset: "private_chat", alias: w.name("weak"), invite: [w.admin.userId], powerLevels: { invite: 50 } });
  await hs.join(w.admin, weak);
  // #nokick: a prune room where the admin is joined without kick power; one undeclared member of five.
  const nokick = await hs.createRoom(owner, { preset: "public_chat", alias: w.name("nokick") });
  // #mass: a prune room where the admin could kick, but two of four members would go.
  const mass = await hs.createRoom(owner, { preset: "public_chat", alias: w.name("mass"), powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 100 } } });
  await Promise.all([
    ...[w.admin.userId, alice, carol, bob].map((u) => hs.forceJoin(u, nokick)),
    ...[w.admin.userId, bob, carol].map((u) => hs.forceJoin(u, mass)),
  ]);
  // #left: its only local member left, so the server is no longer in it (its state reads empty).
  const left = await hs.createRoom(owner, { preset: "public_chat", alias: w.name("left") });
  await hs.leave(owner, left);
  const unknownRoom = `!${w.prefix}nosuchroom:${hs.serverName}`;

  const run = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("users")]: { members: [w.name("alice"), w.name("ghost"), w.name("dead"), w.name("banned")] },
      [unknownRoom]: { members: [w.name("alice")] },
      [w.alias("left")]: { members: [w.name("alice")] },
      [w.alias("nosuchalias")]: { members: [w.name("alice")] },
      [w.alias("closed")]: { members: [w.name("alice")] },
      [w.alias("weak")]: { members: [w.name("alice")] },
      [w.alias("nokick")]: { members: [w.name("owner"), w.name("alice"), w.name("carol")], prune: true },
      [w.alias("mass")]: { members: [w.name("owner")], prune: true },
    }),
  });
  const { code, plan } = await run.plan();
  assert.equal(code, 1, "blocked items make plan exit 1");
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("users"))), [
    { code: "user_banned", user: banned },
    { code: "user_deactivated", user: dead },
    { code: "user_not_found", user: w.id("ghost") },
  ]);
  assert.deepEqual(roomOf(plan, w.alias("users")).changes.map((c) => [c.action, c.user]), [["join", alice]]);
  assert.deepEqual(blocksOf(roomOf(plan, unknownRoom)), [{ code: "room_not_found", users: [alice] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("left"))), [{ code: "room_not_found", users: [alice] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("nosuchalias"))), [{ code: "alias_not_found", users: [alice] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("closed"))), [{ code: "admin_not_in_room", users: [alice] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("weak"))), [{ code: "admin_cannot_invite", users: [alice] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("nokick"))), [{ code: "admin_cannot_kick", users: [bob] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("mass"))), [{ code: "mass_removal", users: [bob, carol] }]);
  for (const room of plan.rooms) {
    if (room.room !== w.alias("users")) assert.deepEqual(room.changes, [], `${room.room} has no actions`);
  }
  assert.equal(plan.summary.blocked, 10);

  const apply = await run(["apply", "--yes", "--dir", "rooms"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 10 blocked\./);
  const closed = await hs.resolveAlias(w.alias("closed"));
  assert.deepEqual(await hs.memberships(users), { [owner.userId]: "join", [alice]: "join", [banned]: "ban" }, "only alice joined; not the deactivated user");
  assert.equal((await hs.memberships(closed))[alice], undefined);
  assert.deepEqual(await hs.members(left), []);
  assert.equal((await hs.memberships(weak))[alice], undefined);
  assert.equal((await hs.memberships(nokick))[bob], "join");
  assert.deepEqual(await hs.members(mass), [bob, carol, owner.userId, w.admin.userId].sort());

  const again = await run.plan();
  assert.equal(again.plan.summary.join + again.plan.summary.invite + again.plan.summary.kick, 0);
  assert.equal(again.plan.summary.blocked, 10, "the blocks stay until someone acts on them");
});
