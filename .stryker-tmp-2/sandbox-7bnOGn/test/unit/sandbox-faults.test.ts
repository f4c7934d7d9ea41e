// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { adminJoin, call, startTestSandbox } from "../support/sandbox.js";

const joinRoute = "POST /_synapse/admin/v1/join/{roomIdOrAlias}";

test("faults answer the next matching requests without touching state, then stop", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "pub", creator: "admin", join_rule: "public" }]);
  hs.faults.push({ route: joinRoute, status: 503, times: 2 }, { route: "POST /_synapse/admin/v1/join", status: 429, retryAfterMs: 2500 });
  const version = await call(hs, "GET", "/_synapse/admin/v1/server_version");
  assert.equal(version.status, 200, "other routes are not affected");
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await adminJoin(hs, "#pub:acme.test", "@alice:acme.test"));
  assert.deepEqual(answers.map((a) => a.status), [503, 503, 429, 200]);
  assert.deepEqual([answers[2]?.body.retry_after_ms, answers[2]?.headers.get("retry-after")], [2500, "3"]);
  assert.equal(hs.faults.length, 0);
  assert.deepEqual(hs.joinedMembers("pub"), ["@admin:acme.test", "@alice:acme.test"]);
  assert.equal(hs.requestCounts()[joinRoute], 4);
  assert.equal(hs.requestCounts()["GET /_synapse/admin/v1/server_version"], 1);
  hs.resetRequestCounts();
  assert.deepEqual(hs.requestCounts(), {});
});

test("a dropped connection fails the fetch; a hang holds the answer back", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "pub", creator: "admin", join_rule: "public" }]);
  hs.faults.push({ drop: true });
  await assert.rejects(call(hs, "GET", "/_synapse/admin/v1/server_version"));
  hs.faults.push({ hangMs: 5_000 });
  const aborted = fetch(`${hs.url}/_synapse/admin/v1/server_version`, { signal: AbortSignal.timeout(50) });
  await assert.rejects(aborted, /TimeoutError|aborted/i);
  hs.faults.push({ hangMs: 20, status: 500 });
  const late = await call(hs, "GET", "/_synapse/admin/v1/server_version");
  assert.deepEqual([late.status, late.body.errcode], [500, "M_UNKNOWN"]);
  hs.setLatency(10);
  assert.equal((await call(hs, "GET", "/_synapse/admin/v1/server_version")).status, 200);
});

test("requests to unknown paths are counted apart", async (t) => {
  const hs = await startTestSandbox(t, []);
  await call(hs, "GET", "/nowhere");
  assert.equal(hs.requestCounts()["GET (unrecognized)"], 1);
});

test("an `after` fault serves the request, then loses the answer: the join happened all the same", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "pub", creator: "admin", join_rule: "public" }, { alias: "priv", creator: "admin", join_rule: "invite" }]);
  hs.faults.push({ route: joinRoute, drop: true, after: true });
  await assert.rejects(adminJoin(hs, "#pub:acme.test", "@alice:acme.test"));
  assert.equal(hs.membership("pub", "@alice:acme.test"), "join");
  hs.faults.push({ route: joinRoute, status: 502, after: true });
  const answer = await adminJoin(hs, "#priv:acme.test", "@bob:acme.test");
  assert.equal(answer.status, 502);
  assert.equal(hs.membership("priv", "@bob:acme.test"), "join");
});

test("latency: the sandbox acts when a request arrives, and its answer never leaves before the latency has passed", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "pub", creator: "admin", join_rule: "public" }], { latencyMs: 300 });
  const started = performance.now();
  let answered = false;
  const answer = adminJoin(hs, "#pub:acme.test", "@alice:acme.test").finally(() => (answered = true));
  while (!answered && hs.membership("pub", "@alice:acme.test") !== "join") await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(answered, false, "the join was done while its answer waited");
  assert.equal((await answer).status, 200);
  assert.ok(performance.now() - started >= 300, "the answer waited the whole latency");
});
