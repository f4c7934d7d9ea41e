// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { createManualClock } from "../../src/sandbox/index.js";
import { adminJoin, call, clientAction, startTestSandbox, tokenOf } from "../support/sandbox.js";

const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

test("kicks share the message bucket: the 11th kick in a burst is 429 with retry_after_ms and Retry-After (§9)", async (t) => {
  const clock = createManualClock();
  const members = Object.fromEntries(many(12).map((u) => [`@${u}:remote.test`, "join" as const]));
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", members }], { clock });
  const r = hs.roomIdOf("r");
  for (let i = 0; i < 10; i++) assert.equal((await clientAction(hs, "kick", "admin", r, `@u${i}:remote.test`)).status, 200, `kick ${i}`);
  const limited = await clientAction(hs, "kick", "admin", r, "@u10:remote.test");
  assert.equal(limited.status, 429);
  assert.deepEqual([limited.body.errcode, limited.body.error], ["M_LIMIT_EXCEEDED", "Too Many Requests"]);
  assert.equal(limited.body.retry_after_ms, 5000);
  assert.equal(limited.headers.get("retry-after"), "5");
  assert.equal(hs.membership("r", "@u10:remote.test"), "join", "nothing happened");
  clock.advance(5000);
  assert.equal((await clientAction(hs, "kick", "admin", r, "@u10:remote.test")).status, 200, "one token leaked back after 5 s");
});

test("an invite spends invite tokens before anything else, even when it is doomed", async (t) => {
  const clock = createManualClock();
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", members: { alice: "join" } }], { clock });
  const r = hs.roomIdOf("r");
  // Five refused invites to alice (already joined) use up her per-recipient bucket (burst 5).
  for (let i = 0; i < 5; i++) assert.equal((await clientAction(hs, "invite", "admin", r, "@alice:acme.test")).status, 403);
  const sixth = await clientAction(hs, "invite", "admin", r, "@alice:acme.test");
  assert.equal(sixth.status, 429, "rate limit is checked before 'already in the room'");
  assert.ok(sixth.body.retry_after_ms > 300_000, "a user can receive one invite per ~5.5 minutes after the burst");
});

test("admin join is never rate limited; override_ratelimit exempts a user; rate limits can be switched off", async (t) => {
  const clock = createManualClock();
  const members = Object.fromEntries(many(30).map((u) => [`@${u}:remote.test`, "join" as const]));
  const users = ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "mod"];
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", join_rule: "invite", members }], { clock });
  for (let round = 0; round < 2; round++) {
    for (const user of users) {
      const answer = await adminJoin(hs, "#r:acme.test", `@${user}:acme.test`);
      assert.notEqual(answer.status, 429, `${user}: ${JSON.stringify(answer.body)}`);
    }
  }
  const path = "/_synapse/admin/v1/users/@admin:acme.test/override_ratelimit";
  assert.deepEqual((await call(hs, "GET", path, { token: hs.adminToken })).body, {});
  const set = await call(hs, "POST", path, { token: hs.adminToken, body: { messages_per_second: 0 } });
  assert.deepEqual(set.body, { messages_per_second: 0, burst_count: 0 });
  const r = hs.roomIdOf("r");
  for (let i = 0; i < 15; i++) assert.equal((await clientAction(hs, "kick", "admin", r, `@u${i}:remote.test`)).status, 200);
  assert.equal((await call(hs, "DELETE", path, { token: hs.adminToken })).status, 200);
  for (let i = 15; i < 25; i++) assert.equal((await clientAction(hs, "kick", "admin", r, `@u${i}:remote.test`)).status, 200);
  assert.equal((await clientAction(hs, "kick", "admin", r, "@u25:remote.test")).status, 429, "defaults are back");
  hs.setRateLimits(false);
  assert.equal((await clientAction(hs, "kick", "admin", r, "@u25:remote.test")).status, 200);
  const bad = await call(hs, "POST", path, { token: hs.adminToken, body: { messages_per_second: -1 } });
  assert.deepEqual([bad.status, bad.body.errcode], [400, "M_INVALID_PARAM"]);
  const remote = await call(hs, "GET", "/_synapse/admin/v1/users/@x:remote.test/override_ratelimit", { token: hs.adminToken });
  assert.equal(remote.status, 400);
  const unknown = await call(hs, "GET", "/_synapse/admin/v1/users/@x:acme.test/override_ratelimit", { token: hs.adminToken });
  assert.deepEqual([unknown.status, unknown.body.errcode], [404, "M_NOT_FOUND"]);
  assert.equal((await call(hs, "GET", path, { token: tokenOf(hs, "alice") })).status, 403);
});
