/** How the HTTP client reads odd answers: empty bodies, error pages, bodies that are not objects, redirects without a target. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHttp, type HttpEvent } from "../../src/homeserver/http.js";
import { HomeserverError } from "../../src/homeserver/errors.js";
import { route } from "../../src/homeserver/route.js";
import { startScriptedServer, type ScriptedReply } from "../support/scripted-server.js";
import { createFakeTime } from "../support/fake-time.js";

async function answerTo(t: { after: (fn: () => Promise<void>) => void }, ...replies: ScriptedReply[]) {
  const server = await startScriptedServer(() => ({ status: 200, body: { ok: true } }));
  t.after(() => server.close());
  server.reply(...replies);
  const time = createFakeTime();
  const events: HttpEvent[] = [];
  const http = createHttp({ baseUrl: `${server.url}/`, token: "tok", sleep: time.sleep, now: time.now, random: () => 0.5, onEvent: (e) => events.push(e) });
  const outcome = await http.request({ method: "GET", route: route`/x` }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome, events, time, server };
}

function refusal(outcome: { value?: unknown; error?: unknown }): HomeserverError {
  assert.ok(outcome.error instanceof HomeserverError, `expected a HomeserverError, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

test("an empty or blank 2xx body reads as an empty object", async (t) => {
  for (const rawBody of ["", "  \n"]) {
    const { outcome } = await answerTo(t, { status: 200, rawBody });
    assert.deepEqual(outcome, { value: {} });
  }
});

const errorPages: { name: string; rawBody: string; message: string | undefined }[] = [
  { name: "tags are stripped and white space collapsed", rawBody: "<html>\n<body><h1>Bad</h1>\n\n  <p>gateway</p></body></html>", message: "Bad gateway" },
  { name: "a long page is cut to 120 characters", rawBody: "x".repeat(200), message: `${"x".repeat(117)}...` },
  { name: "exactly 120 characters are kept whole", rawBody: "y".repeat(120), message: "y".repeat(120) },
  { name: "an empty page gives no message", rawBody: "", message: undefined },
  { name: "a page of tags only gives no message", rawBody: "<br/> <hr>", message: undefined },
];

for (const { name, rawBody, message } of errorPages) {
  test(`a non-JSON error page: ${name}`, async (t) => {
    const error = refusal((await answerTo(t, { status: 404, rawBody })).outcome);
    assert.equal(error.serverMessage, message);
    assert.equal(error.errcode, undefined);
  });
}

test("a JSON error that is not an object, or whose fields are not strings, has no errcode or message", async (t) => {
  for (const body of [["M_FORBIDDEN"], "M_FORBIDDEN", null, { errcode: 403, error: ["no"] }]) {
    const error = refusal((await answerTo(t, { status: 403, body })).outcome);
    assert.deepEqual([error.status, error.errcode, error.serverMessage], [403, undefined, undefined], JSON.stringify(body));
    assert.equal(error.message, "GET /x answered 403");
  }
});

test("a JSON error keeps its extra fields, and has none when there are none", async (t) => {
  const bare = refusal((await answerTo(t, { status: 400, body: { errcode: "M_BAD_JSON", error: "bad" } })).outcome);
  assert.equal(bare.extra, undefined);
  const rich = refusal((await answerTo(t, { status: 400, body: { errcode: "M_BAD_JSON", error: "bad", field: "user_id" } })).outcome);
  assert.deepEqual(rich.extra, { field: "user_id" });
});

test("a redirect without a Location header says so", async (t) => {
  const error = refusal((await answerTo(t, { status: 307 })).outcome);
  assert.match(error.message, /answered 307 redirecting to \(no Location header\)/);
  assert.equal(error.mayHaveReachedServer, false);
});

test("every answer and every retry is reported as an event, with its attempt number and cause", async (t) => {
  const { outcome, events, server } = await answerTo(
    t,
    { status: 503, body: { errcode: "M_UNKNOWN" } },
    { status: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 250 } },
  );
  assert.deepEqual(outcome, { value: { ok: true } });
  assert.equal(server.requests.length, 3);
  assert.deepEqual(
    events.map((e) => (e.type === "response" ? `response ${e.method} ${e.path} ${e.status} #${e.attempt}` : `retry ${e.method} ${e.path} #${e.attempt} ${e.cause} ${e.waitMs}`)),
    ["response GET /x 503 #1", "retry GET /x #1 503 500", "response GET /x 429 #2", "retry GET /x #2 429 250", "response GET /x 200 #3"],
  );
});

test("a 429 without any usable wait waits at least 100 ms, then backs off exponentially", async (t) => {
  const { time } = await answerTo(t, { status: 429, body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 0 } }, { status: 429, body: { errcode: "M_LIMIT_EXCEEDED" } }, { status: 429, rawBody: "" });
  assert.deepEqual(time.sleeps, [100, 1000, 2000]);
});
