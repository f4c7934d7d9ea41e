import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { acmeUsers, scenario, type Scenario } from "../support/e2e.js";

const JOIN = "POST /_synapse/admin/v1/join/{roomIdOrAlias}";
const INVITE = "POST /_matrix/client/v3/rooms/{roomId}/invite";
const KICK = "POST /_matrix/client/v3/rooms/{roomId}/kick";

/** Public #general and invite-only #eng, drifted: three joins (one invite-only), one remote invite and one kick to do. */
function drifted(t: TestContext): Promise<Scenario> {
  return scenario(
    t,
    acmeUsers()
      .room({ alias: "general", creator: "admin", join_rule: "public", members: { alice: "join" } })
      .room({ alias: "eng", creator: "admin", join_rule: "invite", members: { alice: "join", bob: "join", dave: "join" } }),
    {
      "rooms/rooms.yaml": [
        "server_name: acme.test",
        "rooms:",
        '  "#general": {members: [alice, bob, carol]}',
        '  "#eng": {members: [alice, bob, carol, "@zoe:partner.test"], prune: true}',
        "",
      ].join("\n"),
    },
  );
}

/** The end state every fault scenario must converge to, and nothing else. */
async function assertConverged(s: Scenario): Promise<void> {
  const plan = await s.roster(["plan", "--detailed-exitcode"]);
  assert.equal(plan.code, 0, `a rerun's plan must be empty:\n${plan.stdout}${plan.stderr}`);
  assert.deepEqual(s.hs.joinedMembers("#general:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test", "@carol:acme.test"]);
  assert.deepEqual(s.hs.joinedMembers("#eng:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test", "@carol:acme.test"]);
  assert.equal(s.hs.membership("#eng:acme.test", "@zoe:partner.test"), "invite");
  assert.equal(s.hs.membership("#eng:acme.test", "@dave:acme.test"), "leave");
}

test("429 answers are waited out (retry_after_ms) and apply completes", async (t) => {
  const s = await drifted(t);
  s.hs.faults.push({ route: INVITE, status: 429, retryAfterMs: 2000, times: 2 }, { route: KICK, status: 429, retryAfterMs: 1500 });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.equal(s.hs.requestCounts()[INVITE], 3);
  await assertConverged(s);
});

test("a 429 storm past --max-wait leaves the rest deferred (exit 1), and a later run converges", async (t) => {
  const s = await drifted(t);
  s.hs.faults.push({ route: INVITE, status: 429, retryAfterMs: 4000, times: 1000 }, { route: KICK, status: 429, retryAfterMs: 4000, times: 1000 });
  const apply = await s.roster(["apply", "--yes", "--max-wait", "10"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /2 deferred/);
  assert.match(apply.stdout, /--max-wait/);
  assert.equal(s.hs.membership("#eng:acme.test", "@dave:acme.test"), "join", "a deferred kick was not made");
  s.hs.faults.length = 0;
  assert.equal((await s.roster(["apply", "--yes"])).code, 0);
  await assertConverged(s);
});

test("500, 502 and 503 bursts are retried with backoff", async (t) => {
  const s = await drifted(t);
  s.hs.faults.push({ route: JOIN, status: 503, times: 2 }, { route: INVITE, status: 502 }, { route: KICK, status: 500 });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  await assertConverged(s);
});

test("a 5xx that never ends fails those actions with the server's errcode; the other rooms go on", async (t) => {
  const s = await drifted(t);
  s.hs.faults.push({ route: INVITE, status: 503, times: 1000 });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /failed #eng:acme\.test: invite @zoe:partner\.test — 503 M_UNKNOWN/);
  assert.deepEqual(s.hs.joinedMembers("#general:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test", "@carol:acme.test"]);
  s.hs.faults.length = 0;
  assert.equal((await s.roster(["apply", "--yes"])).code, 0);
  await assertConverged(s);
});

test("an answer lost after the server acted (dropped connection) is settled by re-reading membership", async (t) => {
  const s = await drifted(t);
  // In the invite-only room the retried join answers 403 "already in the room": settled as done.
  s.hs.faults.push({ route: JOIN, drop: true, after: true, times: 3 }, { route: KICK, drop: true, after: true });
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /Apply complete: 3 joined, 1 invited, 1 kicked, 0 failed, 0 blocked\./);
  await assertConverged(s);
});

test("a request that hangs past --request-timeout is retried", async (t) => {
  const s = await drifted(t);
  s.hs.faults.push({ route: JOIN, hangMs: 3000 });
  const apply = await s.roster(["apply", "--yes", "--request-timeout", "200ms"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  await assertConverged(s);
});

test("when the server goes away mid-apply, apply stops early, reports the rest as not attempted, and a rerun converges", async (t) => {
  const s = await drifted(t);
  // Reads still work (the plan is made); every change request then finds the server gone.
  s.hs.faults.push({ route: "POST /", drop: true, times: 1000 });
  const apply = await s.roster(["apply", "--yes", "--concurrency", "1"]);
  assert.equal(apply.code, 1);
  assert.ok(apply.stdout.includes(`Apply stopped early: ${s.hs.url}: connection closed`), apply.stdout);
  assert.match(apply.stdout, /not attempted/);
  assert.ok((s.hs.requestCounts()[JOIN] ?? 0) <= 5, "no request is sent after the server was found unreachable");
  s.hs.faults.length = 0;
  const rerun = await s.roster(["apply", "--yes"]);
  assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
  await assertConverged(s);
});

test("two applies at once both end consistent: nothing is done twice in a way that fails", async (t) => {
  const s = await drifted(t);
  const [first, second] = await Promise.all([s.roster(["apply", "--yes"]), s.roster(["apply", "--yes"])]);
  assert.equal(first?.code, 0, first?.stdout);
  assert.equal(second?.code, 0, second?.stdout);
  await assertConverged(s);
});

test("a room whose state cannot be read is an error item, the other rooms are still planned, and plan exits 1", async (t) => {
  const s = await drifted(t);
  const eng = s.hs.roomIdOf("#eng:acme.test");
  s.hs.faults.push({ route: `GET /_synapse/admin/v1/rooms/${eng}/state`, status: 500, times: 1000 });
  const plan = await s.roster(["plan"]);
  assert.equal(plan.code, 1, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /#eng:acme\.test[^\n]*\n {2}✗ error {5}could not read the room: GET \/_synapse\/admin\/v1\/rooms\/[^ ]+\/state answered 500/);
  assert.match(plan.stdout, /#general:acme\.test[^\n]*\n {2}\+ join/);
  assert.match(plan.stdout, /1 room could not be planned/);
});
