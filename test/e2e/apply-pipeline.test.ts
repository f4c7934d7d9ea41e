import { test } from "node:test";
import assert from "node:assert/strict";
import { acmeUsers, scenario } from "../support/e2e.js";

// apply --yes plans and applies in one pass: a room's changes start once that room is planned, while
// other rooms are still being read. A hanging lookup of one of the second room's users shows it: the
// first room's joins reach the server while that lookup hangs.

const files = { "rooms/rooms.yaml": `server_name: acme.test\nrooms:\n  "#first": {members: [alice, bob]}\n  "#second": {members: [carol, dave]}\n` };
const seed = () => acmeUsers().room({ alias: "first", creator: "admin", join_rule: "public" }).room({ alias: "second", creator: "admin", join_rule: "public" });
const carolLookup = "GET /_synapse/admin/v2/users/@carol:acme.test";

test("apply --yes joins a planned room while another room's users are still looked up, and prints the whole plan before any progress line", async (t) => {
  const log: string[] = [];
  const s = await scenario(t, seed(), files, { log: (line) => log.push(line) });
  s.hs.faults.push({ route: carolLookup, hangMs: 1000 });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stderr + apply.stdout);
  const firstJoin = log.findIndex((line) => line.startsWith("POST /_synapse/admin/v1/join/"));
  const carol = log.findIndex((line) => line.startsWith(carolLookup));
  assert.ok(firstJoin >= 0 && carol >= 0, log.join("\n"));
  assert.ok(firstJoin < carol, `the first room's joins wait for the second room's lookups:\n${log.join("\n")}`);
  // The output is the one a plan-then-apply prints: the whole plan, then the progress, then the summary.
  const lines = apply.stdout.split("\n");
  const summary = lines.findIndex((line) => line.startsWith("Plan: 4 to join"));
  const progress = lines.findIndex((line) => line.startsWith("[1/4]"));
  assert.ok(summary >= 0 && progress > summary, apply.stdout);
  assert.ok(lines.findIndex((line) => line.startsWith("#second:acme.test")) < summary, apply.stdout);
  assert.match(apply.stdout, /Apply complete: 4 joined, 0 invited, 0 kicked, 0 failed, 0 blocked\./);
  assert.deepEqual(s.hs.joinedMembers("#second:acme.test"), ["@admin:acme.test", "@carol:acme.test", "@dave:acme.test"]);
  const again = await s.roster(["plan", "--detailed-exitcode"]);
  assert.equal(again.code, 0, again.stdout);
});

test("apply --yes that cannot finish its plan says which rooms it acted on before the error, and acts on no other", async (t) => {
  const s = await scenario(t, seed(), files);
  // carol's lookup fails for good (every attempt answers 500), after the first room was planned and joined.
  s.hs.faults.push({ route: carolLookup, hangMs: 1000, status: 500 }, { route: carolLookup, status: 500, times: 10 });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1);
  // No plan is printed (there is none), only what was done.
  assert.doesNotMatch(apply.stdout, /Plan:/);
  assert.match(apply.stdout, /^apply stopped before its plan was complete; the rooms planned by then were acted on:\n\[1\/2\] .*#first:acme\.test: joined @alice:acme\.test\n\[2\/2\] .*#first:acme\.test: joined @bob:acme\.test\n$/);
  assert.match(apply.stderr, /error: .*@carol:acme\.test.*500/);
  assert.deepEqual(s.hs.joinedMembers("#first:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test"]);
  assert.deepEqual(s.hs.joinedMembers("#second:acme.test"), ["@admin:acme.test"]);
});

test("apply without --yes reads every room before it acts: on a terminal nothing changes until the plan is confirmed", async (t) => {
  const s = await scenario(t, seed(), files);
  const refused = await s.roster(["apply"], { tty: true, answers: ["no"] });
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /Plan: 4 to join/);
  assert.deepEqual(s.hs.joinedMembers("#first:acme.test"), ["@admin:acme.test"]);
  assert.deepEqual(s.hs.joinedMembers("#second:acme.test"), ["@admin:acme.test"]);
});
