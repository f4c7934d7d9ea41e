import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { newWorld } from "./support/world.js";

test("real Synapse: a saved plan is refused for a room whose membership changed on the server since, and applied to the others", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const [alice, bob, carol] = await w.accounts("alice", "bob", "carol");
  const changed = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("changed") });
  const steady = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("steady") });
  const run = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("changed")]: { members: [w.name("owner"), w.name("alice")] },
      [w.alias("steady")]: { members: [w.name("owner"), w.name("bob")] },
    }),
  });
  const planFile = join(run.cwd, "plan.json");
  const saved = await run(["plan", "--dir", "rooms", "--out", planFile]);
  assert.equal(saved.code, 0, saved.stdout + saved.stderr);

  await w.hs.forceJoin(carol, changed);
  const apply = await run(["apply", planFile, "--yes"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.match(apply.stdout + apply.stderr, new RegExp(`skipped ${w.alias("changed")}: .*changed`));
  assert.deepEqual(await w.hs.members(changed), [carol, owner.userId].sort(), "the stale room was not touched");
  assert.deepEqual(await w.hs.members(steady), [bob, owner.userId].sort());

  const fresh = await run(["apply", "--yes", "--dir", "rooms"]);
  assert.equal(fresh.code, 0, fresh.stdout + fresh.stderr);
  assert.deepEqual(await w.hs.members(changed), [alice, carol, owner.userId].sort());
});
