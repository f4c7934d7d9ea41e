/** The words an admin reads when a request to the homeserver did not succeed. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "../../src/homeserver/errors.js";

const failure = (extra: Partial<RequestFailure> = {}): RequestFailure => ({
  method: "POST",
  path: "/_synapse/admin/v1/join/%23eng%3Aacme.test",
  template: "/_synapse/admin/v1/join/*",
  mayHaveReachedServer: false,
  attempts: 1,
  ...extra,
});

test("a refusal names the request, the status, the errcode and the server's words, each only when there", () => {
  const path = failure().path;
  assert.equal(new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN", serverMessage: "no" })).message, `POST ${path} answered 403 M_FORBIDDEN: no`);
  assert.equal(new HomeserverError(failure({ status: 502 })).message, `POST ${path} answered 502`);
  assert.equal(new HomeserverError(failure()).message, `POST ${path} answered nothing`);
});

test("rate limited past the budget: what the server asked and what was left, the errcode only when sent", () => {
  const path = failure().path;
  assert.equal(
    new RateLimitedError(failure({ status: 429, errcode: "M_LIMIT_EXCEEDED" }), 5000, 1500).message,
    `POST ${path} is rate limited (429 M_LIMIT_EXCEEDED): the server asks to wait 5 s but only 1.5 s of the --max-wait budget is left`,
  );
  assert.equal(new RateLimitedError(failure({ status: 429 }), 250, 0).message, `POST ${path} is rate limited (429): the server asks to wait 250 ms but only 0 ms of the --max-wait budget is left`);
});

test("an unreachable server: attempts counted in words, or 'not attempted' when an earlier request found it down", () => {
  const path = failure().path;
  const server = "http://127.0.0.1:8008";
  assert.equal(new ServerUnreachableError(failure({ attempts: 1 }), "connection refused (ECONNREFUSED)", server).message, `POST ${path} failed: ${server}: connection refused (ECONNREFUSED), after 1 attempt`);
  assert.equal(new ServerUnreachableError(failure({ attempts: 3 }), "connection reset (ECONNRESET)", server).message, `POST ${path} failed: ${server}: connection reset (ECONNRESET), after 3 attempts`);
  const skipped = new ServerUnreachableError(failure({ attempts: 0 }), "connection refused (ECONNREFUSED)", server);
  assert.equal(skipped.message, `POST ${path} not attempted: ${server} was found unreachable earlier in this run (connection refused (ECONNREFUSED))`);
  assert.equal(skipped.where, `${server}: connection refused (ECONNREFUSED)`);
});
