/** What becomes of a room's --ensure-admin steps, for each way the server can answer. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { runEnsureAdmin } from "../../src/apply/ensure-admin.js";
import { StopSignal, type MembershipActions } from "../../src/apply/run-action.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "../../src/homeserver/errors.js";
import type { EnsureAdmin } from "../../src/plan/types.js";

const ensure: EnsureAdmin = { steps: ["make_room_admin", "join"], puppet: "@carol:acme.test", grantedPower: 100, reason: "the admin is not in the room" };
const failure = (status: number | undefined, errcode?: string, error?: string): RequestFailure => ({
  method: "POST",
  path: "/_synapse/admin/v1/rooms/!r:acme.test/make_room_admin",
  template: "/_synapse/admin/v1/rooms/*/make_room_admin",
  ...(status !== undefined ? { status } : {}),
  ...(errcode !== undefined ? { errcode } : {}),
  ...(error !== undefined ? { serverMessage: error } : {}),
  mayHaveReachedServer: false,
  attempts: 1,
});

function actions(error?: Error): MembershipActions & { calls: number } {
  const fake = {
    calls: 0,
    perform: () => Promise.resolve(),
    membershipOf: () => Promise.resolve(undefined),
    ensureAdmin: () => {
      fake.calls += 1;
      return error ? Promise.reject(error) : Promise.resolve();
    },
  };
  return fake;
}

const cases: { name: string; error?: Error; status: string; detail?: RegExp }[] = [
  { name: "done", status: "done" },
  { name: "rate limited past the budget: deferred", error: new RateLimitedError(failure(429, "M_LIMIT_EXCEEDED"), 5000, 0), status: "deferred", detail: /rate limited/ },
  { name: "unreachable: failed, unknown whether it took effect", error: new ServerUnreachableError(failure(undefined), "connection reset", "http://127.0.0.1:8008"), status: "failed", detail: /whether it took effect is unknown/ },
  {
    name: "no joined local user with power",
    error: new HomeserverError(failure(400, "M_UNKNOWN", "No local admin user in room with power to update power levels.")),
    status: "failed",
    detail: /^400 M_UNKNOWN: No local admin user in room with power.* — @carol:acme\.test is the room's top joined local user/,
  },
  {
    name: "no local admin user at all",
    error: new HomeserverError(failure(400, "M_UNKNOWN", "No local admin user in room")),
    status: "failed",
    detail: / — no joined local user is listed in the room's power levels any more/,
  },
  { name: "server not in room", error: new HomeserverError(failure(400, "M_UNKNOWN", "Server not in room")), status: "failed", detail: / — no local user is left in the room, so this server cannot act in it$/ },
  // Matched by their start: a newer Synapse that adds to its message is still explained.
  {
    name: "no local admin user, with more words after",
    error: new HomeserverError(failure(400, "M_UNKNOWN", "No local admin user in room !r:acme.test")),
    status: "failed",
    detail: / — no joined local user is listed in the room's power levels any more/,
  },
  { name: "server not in room, with more words after", error: new HomeserverError(failure(400, "M_UNKNOWN", "Server not in room !r:acme.test")), status: "failed", detail: / — no local user is left in the room/ },
  { name: "another 400: the server's words only", error: new HomeserverError(failure(400, "M_UNKNOWN", "Something else")), status: "failed", detail: /^400 M_UNKNOWN: Something else$/ },
  { name: "a 403 with the same words is not explained as a 400", error: new HomeserverError(failure(403, "M_FORBIDDEN", "Server not in room")), status: "failed", detail: /^403 M_FORBIDDEN: Server not in room$/ },
];

for (const { name, error, status, detail } of cases) {
  test(`ensure_admin ${name}`, async () => {
    const stop = new StopSignal();
    const result = await runEnsureAdmin("!r:acme.test", ensure, actions(error), stop);
    assert.equal(result.status, status);
    if (detail) assert.match(result.detail ?? "", detail);
    else assert.equal(result.detail, undefined);
    assert.equal(stop.reason !== undefined, error instanceof ServerUnreachableError, "only an unreachable server stops the run");
  });
}

test("ensure_admin is not attempted once the run has stopped, and nothing is sent", async () => {
  const stop = new StopSignal();
  stop.stop("connection refused");
  stop.stop("a later reason");
  const fake = actions();
  const result = await runEnsureAdmin("!r:acme.test", ensure, fake, stop);
  assert.deepEqual(result, { status: "not_attempted", detail: "apply stopped early: connection refused" });
  assert.equal(fake.calls, 0);
});

test("an unexpected error is not turned into a result", async () => {
  await assert.rejects(runEnsureAdmin("!r:acme.test", ensure, actions(new TypeError("bug")), new StopSignal()), TypeError);
});
