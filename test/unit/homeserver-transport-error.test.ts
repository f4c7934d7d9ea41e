/**
 * What roster makes of a failure below HTTP: the words an admin reads, and whether apply must treat the
 * request as possibly seen by the server (then it re-reads membership instead of trusting the failure).
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyTransportError, isNetworkError } from "../../src/homeserver/transport-error.js";

const coded = (code: string, extra: object = {}) => Object.assign(new Error("low-level"), { code }, extra);
const wrapped = (cause: unknown) => new TypeError("fetch failed", { cause });

test("a connection never made cannot have reached the server; one that broke may have", () => {
  const rows: [unknown, string, boolean][] = [
    [coded("ECONNREFUSED"), "connection refused (ECONNREFUSED)", false],
    [wrapped(coded("ENOTFOUND")), "host name not found (ENOTFOUND)", false],
    [wrapped(coded("UND_ERR_CONNECT_TIMEOUT")), "connection timed out (UND_ERR_CONNECT_TIMEOUT)", false],
    [wrapped(coded("CERT_HAS_EXPIRED")), "TLS certificate has expired (CERT_HAS_EXPIRED)", false],
    [coded("ECONNRESET"), "connection reset (ECONNRESET)", true],
    [wrapped(coded("UND_ERR_SOCKET")), "connection closed by the server (UND_ERR_SOCKET)", true],
    [wrapped(coded("UND_ERR_HEADERS_TIMEOUT")), "no answer in time (UND_ERR_HEADERS_TIMEOUT)", true],
    [wrapped(coded("E_SOMETHING_NEW")), "network error (E_SOMETHING_NEW)", true],
    [new TypeError("terminated"), "network error", true],
  ];
  for (const [error, reason, maybeSent] of rows) assert.deepEqual(classifyTransportError(error, false, 30_000), { reason, maybeSent }, reason);
});

test("roster's own request timeout wins over whatever the aborted request threw, and may have reached the server", () => {
  assert.deepEqual(classifyTransportError(coded("ECONNREFUSED"), true, 2_500), { reason: "no answer within 2.5 s (request timeout)", maybeSent: true });
});

test("the code is found inside causes and inside an AggregateError's errors (both addresses of localhost refused)", () => {
  const aggregate = Object.assign(new AggregateError([new Error("no code"), coded("ECONNREFUSED")], "all failed"));
  assert.equal(classifyTransportError(wrapped(aggregate), false, 1000).reason, "connection refused (ECONNREFUSED)");
  const deep = wrapped(new Error("a", { cause: new Error("b", { cause: new Error("c", { cause: coded("EHOSTUNREACH") }) }) }));
  assert.equal(classifyTransportError(deep, false, 1000).reason, "host unreachable (EHOSTUNREACH)");
});

test("a code that is not an error code (lower case, a number) is not taken for one", () => {
  assert.equal(classifyTransportError(wrapped(coded("econnrefused")), false, 1000).reason, "network error");
  assert.equal(classifyTransportError(wrapped(Object.assign(new Error("x"), { code: 42 })), false, 1000).reason, "network error");
});

test("an error whose cause is itself is classified, not followed forever", () => {
  const loop = new Error("loop") as Error & { cause?: unknown };
  loop.cause = loop;
  assert.deepEqual(classifyTransportError(loop, false, 1000), { reason: "network error", maybeSent: true });
  assert.equal(isNetworkError(loop), false);
});

test("network trouble is an error with a code, or fetch's own TypeErrors; a bug in roster is not", () => {
  assert.equal(isNetworkError(wrapped(coded("ECONNRESET"))), true);
  assert.equal(isNetworkError(new TypeError("fetch failed")), true);
  assert.equal(isNetworkError(new TypeError("terminated")), true);
  assert.equal(isNetworkError(new TypeError("Cannot read properties of undefined (reading 'x')")), false);
  assert.equal(isNetworkError(new Error("fetch failed")), false, "only fetch's TypeError");
  assert.equal(isNetworkError("ECONNRESET"), false);
});
