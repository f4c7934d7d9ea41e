import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { createServer } from "node:net";
import { createHttp, type HttpOptions } from "../../src/homeserver/http.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../../src/homeserver/errors.js";
import { route } from "../../src/homeserver/route.js";
import { UserError } from "../../src/errors.js";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";
import { rejection } from "../support/rejection.js";

const TOKEN = "syt_YWRtaW4_s3cr3tT0k3n/with+odd=chars";
const ok = { status: 200, body: { ok: true } };

function httpFor(server: { url: string }, overrides: Partial<HttpOptions> = {}) {
  const time = createFakeTime();
  const http = createHttp({ baseUrl: server.url, token: TOKEN, sleep: time.sleep, now: time.now, random: () => 0.5, ...overrides });
  return { http, time };
}

async function withServer(t: { after: (fn: () => Promise<void>) => void }): Promise<ScriptedServer> {
  const server = await startScriptedServer(() => ok);
  t.after(() => server.close());
  return server;
}

function assertNoToken(error: unknown): void {
  const texts = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
  if (error instanceof Error) texts.push(error.stack ?? "", error.message, inspect(error.cause));
  for (const text of texts) {
    assert.ok(!text.includes("s3cr3tT0k3n"), `token leaked in: ${text}`);
    assert.ok(!text.includes(encodeURIComponent(TOKEN)), `encoded token leaked in: ${text}`);
  }
}

test("a request sends the token only as a Bearer header and parses the JSON answer", async (t) => {
  const server = await withServer(t);
  const { http } = httpFor(server);
  const result = await http.request({ method: "POST", route: route`/_synapse/admin/v1/join/${"#eng:acme.test"}`, body: { user_id: "@a:acme.test" } });
  assert.deepEqual(result, { ok: true });
  const [request] = server.requests;
  assert.equal(request?.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(request?.headers["content-type"], "application/json");
  assert.equal(request?.body, '{"user_id":"@a:acme.test"}');
  assert.ok(!request?.url.includes("s3cr3t"));
});

test("path parameters are percent-encoded per segment: # becomes %23, / becomes %2F, @ ! : stay readable", async (t) => {
  const server = await withServer(t);
  const { http } = httpFor(server);
  await http.request({ method: "GET", route: route`/_matrix/client/v3/directory/room/${"#eng:acme.test"}` });
  await http.request({ method: "GET", route: route`/_synapse/admin/v1/rooms/${"!ab/c?d:acme.test"}/state` });
  await http.request({ method: "GET", route: route`/_synapse/admin/v2/users/${"@we ird%:acme.test:8448"}`, query: { a: 1, b: ["x", "y"], c: undefined } });
  assert.deepEqual(
    server.requests.map((r) => r.url),
    [
      "/_matrix/client/v3/directory/room/%23eng:acme.test",
      "/_synapse/admin/v1/rooms/!ab%2Fc%3Fd:acme.test/state",
      "/_synapse/admin/v2/users/@we%20ird%25:acme.test:8448?a=1&b=x&b=y",
    ],
  );
});

test("503 twice then 200 succeeds after two jittered backoffs", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 503, body: { errcode: "M_UNKNOWN", error: "busy" } }, { status: 503, rawBody: "<html><title>503 Service Unavailable</title></html>" });
  const { http, time } = httpFor(server);
  assert.deepEqual(await http.request({ method: "GET", route: route`/x` }), { ok: true });
  assert.equal(server.requests.length, 3);
  assert.deepEqual(time.sleeps, [500, 1000]);
});

test("5xx on every attempt fails after 5 attempts with the last status, flagged as possibly applied", async (t) => {
  const server = await withServer(t);
  server.respond(() => ({ status: 500, body: { errcode: "M_UNKNOWN", error: "Internal server error" } }));
  const { http } = httpFor(server);
  const error = await rejection(http.request({ method: "POST", route: route`/_matrix/client/v3/rooms/${"!r:hs"}/kick`, body: {} }));
  assert.ok(error instanceof HomeserverError && !(error instanceof ServerUnreachableError));
  assert.equal(error.status, 500);
  assert.equal(error.attempts, 5);
  assert.equal(error.mayHaveReachedServer, true);
  assert.equal(error.template, "/_matrix/client/v3/rooms/*/kick");
  assert.equal(server.requests.length, 5);
  assert.equal(http.unreachable, false);
});

