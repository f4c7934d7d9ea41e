import assert from "node:assert/strict";
import { test } from "node:test";
import { blocksOf, changesOf, roomOf } from "./support/plan-items.js";
import { pruneRoom } from "./support/prune-room.js";
import { newWorld } from "./support/world.js";

const KICKS = 12;

test("real Synapse: a mass prune is blocked, then --allow-mass-removal kicks 12 through the admin's rc_message 429s; the admin is never kicked", async (t) => {
  const w = await newWorld(t);
  // The admin itself is not declared: a prune must still never kick it.
  const { owner, extras, roomId: room, run } = await pruneRoom(w, KICKS);

  const guarded = await run.plan();
  assert.equal(guarded.code, 1);
  assert.deepEqual(blocksOf(roomOf(guarded.plan, w.alias("prune"))), [{ code: "mass_removal", users: [...extras].sort() }]);
  assert.deepEqual(roomOf(guarded.plan, w.alias("prune")).changes, []);
  const refused = await run(["apply", "--yes", "--dir", "rooms"]);
  assert.equal(refused.code, 1);
  assert.equal((await w.hs.members(room)).length, KICKS + 2, "nobody was kicked while the guard held");

  const allowed = await run.plan(["--allow-mass-removal"]);
  assert.deepEqual(changesOf(roomOf(allowed.plan, w.alias("prune"))), [...extras].sort().map((user) => ["kick", user]));
  const apply = await run(["apply", "--yes", "--dir", "rooms", "--allow-mass-removal", "--verbose"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, new RegExp(`Apply complete: 0 joined, 0 invited, ${KICKS} kicked, 0 failed, 0 blocked\\.`));
  // rc_message: a burst of 10, then one kick per 5 s; roster waited the 429s out instead of failing.
  assert.match(apply.stderr, /retrying POST \S+\/kick in \d+ ms: 429/);
  // Said at once, once for the room and its limit, with the fix; and the total at the end.
  const waits = apply.stdout.split("\n").filter((line) => line.startsWith("… waiting"));
  assert.equal(waits.length, 1, apply.stdout);
  assert.ok(waits[0]?.includes(`in ${w.alias("prune")}: kicks share the admin's rc_message limit`), waits[0]);
  assert.match(waits[0] ?? "", /roster doctor --fix-rate-limits/);
  assert.match(apply.stdout, /^Waited \d+(\.\d)? s on Synapse's rate limits in all/m);
  assert.deepEqual(await w.hs.members(room), [owner.userId, w.admin.userId].sort());
  const kicked = await w.hs.memberships(room);
  for (const user of extras) assert.equal(kicked[user], "leave");

  const again = await run(["plan", "--dir", "rooms", "--detailed-exitcode"]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
});
