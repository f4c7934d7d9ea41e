import assert from "node:assert/strict";
import { test } from "node:test";
import { blocksOf, changesOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";

test("real Synapse: --ensure-admin brings the admin into an invite-only room through make_room_admin, and says why it cannot where nobody holds power", async (t) => {
  const w = await newWorld(t);
  const [owner, bob] = await w.users("owner", "bob");
  const [alice] = await w.accounts("alice");
  // Two joined local users share the top level: Synapse walks its power levels' users from the last
  // listed, so it acts through the owner here, although bob sorts first by name.
  const team = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("team"), invite: [bob.userId], powerLevels: { users: { [bob.userId]: 100, [owner.userId]: 100 } } });
  await w.hs.join(bob, team);
  // #orphan: the only user in its power levels (the owner) has left, so make_room_admin has nobody to act through.
  const orphan = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("orphan"), invite: [bob.userId] });
  await w.hs.join(bob, orphan);
  await w.hs.leave(owner, orphan);
  const run = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("team")]: { members: [w.name("owner"), w.name("bob"), w.name("alice")] },
      [w.alias("orphan")]: { members: [w.name("bob"), w.name("alice")] },
    }),
  });

  const without = await run.plan();
  assert.deepEqual(blocksOf(roomOf(without.plan, w.alias("team"))), [{ code: "admin_not_in_room", users: [alice] }]);

  const preview = await run.plan(["--ensure-admin"]);
  const teamPlan = roomOf(preview.plan, w.alias("team"));
  assert.deepEqual(teamPlan.ensureAdmin && { steps: teamPlan.ensureAdmin.steps, puppet: teamPlan.ensureAdmin.puppet, grantedPower: teamPlan.ensureAdmin.grantedPower }, {
    steps: ["make_room_admin", "join"],
    puppet: owner.userId,
    grantedPower: 100,
  });
  assert.deepEqual(changesOf(teamPlan), [["join", alice]]);
  const orphanPlan = roomOf(preview.plan, w.alias("orphan"));
  assert.equal(orphanPlan.ensureAdmin, undefined);
  assert.deepEqual(blocksOf(orphanPlan), [{ code: "admin_not_in_room", users: [alice] }]);
  assert.match(orphanPlan.blocked[0]?.hint ?? "", /No local admin user in room/);

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--ensure-admin"]);
  assert.equal(apply.code, 1, "the orphan room stays blocked");
  assert.match(apply.stdout, /Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 1 blocked, admin brought into 1 room\./);
  assert.deepEqual(await w.hs.members(team), [alice, bob.userId, owner.userId, w.admin.userId].sort());
  const levels = (await w.hs.state(team)).find((event) => event["type"] === "m.room.power_levels");
  assert.equal(levels?.["sender"], owner.userId, "the puppet the plan named");
  assert.equal((levels?.["content"] as { users: Record<string, number> }).users[w.admin.userId], 100);
  assert.deepEqual(await w.hs.members(orphan), [bob.userId]);

  const again = await run.plan(["--ensure-admin"]);
  assert.deepEqual(roomOf(again.plan, w.alias("team")).changes, []);
  assert.equal(roomOf(again.plan, w.alias("team")).ensureAdmin, undefined);
});
