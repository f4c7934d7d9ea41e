import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { createManualClock, startSandbox } from "../../src/sandbox/index.js";
import { acmeUsers, declarationsDir } from "../support/e2e.js";
import { runCli } from "../support/run-cli.js";

const PRUNED = 14;

/**
 * A prune of 14 under Synapse's default limits: kicks share the admin's rc_message bucket (burst 10,
 * then one per 5 s). The sandbox and roster share one manual clock, so a wait roster sleeps refills the
 * sandbox's bucket without taking real time.
 */
async function bigPrune(t: TestContext) {
  let seed = acmeUsers().room({ alias: "team", creator: "admin", join_rule: "invite", members: { alice: "join" } });
  const members: Record<string, "join"> = { alice: "join" };
  for (let i = 0; i < PRUNED; i += 1) {
    seed = seed.user(`extra${i}`);
    members[`extra${i}`] = "join";
  }
  seed = seed.room({ alias: "big", creator: "admin", join_rule: "invite", members });
  const clock = createManualClock();
  const hs = await startSandbox(seed.build(), { clock });
  t.after(() => hs.close());
  const cwd = await declarationsDir(t, { "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#big": {members: [alice], prune: true}\n' });
  const timing = { now: clock.now, sleep: (ms: number) => (clock.advance(ms), new Promise<void>((resolve) => setImmediate(resolve))) };
  const roster = (argv: string[], extra: { tty?: boolean } = {}) => runCli(argv, { cwd, env: hs.env, timing, ...extra });
  return { hs, roster };
}

const CLEAR = `\r${String.fromCharCode(27)}[2K`;
const waitLines = (stdout: string) => stdout.split(/[\n\r]/).filter((line) => line.startsWith("… waiting"));

test("off a terminal, a rate-limit wait is one line per room and limit (not per request), naming the limit and the fix; the summary totals the waiting", async (t) => {
  const { hs, roster } = await bigPrune(t);
  const apply = await roster(["apply", "--yes", "--allow-mass-removal"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  const waits = waitLines(apply.stdout);
  assert.equal(waits.length, 1, apply.stdout);
  assert.match(waits[0] ?? "", /^… waiting \d+(\.\d)? s in #big:acme\.test: kicks share the admin's rc_message limit \(0\.2\/s, burst 10\).*roster doctor --fix-rate-limits/);
  assert.match(apply.stdout, /^Waited \d+(\.\d)? s on Synapse's rate limits in all/m);
  assert.equal(apply.stdout.split("\n").filter((line) => / ✓ #big:acme\.test: kicked /.test(line)).length, PRUNED, "each kick printed once");
  assert.ok(!apply.stdout.includes("\r"), "no terminal control off a terminal");
  assert.deepEqual(hs.joinedMembers("#big:acme.test"), ["@admin:acme.test", "@alice:acme.test"]);
});

test("on a terminal, each finished action is printed once above one live status line (done/total, room, elapsed, the wait)", async (t) => {
  const { roster } = await bigPrune(t);
  const apply = await roster(["apply", "--yes", "--allow-mass-removal"], { tty: true });
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  const kicked = apply.stdout.split(CLEAR).flatMap((part) => part.split("\n")).filter((part) => /✓ #big:acme\.test: kicked/.test(part));
  assert.equal(kicked.length, PRUNED, "each kick printed once, without a bar per line");
  assert.ok(apply.stdout.split(CLEAR).some((part) => /^\[\s*\d+\/14\] #big:acme\.test · \d+ s elapsed/.test(part)), "a status line");
  assert.match(apply.stdout, /· waiting \d+(\.\d)? s on a rate limit: kicks share/);
  assert.ok(!apply.stdout.includes("░"), "no progress bar repeated on every line");
});

test("--quiet prints failures and the summary only; once the admin is exempt the same prune never waits", async (t) => {
  const { roster } = await bigPrune(t);
  const fix = await roster(["doctor", "--fix-rate-limits", "--yes"]);
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  const apply = await roster(["apply", "--yes", "--allow-mass-removal", "--quiet"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.deepEqual(waitLines(apply.stdout), []);
  assert.doesNotMatch(apply.stdout, /kicked @extra/);
  assert.doesNotMatch(apply.stdout, /Waited/);
  assert.match(apply.stdout, /Apply complete: 0 joined, 0 invited, 14 kicked, 0 failed, 0 blocked\./);
});