test("a 4xx fails at once with method, path, status, errcode and the server's message", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 403, body: { errcode: "M_FORBIDDEN", error: "@admin:hs not in room !r:hs.", extra_key: 1 } });
  const { http } = httpFor(server);
  const error = await rejection(http.request({ method: "POST", route: route`/_matrix/client/v3/rooms/${"!r:hs"}/invite`, body: {} }));
  assert.ok(error instanceof HomeserverError);
  assert.ok(error instanceof UserError);
  assert.equal(error.message, "POST /_matrix/client/v3/rooms/!r:hs/invite answered 403 M_FORBIDDEN: @admin:hs not in room !r:hs.");
  assert.deepEqual([error.status, error.errcode, error.serverMessage, error.mayHaveReachedServer], [403, "M_FORBIDDEN", "@admin:hs not in room !r:hs.", false]);
  assert.deepEqual(error.extra, { extra_key: 1 });
  assert.equal(server.requests.length, 1);
});

test("429 waits retry_after_ms from the body, else Retry-After seconds from the header", async (t) => {
  const server = await withServer(t);
  server.reply(
    { status: 429, headers: { "retry-after": "9" }, body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 2500 } },
    { status: 429, headers: { "retry-after": "3" }, body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests" } },
  );
  const { http, time } = httpFor(server);
  assert.deepEqual(await http.request({ method: "GET", route: route`/x` }), { ok: true });
  assert.deepEqual(time.sleeps, [2500, 3000]);
  assert.equal(http.waitBudgetLeftMs, 600_000 - 5500);
});

test("429s beyond the --max-wait budget fail with RateLimitedError without waiting", async (t) => {
  const server = await withServer(t);
  server.respond(() => ({ status: 429, body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 3000 } }));
  const { http, time } = httpFor(server, { maxWaitMs: 5000 });
  const error = await rejection(http.request({ method: "POST", route: route`/invite`, body: {} }));
  assert.ok(error instanceof RateLimitedError);
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterMs, 3000);
  assert.equal(error.budgetLeftMs, 2000);
  assert.equal(error.mayHaveReachedServer, false);
  assert.match(error.message, /rate limited .*wait 3 s .*2 s of the --max-wait budget/);
  assert.deepEqual(time.sleeps, [3000]);
  const next = await rejection(http.request({ method: "POST", route: route`/kick`, body: {} }));
  assert.ok(next instanceof RateLimitedError, "the budget is per run, shared by later requests");
});

test("a dropped connection is retried; drops on every attempt make the server unreachable and later requests fail fast", async (t) => {
  const server = await withServer(t);
  server.reply({ drop: true });
  const { http } = httpFor(server);
  assert.deepEqual(await http.request({ method: "GET", route: route`/x` }), { ok: true });
  server.respond(() => ({ drop: true }));
  const error = await rejection(http.request({ method: "POST", route: route`/_synapse/admin/v1/join/${"#a:hs"}`, body: {} }));
  assert.ok(error instanceof ServerUnreachableError);
  assert.equal(error.attempts, 5);
  assert.equal(error.mayHaveReachedServer, true);
  assert.equal(error.status, undefined);
  assert.match(error.reason, /closed|reset|hang/i);
  assert.equal(http.unreachable, true);
  const before = server.requests.length;
  const fast = await rejection(http.request({ method: "GET", route: route`/y` }));
  assert.ok(fast instanceof ServerUnreachableError);
  assert.equal(fast.attempts, 0);
  assert.equal(fast.mayHaveReachedServer, false);
  assert.match(fast.message, /not attempted/);
  assert.equal(server.requests.length, before);
});

