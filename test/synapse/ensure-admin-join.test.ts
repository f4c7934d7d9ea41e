import assert from "node:assert/strict";
import { test } from "node:test";
import type { DoctorReport } from "../../src/doctor/render.js";
import { blocksOf, changesOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";

test("real Synapse: --ensure-admin joins alone where the admin holds an invite, and never asks make_room_admin to lower the admin", async (t) => {
  const w = await newWorld(t);
  const [owner, bob] = await w.users("owner", "bob");
  const [alice] = await w.accounts("alice");
  // #invited: the admin holds an invite, but the only user listed in the power levels left: make_room_admin
  // has nobody to act through (400 "No local admin user in room"), while a join of the admin's own works.
  const invited = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("invited"), invite: [bob.userId, w.admin.userId] });
  await w.hs.join(bob, invited);
  await w.hs.leave(owner, invited);
  // #demoted: the admin is listed at 100 but not in the room; the top joined local user, bob, has 50 and may
  // not set the admin's level (400 "No local admin user in room with power to update power levels.").
  const demoted = await w.hs.createRoom(owner, {
    preset: "private_chat",
    alias: w.name("demoted"),
    invite: [bob.userId],
    powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 100, [bob.userId]: 50 } },
  });
  await w.hs.join(bob, demoted);
  await w.hs.leave(owner, demoted);
  const levelsBefore = await w.hs.powerLevels(demoted);
  const run = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("invited")]: { members: [w.name("bob"), w.name("alice")] },
      [w.alias("demoted")]: { members: [w.name("bob"), w.name("alice")] },
    }),
  });

  const preview = await run.plan(["--ensure-admin"]);
  const invitedPlan = roomOf(preview.plan, w.alias("invited"));
  assert.deepEqual(invitedPlan.ensureAdmin?.steps, ["join"]);
  assert.deepEqual(changesOf(invitedPlan), [["join", alice]]);
  const demotedPlan = roomOf(preview.plan, w.alias("demoted"));
  assert.equal(demotedPlan.ensureAdmin, undefined);
  assert.deepEqual(blocksOf(demotedPlan), [{ code: "admin_not_in_room", users: [alice] }]);
  assert.match(demotedPlan.blocked[0]?.hint ?? "", /already holds power 100/);

  const doctor = JSON.parse((await run(["doctor", "--dir", "rooms", "--format", "json"])).stdout) as DoctorReport;
  const fixOf = (room: string) => doctor.findings.find((f) => f.scope === room && f.level === "error")?.fix ?? "";
  assert.match(fixOf(w.alias("invited")), /the admin joins by itself: it holds an invite/);
  assert.match(fixOf(w.alias("demoted")), /--ensure-admin cannot help here: .* already holds power 100/);

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--ensure-admin"]);
  assert.equal(apply.code, 1, "#demoted stays blocked");
  assert.match(apply.stdout, /Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 1 blocked, admin brought into 1 room\./);
  assert.match(apply.stdout, new RegExp(`✓ ${w.alias("invited")}: admin ensured \\(joined\\)`));
  assert.deepEqual(await w.hs.members(invited), [alice, bob.userId, w.admin.userId].sort());
  assert.deepEqual(await w.hs.powerLevels(demoted), levelsBefore, "no power-level change was attempted");
  assert.deepEqual(await w.hs.members(demoted), [bob.userId]);
});
