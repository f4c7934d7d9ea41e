/** Retry limits and the "may have reached the server" flag over several attempts of one request. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHttp } from "../../src/homeserver/http.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../../src/homeserver/errors.js";
import { route } from "../../src/homeserver/route.js";
import { startScriptedServer, type ScriptedReply } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";
import { rejection } from "../support/rejection.js";

const limited: ScriptedReply = { status: 429, body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 100 } };

test("a request rate limited without end gives up after 50 retries, long before the waiting budget is spent", async (t) => {
  const server = await startScriptedServer(() => limited);
  t.after(() => server.close());
  const time = createFakeTime();
  const http = createHttp({ baseUrl: server.url, token: "tok", sleep: time.sleep, now: time.now, random: () => 0.5, maxWaitMs: 3_600_000 });
  const error = await rejection(http.request({ method: "POST", route: route`/invite`, body: {} }));
  assert.ok(error instanceof RateLimitedError);
  assert.equal(server.requests.length, 51);
  assert.equal(time.sleeps.length, 50);
  assert.ok(http.waitBudgetLeftMs > 3_000_000, `${http.waitBudgetLeftMs} ms left`);
});

test("an attempt that may have reached the server is remembered when later attempts find the server gone", async (t) => {
  const server = await startScriptedServer(() => ({ drop: true }));
  t.after(() => server.close());
  // After the first (dropped, maybe received) attempt the server goes away: the others are refused, surely not sent.
  const http = createHttp({ baseUrl: server.url, token: "tok", sleep: () => server.close(), random: () => 0.5 });
  const error = await rejection(http.request({ method: "POST", route: route`/_synapse/admin/v1/join/${"#a:hs"}`, body: {} }));
  assert.ok(error instanceof ServerUnreachableError);
  assert.match(error.reason, /refused/);
  assert.equal(server.requests.length, 1);
  assert.equal(error.mayHaveReachedServer, true);
});

test("a 5xx that may have been applied is remembered when a later attempt is refused with a 4xx", async (t) => {
  const server = await startScriptedServer(() => ({ status: 403, body: { errcode: "M_FORBIDDEN", error: "already in the room" } }));
  t.after(() => server.close());
  server.reply({ status: 502, body: { errcode: "M_UNKNOWN", error: "bad gateway" } });
  const time = createFakeTime();
  const http = createHttp({ baseUrl: server.url, token: "tok", sleep: time.sleep, now: time.now, random: () => 0.5 });
  const error = await rejection(http.request({ method: "POST", route: route`/_synapse/admin/v1/join/${"#a:hs"}`, body: {} }));
  assert.ok(error instanceof HomeserverError && !(error instanceof ServerUnreachableError));
  assert.deepEqual([error.status, error.attempts, error.mayHaveReachedServer], [403, 2, true]);
});

test("a 429 followed by a 4xx was not applied: the refusal is not flagged as possibly applied", async (t) => {
  const server = await startScriptedServer(() => ({ status: 403, body: { errcode: "M_FORBIDDEN", error: "not allowed" } }));
  t.after(() => server.close());
  server.reply(limited);
  const time = createFakeTime();
  const http = createHttp({ baseUrl: server.url, token: "tok", sleep: time.sleep, now: time.now, random: () => 0.5 });
  const error = await rejection(http.request({ method: "POST", route: route`/invite`, body: {} }));
  assert.ok(error instanceof HomeserverError);
  assert.deepEqual([error.status, error.attempts, error.mayHaveReachedServer], [403, 2, false]);
  assert.deepEqual(time.sleeps, [100]);
});
