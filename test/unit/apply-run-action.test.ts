/** runAction's reported status and detail for each way an action can end. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { describeRefusal, runAction, StopSignal, type MembershipActions } from "../../src/apply/run-action.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "../../src/homeserver/errors.js";
import type { Membership } from "../../src/plan/observation.js";
import type { Change } from "../../src/plan/types.js";

const failure = (extra: Partial<RequestFailure> = {}): RequestFailure => ({ method: "POST", path: "/x", template: "/x", mayHaveReachedServer: false, attempts: 1, ...extra });
const kick: Change = { action: "kick", user: "@bob:acme.test", reason: "undeclared" };

function actions(error: Error | undefined, membership: Membership | undefined | Error): MembershipActions & { reads: number; sent: number } {
  const fake = {
    reads: 0,
    sent: 0,
    perform: () => {
      fake.sent += 1;
      return error ? Promise.reject(error) : Promise.resolve();
    },
    membershipOf: () => {
      fake.reads += 1;
      return membership instanceof Error ? Promise.reject(membership) : Promise.resolve(membership);
    },
  };
  return fake;
}

test("describeRefusal: status, errcode and the server's message, each only when known", () => {
  assert.equal(describeRefusal(new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN", serverMessage: "no" }))), "403 M_FORBIDDEN: no");
  assert.equal(describeRefusal(new HomeserverError(failure({ status: 400 }))), "400 no errcode");
  assert.equal(describeRefusal(new HomeserverError(failure({ errcode: "M_UNKNOWN" }))), "M_UNKNOWN");
});

test("the first reason to stop is kept", () => {
  const stop = new StopSignal();
  assert.equal(stop.reason, undefined);
  stop.stop("first");
  stop.stop("second");
  assert.equal(stop.reason, "first");
});

const cases: { name: string; error?: Error; membership?: Membership | Error | undefined; status: string; detail?: RegExp | string; reads: number }[] = [
  { name: "done", status: "done", reads: 0 },
  { name: "a 4xx that cannot mean done is not re-read", error: new HomeserverError(failure({ status: 400, errcode: "M_BAD_JSON" })), membership: "leave", status: "failed", detail: "400 M_BAD_JSON", reads: 0 },
  { name: "a 403 for a user already gone is done", error: new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN" })), membership: "leave", status: "done", detail: "already so on the server", reads: 1 },
  { name: "a 403 for a user still joined fails", error: new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN", serverMessage: "no" })), membership: "join", status: "failed", detail: "403 M_FORBIDDEN: no", reads: 1 },
  { name: "a banned user counts as removed", error: new HomeserverError(failure({ status: 500, mayHaveReachedServer: true })), membership: "ban", status: "done", detail: "already so on the server", reads: 1 },
  { name: "a user with no membership counts as removed", error: new HomeserverError(failure({ status: 502, mayHaveReachedServer: true })), membership: undefined, status: "done", detail: "already so on the server", reads: 1 },
  { name: "a re-read that fails leaves it failed", error: new HomeserverError(failure({ status: 503, errcode: "M_UNKNOWN", mayHaveReachedServer: true })), membership: new HomeserverError(failure({ status: 500 })), status: "failed", detail: "503 M_UNKNOWN", reads: 1 },
  { name: "rate limited: deferred, not re-read", error: new RateLimitedError(failure({ status: 429 }), 1000, 0), membership: "leave", status: "deferred", detail: /rate limited/, reads: 0 },
  { name: "unreachable: failed, unknown, not re-read", error: new ServerUnreachableError(failure({ mayHaveReachedServer: true }), "connection reset", "http://127.0.0.1:8008"), membership: "leave", status: "failed", detail: /whether it took effect is unknown, the next plan will show$/, reads: 0 },
];

for (const { name, error, membership, status, detail, reads } of cases) {
  test(`a kick: ${name}`, async () => {
    const fake = actions(error, membership);
    const stop = new StopSignal();
    const result = await runAction("!r:acme.test", kick, fake, stop);
    assert.deepEqual([result.action, result.user, result.status], ["kick", "@bob:acme.test", status]);
    if (detail === undefined) assert.equal(result.detail, undefined);
    else if (typeof detail === "string") assert.equal(result.detail, detail);
    else assert.match(result.detail ?? "", detail);
    assert.equal(fake.reads, reads, "membership re-reads");
    assert.equal(stop.reason, error instanceof ServerUnreachableError ? "http://127.0.0.1:8008: connection reset" : undefined);
  });
}

test("an invite counts as done when the user is invited or already joined, not when it left", async () => {
  const invite: Change = { action: "invite", user: "@zoe:partner.test", reason: "declared" };
  const lost = () => new HomeserverError(failure({ status: 500, mayHaveReachedServer: true }));
  for (const [membership, status] of [["invite", "done"], ["join", "done"], ["leave", "failed"], ["knock", "failed"]] as const) {
    assert.equal((await runAction("!r:acme.test", invite, actions(lost(), membership), new StopSignal())).status, status, membership);
  }
});

test("a join counts as done only when the user is joined", async () => {
  const join: Change = { action: "join", user: "@alice:acme.test", reason: "declared" };
  const lost = () => new HomeserverError(failure({ status: 403 }));
  for (const [membership, status] of [["join", "done"], ["invite", "failed"], ["leave", "failed"]] as const) {
    assert.equal((await runAction("!r:acme.test", join, actions(lost(), membership), new StopSignal())).status, status, membership);
  }
});

test("once stopped, nothing is sent and the action is not attempted", async () => {
  const stop = new StopSignal();
  stop.stop("connection refused");
  const fake = actions(undefined, "join");
  assert.deepEqual(await runAction("!r:acme.test", kick, fake, stop), { action: "kick", user: "@bob:acme.test", status: "not_attempted", detail: "apply stopped early: connection refused" });
  assert.equal(fake.sent, 0);
});

test("an unexpected error is not turned into a result", async () => {
  await assert.rejects(runAction("!r:acme.test", kick, actions(new TypeError("bug"), "join"), new StopSignal()), TypeError);
});

test("the duration an action reports lies within the call that ran it", async () => {
  const slow: MembershipActions = { perform: () => new Promise((resolve) => setTimeout(resolve, 5)), membershipOf: () => Promise.resolve(undefined) };
  const started = performance.now();
  const result = await runAction("!r", kick, slow, new StopSignal());
  const elapsed = performance.now() - started;
  assert.ok(result.durationMs !== undefined && result.durationMs >= 0 && result.durationMs <= Math.ceil(elapsed), `durationMs ${result.durationMs} within the call's ${elapsed} ms`);
});
