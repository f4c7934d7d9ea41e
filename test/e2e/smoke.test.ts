import { test } from "node:test";
import assert from "node:assert/strict";
import { acmeDriftedSeed, startSandbox } from "../../src/sandbox/index.js";
import { spawnRoster } from "../support/run-cli.js";

test("smoke: the spawned roster executable plans, applies and converges the example rooms/ against the drifted sandbox", async (t) => {
  const hs = await startSandbox(acmeDriftedSeed());
  t.after(() => hs.close());
  const env = { ...hs.env };
  const before = await spawnRoster(["plan", "--detailed-exitcode"], { env });
  assert.equal(before.code, 2, before.stderr);
  assert.match(before.stdout, /^Plan: \d+ to join, 1 to invite, 1 to kick, 1 power level to change, 0 blocked\.$/m);
  assert.match(before.stdout, /^ {2}~ power {5}@grace:acme\.test +0 → 50 \(moderator\) {2}group leads with power 50 \(moderator\) \(rooms\/engineering\.yaml:\d+:\d+\)$/m);
  const apply = await spawnRoster(["apply", "--yes"], { env });
  assert.equal(apply.code, 0, apply.stderr);
  assert.match(apply.stdout, /Apply complete: \d+ joined, 1 invited, 1 kicked, 1 power level changed, 0 failed, 0 blocked\./);
  const after = await spawnRoster(["plan", "--detailed-exitcode", "--format", "json"], { env });
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual((JSON.parse(after.stdout) as { summary: unknown }).summary, { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0 });
  assert.equal(hs.membership("#announcements:acme.test", "@ken:acme.test"), "leave");
  const engineering = hs.state.rooms.get(hs.roomIdOf("#engineering:acme.test"));
  const users = engineering && hs.state.getState(engineering, "m.room.power_levels")?.content["users"];
  assert.equal((users as Record<string, unknown> | undefined)?.["@grace:acme.test"], 50, "grace, a lead, is promoted in #engineering");
  for (const output of [before, apply, after]) assert.equal(`${output.stdout}${output.stderr}`.includes(hs.adminToken), false);
});
