/**
 * The HTTP client at the edges of its rules: the first and last status of each class, the attempt and
 * wait limits at their exact values, and what each request tells its caller (stats, flags, attempts).
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHttp, type HttpEvent, type HttpOptions } from "../../src/homeserver/http.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../../src/homeserver/errors.js";
import { route } from "../../src/homeserver/route.js";
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";
import { rejection } from "../support/rejection.js";

const TOKEN = "syt_edge_token";
const ok: ScriptedReply = { status: 200, body: { ok: true } };

async function serverFor(t: { after: (fn: () => Promise<void>) => void }, fallback: ScriptedReply = ok): Promise<ScriptedServer> {
  const server = await startScriptedServer(() => fallback);
  t.after(() => server.close());
  return server;
}

function httpFor(server: { url: string }, overrides: Partial<HttpOptions> = {}) {
  const time = createFakeTime();
  const events: HttpEvent[] = [];
  const http = createHttp({ baseUrl: server.url, token: TOKEN, sleep: time.sleep, now: time.now, random: () => 0.5, onEvent: (e) => events.push(e), ...overrides });
  return { http, time, events };
}

const error = (status: number): ScriptedReply => ({ status, body: { errcode: "M_UNKNOWN", error: `status ${status}` } });

test("every 2xx is a success, the first and the last", async (t) => {
  for (const status of [200, 201, 299]) {
    const server = await serverFor(t);
    server.reply({ status, body: { status } });
    const { http } = httpFor(server);
    assert.deepEqual(await http.request({ method: "POST", route: route`/x`, body: {} }), { status });
    assert.equal(server.requests.length, 1, `${status} is sent once`);
  }
});

test("300 and 399 are redirects: never followed, not retried, never flagged as applied", async (t) => {
  for (const status of [300, 399]) {
    const server = await serverFor(t);
    server.reply({ status, headers: { location: "http://elsewhere.test/x" } });
    const { http } = httpFor(server);
    const failed = await rejection(http.request({ method: "POST", route: route`/x`, body: {} }));
    assert.ok(failed instanceof HomeserverError, String(failed));
    assert.equal(failed.status, status);
    assert.equal(failed.mayHaveReachedServer, false);
    assert.match(failed.message, new RegExp(`answered ${status} redirecting to http://elsewhere\\.test/x`));
    assert.equal(server.requests.length, 1);
  }
});

test("400 and 499 fail at once, not flagged as applied; 500 and 599 are retried to the limit and flagged", async (t) => {
  const cases: [number, number, boolean][] = [
    [400, 1, false],
    [404, 1, false],
    [499, 1, false],
    [500, 5, true],
    [599, 5, true],
  ];
  for (const [status, sent, flagged] of cases) {
    const server = await serverFor(t, error(status));
    const { http, time } = httpFor(server);
    const failed = await rejection(http.request({ method: "POST", route: route`/x`, body: {} }));
    assert.ok(failed instanceof HomeserverError && !(failed instanceof ServerUnreachableError), `${status}: ${String(failed)}`);
    assert.deepEqual([failed.status, failed.attempts, failed.mayHaveReachedServer, server.requests.length], [status, sent, flagged, sent], `${status}`);
    assert.equal(failed.message, `POST /x answered ${status} M_UNKNOWN: status ${status}`);
    assert.equal(time.sleeps.length, sent - 1, `${status}: a wait before each retry`);
    assert.equal(http.unreachable, false, "an answer, even a 5xx, means the server is reachable");
  }
});

test("a 5xx that is answered with success on the last allowed attempt succeeds", async (t) => {
  const server = await serverFor(t);
  server.reply(error(502), error(502), error(502), error(502));
  const { http, time } = httpFor(server);
  assert.deepEqual(await http.request({ method: "POST", route: route`/x`, body: {} }), { ok: true });
  assert.equal(server.requests.length, 5);
  // Full jitter with random 0.5: half of 1, 2, 4, 8 seconds.
  assert.deepEqual(time.sleeps, [500, 1000, 2000, 4000]);
});

test("maxAttempts per request and per client are exact limits; at least one attempt is always made", async (t) => {
  const limits: [Partial<HttpOptions>, number | undefined, number][] = [
    [{ maxAttempts: 2 }, undefined, 2],
    [{}, 3, 3],
    [{ maxAttempts: 4 }, 1, 1],
    [{ maxAttempts: 0 }, undefined, 1],
  ];
  for (const [options, perRequest, sent] of limits) {
    const server = await serverFor(t, error(503));
    const { http } = httpFor(server, options);
    const failed = await rejection(http.request({ method: "GET", route: route`/x`, ...(perRequest !== undefined ? { maxAttempts: perRequest } : {}) }));
    assert.ok(failed instanceof HomeserverError);
    assert.equal(server.requests.length, sent, JSON.stringify({ options, perRequest }));
    assert.equal(failed.attempts, sent);
  }
});

test("stats count every attempt and every rate-limit wait of the request", async (t) => {
  const server = await serverFor(t);
  server.reply({ status: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 700 } }, error(503), { status: 429, headers: { "retry-after": "2" }, body: {} });
  const { http } = httpFor(server);
  const stats = { attempts: 0, rateLimitWaitMs: 0 };
  await http.request({ method: "POST", route: route`/x`, body: {}, stats });
  assert.deepEqual(stats, { attempts: 4, rateLimitWaitMs: 2700 });
});

test("a 429 with waitOnRateLimit false fails at once, without waiting or spending the budget", async (t) => {
  const server = await serverFor(t);
  server.reply({ status: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 700 } });
  const { http, time } = httpFor(server);
  const failed = await rejection(http.request({ method: "PUT", route: route`/x`, body: {}, waitOnRateLimit: false }));
  assert.ok(failed instanceof RateLimitedError);
  assert.equal(failed.retryAfterMs, 700);
  assert.deepEqual(time.sleeps, []);
  assert.equal(http.waitBudgetLeftMs, 600_000);
  assert.equal(server.requests.length, 1);
});

test("a wait that uses up the budget exactly is still waited; one more millisecond is not", async (t) => {
  const server = await serverFor(t);
  server.reply({ status: 429, body: { retry_after_ms: 1000 } }, { status: 429, body: { retry_after_ms: 1 } });
  const { http, time } = httpFor(server, { maxWaitMs: 1000 });
  const failed = await rejection(http.request({ method: "POST", route: route`/x`, body: {} }));
  assert.ok(failed instanceof RateLimitedError);
  // The second wait is raised to the 100 ms minimum, which the spent budget no longer covers.
  assert.deepEqual([time.sleeps, failed.retryAfterMs, failed.budgetLeftMs, http.waitBudgetLeftMs], [[1000], 100, 0, 0]);
});

test("a 429 asking for less than 100 ms (or 0) waits 100 ms", async (t) => {
  const server = await serverFor(t);
  server.reply({ status: 429, body: { retry_after_ms: 0 } }, { status: 429, body: { retry_after_ms: 99 } }, { status: 429, body: { retry_after_ms: 101 } });
  const { http, time } = httpFor(server);
  await http.request({ method: "GET", route: route`/x` });
  assert.deepEqual(time.sleeps, [100, 100, 101]);
});

test("exactly 50 rate-limited retries are waited; the 51st 429 gives up", async (t) => {
  const server = await serverFor(t, { status: 429, body: { retry_after_ms: 100 } });
  const { http, time } = httpFor(server);
  const failed = await rejection(http.request({ method: "POST", route: route`/x`, body: {} }));
  assert.ok(failed instanceof RateLimitedError);
  assert.equal(time.sleeps.length, 50);
  assert.equal(server.requests.length, 51);
  assert.equal(failed.attempts, 51);
});

test("429s do not use up the attempts for 5xx: 4 errors around many 429s still succeed", async (t) => {
  const server = await serverFor(t);
  const limited: ScriptedReply = { status: 429, body: { retry_after_ms: 100 } };
  server.reply(error(500), limited, limited, error(500), limited, error(500), limited, limited, error(500), limited);
  const { http } = httpFor(server);
  assert.deepEqual(await http.request({ method: "POST", route: route`/x`, body: {} }), { ok: true });
  assert.equal(server.requests.length, 11);
});

test("a 4xx after a 429 is a refusal the server did not carry out; after a 500 it may have", async (t) => {
  for (const [first, flagged] of [[{ status: 429, body: { retry_after_ms: 100 } }, false], [error(500), true]] as const) {
    const server = await serverFor(t);
    server.reply(first, { status: 403, body: { errcode: "M_FORBIDDEN", error: "no" } });
    const { http } = httpFor(server);
    const failed = await rejection(http.request({ method: "POST", route: route`/x`, body: {} }));
    assert.ok(failed instanceof HomeserverError);
    assert.deepEqual([failed.status, failed.errcode, failed.attempts, failed.mayHaveReachedServer], [403, "M_FORBIDDEN", 2, flagged]);
  }
});

test("events: one per answer with its attempt and status, one per retry with its cause and wait", async (t) => {
  const server = await serverFor(t);
  server.reply(error(503), { status: 429, body: { retry_after_ms: 250 } });
  const { http, events } = httpFor(server);
  await http.request({ method: "DELETE", route: route`/r/${"a b"}` });
  const lines = events.map((e) => (e.type === "response" ? `${e.method} ${e.path} ${e.status} #${e.attempt}` : `retry ${e.method} ${e.path} ${e.cause} ${e.waitMs} #${e.attempt}`));
  assert.deepEqual(lines, [
    "DELETE /r/a%20b 503 #1",
    "retry DELETE /r/a%20b 503 500 #1",
    "DELETE /r/a%20b 429 #2",
    "retry DELETE /r/a%20b 429 250 #2",
    "DELETE /r/a%20b 200 #3",
  ]);
});

test("the token goes only in the Authorization header; a body is sent as JSON with its content type", async (t) => {
  const server = await serverFor(t);
  const { http } = httpFor(server, { baseUrl: `${server.url}/prefix//` });
  await http.request({ method: "PUT", route: route`/x`, query: { a: "1" }, body: { user_id: "@a:b" } });
  await http.request({ method: "GET", route: route`/y` });
  const [put, get] = server.requests;
  assert.equal(put?.url, "/prefix/x?a=1");
  assert.equal(put?.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(put?.headers["content-type"], "application/json");
  assert.equal(put?.headers.accept, "application/json");
  assert.deepEqual(JSON.parse(put?.body ?? ""), { user_id: "@a:b" });
  assert.equal(get?.url, "/prefix/y");
  assert.equal(get?.headers["content-type"], undefined, "no body, no content type");
  assert.equal(get?.body, "");
});