test("once one request finds the server unreachable, requests waiting to retry stop instead of trying again", async (t) => {
  const server = await withServer(t);
  server.respond(() => ({ drop: true }));
  const { http } = httpFor(server);
  const [quick, patient] = await Promise.all([
    rejection(http.request({ method: "GET", route: route`/a`, maxAttempts: 2 })),
    rejection(http.request({ method: "GET", route: route`/b`, maxAttempts: 10 })),
  ]);
  assert.ok(quick instanceof ServerUnreachableError && patient instanceof ServerUnreachableError);
  assert.equal(quick.attempts, 2);
  assert.ok(patient.attempts < 10, `the second request went on for ${patient.attempts} attempts`);
  assert.equal(patient.mayHaveReachedServer, true, "its earlier attempts may have reached the server");
  assert.ok(server.requests.length <= 4, `${server.requests.length} requests reached the server`);
});

test("a refused connection is unreachable and known not to have reached the server", async () => {
  const port = await closedPort();
  const { http, time } = httpFor({ url: `http://127.0.0.1:${port}` });
  const error = await rejection(http.request({ method: "GET", route: route`/_synapse/admin/v1/server_version` }));
  assert.ok(error instanceof ServerUnreachableError);
  assert.equal(error.mayHaveReachedServer, false);
  assert.equal(error.message, `GET /_synapse/admin/v1/server_version failed: http://127.0.0.1:${port}: connection refused (ECONNREFUSED), after 5 attempts`);
  assert.equal(time.sleeps.length, 4);
  assertNoToken(error);
});

test("errors name the server by its URL without trailing slashes, a path prefix kept", async () => {
  const port = await closedPort();
  const { http } = httpFor({ url: `http://user:pw@127.0.0.1:${port}/matrix//?q=1` }, { maxAttempts: 1 });
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof ServerUnreachableError);
  assert.equal(error.where, `http://127.0.0.1:${port}/matrix: connection refused (ECONNREFUSED)`);
});

test("a hanging request times out and is retried; a later 4xx is still flagged as possibly applied", async (t) => {
  const server = await withServer(t);
  server.reply({ hang: true }, { status: 403, body: { errcode: "M_FORBIDDEN", error: "@u:hs is already in the room." } });
  const { http } = httpFor(server, { requestTimeoutMs: 400 });
  const error = await rejection(http.request({ method: "POST", route: route`/_synapse/admin/v1/join/${"!r:hs"}`, body: {} }));
  assert.ok(error instanceof HomeserverError);
  assert.equal(error.status, 403);
  assert.equal(error.mayHaveReachedServer, true);
  assert.equal(server.requests.length, 2);
});

test("requests that hang on every attempt end as unreachable, naming the timeout", async (t) => {
  const server = await withServer(t);
  server.respond(() => ({ hang: true }));
  const { http } = httpFor(server, { requestTimeoutMs: 20, maxAttempts: 2 });
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof ServerUnreachableError);
  assert.match(error.message, /no answer within 0.02 s \(request timeout\), after 2 attempts/);
});

test("a redirect is never followed: the error names its target and the other host sees nothing", async (t) => {
  const server = await withServer(t);
  const elsewhere = await withServer(t);
  server.reply({ status: 302, headers: { location: `${elsewhere.url}/steal` } });
  const { http } = httpFor(server);
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof HomeserverError);
  assert.equal(error.status, 302);
  assert.ok(error.message.includes(`redirecting to ${elsewhere.url}/steal`), error.message);
  assert.match(error.hint ?? "", /--homeserver/);
  assert.equal(elsewhere.requests.length, 0);
  assert.equal(server.requests.length, 1);
});

test("the token never appears in errors, even when the server echoes it back", async (t) => {
  const server = await withServer(t);
  const encoded = encodeURIComponent(TOKEN);
  server.reply(
    { status: 401, body: { errcode: "M_UNKNOWN_TOKEN", error: `Invalid token ${TOKEN}`, [TOKEN]: TOKEN, nested: [{ t: `Bearer ${TOKEN}` }] } },
    { status: 302, headers: { location: `https://evil.example/?access_token=${encoded}` } },
    { status: 400, rawBody: `<html>bad token ${TOKEN} ${JSON.stringify(TOKEN)}</html>` },
    { status: 200, rawBody: `not json ${TOKEN}` },
  );
  const { http } = httpFor(server);
  for (let i = 0; i < 4; i += 1) {
    const error = await rejection(http.request({ method: "GET", route: route`/x` }));
    assert.ok(error instanceof HomeserverError);
    assertNoToken(error);
  }
  server.respond(() => ({ drop: true }));
  const dropped = await rejection(http.request({ method: "GET", route: route`/x` }));
  assertNoToken(dropped);
});

