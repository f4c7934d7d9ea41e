/** Every form in which a server may echo the token (raw, URL-encoded, JSON-escaped, `\/`-escaped) is redacted. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHttp } from "../../src/homeserver/http.js";
import { HomeserverError } from "../../src/homeserver/errors.js";
import { createRedactor, redactJson, REDACTED } from "../../src/homeserver/redact.js";
import { route } from "../../src/homeserver/route.js";
import { startScriptedServer } from "../support/scripted-server.js";

const TOKEN = 'syt_a/b+c="d\\e';
const forms: [string, string][] = [
  ["raw", TOKEN],
  ["URL-encoded", encodeURIComponent(TOKEN)],
  ["JSON-escaped", JSON.stringify(TOKEN).slice(1, -1)],
  ["slash-escaped (PHP, some proxies)", TOKEN.replace(/\//g, "\\/")],
  ["JSON-escaped with slashes escaped", JSON.stringify(TOKEN).slice(1, -1).replace(/\//g, "\\/")],
];

for (const [name, form] of forms) {
  test(`the ${name} token is redacted, and the text around it kept`, () => {
    const redact = createRedactor(TOKEN);
    assert.equal(redact(`before ${form} after ${form}`), `before ${REDACTED} after ${REDACTED}`);
  });
}

test("JSON values are redacted in strings and keys at any depth; other values are kept", () => {
  const redact = createRedactor("tok");
  assert.deepEqual(redactJson({ "a-tok": ["x tok", { tok: 1, n: null, b: true }] }, redact), { [`a-${REDACTED}`]: [`x ${REDACTED}`, { [REDACTED]: 1, n: null, b: true }] });
});

test("a longer escaped form is redacted whole, not left with the escape characters of a shorter one", () => {
  assert.equal(createRedactor("syt\\")('{"t": "syt\\\\"}'), `{"t": "${REDACTED}"}`);
});

test("an empty secret redacts nothing and leaves the text as it is", () => {
  assert.equal(createRedactor("")("abc"), "abc");
});

test("a text that does not hold the token is returned unchanged", () => {
  assert.equal(createRedactor(TOKEN)("syt_a b+c d e"), "syt_a b+c d e");
});

test("an error page echoing the token with escaped slashes does not carry it into the error", async (t) => {
  const server = await startScriptedServer(() => ({ status: 400, rawBody: `<p>bad ${TOKEN.replace(/\//g, "\\/")}</p>` }));
  t.after(() => server.close());
  const http = createHttp({ baseUrl: server.url, token: TOKEN, sleep: () => Promise.resolve() });
  await assert.rejects(http.request({ method: "GET", route: route`/x` }), (error) => {
    assert.ok(error instanceof HomeserverError);
    assert.equal(error.serverMessage, `bad ${REDACTED}`);
    return true;
  });
});
