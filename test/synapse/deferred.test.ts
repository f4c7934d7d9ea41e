import assert from "node:assert/strict";
import { test } from "node:test";
import { changesOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";

const KICKS = 12;
const BURST = 10;

test("real Synapse: kicks past the admin's rc_message burst, with a --max-wait shorter than Synapse's retry_after, are deferred and stay planned", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const extras = (await w.accounts(...Array.from({ length: KICKS }, (_, i) => `extra${String(i).padStart(2, "0")}`))).sort();
  const room = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("prune"), powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 50 } } });
  await Promise.all([w.admin.userId, ...extras].map((user) => w.hs.forceJoin(user, room)));
  const run = await w.declare({ "rooms/prune.yaml": w.roomsFile({ [w.alias("prune")]: { members: [w.name("owner")], prune: true } }) });

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--allow-mass-removal", "--max-wait", "1"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.match(apply.stdout, new RegExp(`Apply complete: 0 joined, 0 invited, ${BURST} kicked, 0 failed, 0 blocked, ${KICKS - BURST} deferred\\.`));
  assert.match(apply.stdout, /deferred/);
  const left = (await w.hs.members(room)).filter((user) => extras.includes(user));
  assert.equal(left.length, KICKS - BURST, "exactly the deferred kicks did not happen");

  const next = await run.plan(["--allow-mass-removal"]);
  assert.deepEqual(changesOf(roomOf(next.plan, w.alias("prune"))), left.map((user) => ["kick", user]));
});