test("a 2xx answer that is not JSON is an error that says where the URL may point", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 200, rawBody: "<html>login</html>" });
  const { http } = httpFor(server);
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof HomeserverError);
  assert.match(error.message, /answered 200 with a body that is not JSON/);
  assert.equal(error.hint, "Check that the URL points at the Synapse homeserver itself, not a web page or a proxy's login screen.");
});

test("a non-JSON error page without a title is summarised as its text, tags read as spaces", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 502, rawBody: "<html><body><h1>Bad</h1><p>Gateway</p></body></html>" });
  const { http } = httpFor(server, { maxAttempts: 1 });
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof HomeserverError);
  assert.equal(error.message, "GET /x answered 502: Bad Gateway");
});

test("an error answer whose JSON is not an object (null, a list) fails as that status, with nothing read from it", async (t) => {
  for (const rawBody of ["null", '["M_FORBIDDEN"]', '"oops"']) {
    const server = await withServer(t);
    server.reply({ status: 403, rawBody });
    const { http } = httpFor(server);
    const error = await rejection(http.request({ method: "GET", route: route`/x` }));
    assert.ok(error instanceof HomeserverError, `${rawBody}: ${String(error)}`);
    assert.deepEqual([error.status, error.errcode, error.serverMessage, error.extra], [403, undefined, undefined, undefined], rawBody);
  }
});

test("a request that cannot even be written (a body JSON cannot hold) is a plain error, never sent nor retried", async (t) => {
  const server = await withServer(t);
  const { http, time } = httpFor(server);
  const error = await rejection(http.request({ method: "POST", route: route`/x`, body: { n: 1n } }));
  assert.ok(!(error instanceof HomeserverError), String(error));
  assert.match(String(error), /^Error: could not send POST \/x: TypeError: Do not know how to serialize a BigInt/);
  assert.deepEqual([server.requests.length, time.sleeps.length], [0, 0]);
});

test("without an injected sleep a 429 is really waited out before the retry", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 300 } });
  const http = createHttp({ baseUrl: server.url, token: TOKEN });
  const started = Date.now();
  assert.deepEqual(await http.request({ method: "GET", route: route`/x` }), { ok: true });
  assert.ok(Date.now() - started >= 250, `retried after ${Date.now() - started} ms, asked to wait 300 ms`);
  assert.equal(server.requests.length, 2);
});

test("a non-JSON error page is summarised by its title", async (t) => {
  const server = await withServer(t);
  server.reply({ status: 404, rawBody: "<html><head><title>404 Not Found</title></head><body>nginx</body></html>" });
  const { http } = httpFor(server);
  const error = await rejection(http.request({ method: "GET", route: route`/x` }));
  assert.ok(error instanceof HomeserverError);
  assert.equal(error.message, "GET /x answered 404: 404 Not Found");
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test("a token that cannot travel in a header is refused up front, without quoting it", () => {
  assert.throws(
    () => createHttp({ baseUrl: "http://127.0.0.1:1", token: "syt_s3cr3tT0k3n\nX-Evil: 1" }),
    (error) =>
      error instanceof UserError &&
      /cannot be sent in an HTTP header/.test(error.message) &&
      error.hint === "Give only the token, on one line." &&
      !String(error.stack).includes("s3cr3t"),
  );
});

test("the client object does not expose the token to JSON or inspect", async (t) => {
  const server = await withServer(t);
  const { http } = httpFor(server);
  for (const text of [JSON.stringify(http), inspect(http, { showHidden: true, depth: 10 })]) assert.ok(!text.includes("s3cr3t"), text);
});
