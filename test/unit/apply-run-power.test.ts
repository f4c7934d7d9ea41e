/** runPowerChanges: one state event per room built on the levels re-read just before sending, and what each change became. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { StopSignal, type MembershipActions } from "../../src/apply/run-action.js";
import { runPowerChanges } from "../../src/apply/run-power.js";
import { HomeserverError, RateLimitedError, type RequestFailure } from "../../src/homeserver/errors.js";
import type { RequestStats } from "../../src/homeserver/http.js";
import type { Change } from "../../src/plan/types.js";

const ADMIN = "@admin:acme.test";
const failure = (extra: Partial<RequestFailure> = {}): RequestFailure => ({ method: "PUT", path: "/x", template: "/x", mayHaveReachedServer: false, attempts: 1, ...extra });
const promote = (user: string, to: number): Change => ({ action: "power", user, reason: "declared", power: { from: 0, to } });

/** A room's power levels held in memory; `write` may fail, and `land` says whether a failed write took effect anyway. */
interface FakeServer {
  content: Record<string, unknown> | null;
  writes: Record<string, unknown>[];
  actions: MembershipActions;
}

function server(content: Record<string, unknown> | null, write?: { error: Error; land?: boolean }): FakeServer {
  const fake: FakeServer = {
    content,
    writes: [],
    actions: {
      perform: () => Promise.reject(new Error("no membership actions here")),
      membershipOf: () => Promise.resolve(undefined),
      power: {
        readPowerLevels: (): Promise<Record<string, unknown> | null> => Promise.resolve(fake.content === null ? null : structuredClone(fake.content)),
        writePowerLevels: (_roomId: string, next: Record<string, unknown>) => {
          fake.writes.push(next);
          if (write === undefined || write.land === true) fake.content = next;
          return write === undefined ? Promise.resolve() : Promise.reject(write.error);
        },
      },
    },
  };
  return fake;
}

/** Runs `before` ahead of every write the fake server receives (the write itself then goes on as before). */
function beforeEachWrite(hs: FakeServer, before: (stats?: RequestStats) => void | Promise<void>): void {
  const power = hs.actions.power;
  assert.ok(power);
  const write = power.writePowerLevels;
  power.writePowerLevels = async (roomId, next, stats) => {
    await before(stats);
    return write(roomId, next, stats);
  };
}

const levels = () => ({ users: { [ADMIN]: 100, "@bob:acme.test": 0 }, users_default: 0, historical: 100 });

test("all of a room's power changes go out as one event on the current content, each reported done with its level", async () => {
  const hs = server(levels());
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50), promote("@carol:acme.test", 100)], hs.actions, new StopSignal(), ADMIN);
  assert.equal(hs.writes.length, 1);
  assert.deepEqual(hs.content, { users: { [ADMIN]: 100, "@bob:acme.test": 50, "@carol:acme.test": 100 }, users_default: 0, historical: 100 });
  assert.deepEqual(results.map((r) => `${r.user} ${r.status} ${r.level} ${r.already ?? "-"}`), ["@bob:acme.test done 50 -", "@carol:acme.test done 100 -"]);
});

test("nothing is sent when the levels are already as planned (someone did it by hand): done, already so", async () => {
  const hs = server({ ...levels(), users: { [ADMIN]: 100, "@bob:acme.test": 50 } });
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, new StopSignal(), ADMIN);
  assert.equal(hs.writes.length, 0);
  assert.deepEqual(results.map((r) => [r.status, r.already]), [["done", true]]);
});

test("a change already made by hand is marked already, the others are sent", async () => {
  const hs = server({ ...levels(), users: { [ADMIN]: 100, "@bob:acme.test": 50 } });
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50), promote("@carol:acme.test", 10)], hs.actions, new StopSignal(), ADMIN);
  assert.equal(hs.writes.length, 1);
  assert.deepEqual(results.map((r) => [r.user, r.status, r.already]), [["@bob:acme.test", "done", true], ["@carol:acme.test", "done", undefined]]);
});

test("a refusal fails every change of the room with Synapse's errcode and message", async () => {
  const refusal = new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN", serverMessage: "You don't have permission to add ops level greater than your own" }));
  const hs = server(levels(), { error: refusal });
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, new StopSignal(), ADMIN);
  assert.deepEqual(results.map((r) => [r.status, r.errcode, r.detail]), [["failed", "M_FORBIDDEN", "403 M_FORBIDDEN: You don't have permission to add ops level greater than your own"]]);
});

test("an answer lost on the way back is settled by reading the levels: done when they landed, failed when not", async () => {
  const lost = () => new HomeserverError(failure({ status: 502, mayHaveReachedServer: true }));
  const landed = server(levels(), { error: lost(), land: true });
  const ok = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], landed.actions, new StopSignal(), ADMIN);
  assert.deepEqual(ok.map((r) => [r.status, r.already]), [["done", true]]);
  const notLanded = server(levels(), { error: lost() });
  const bad = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], notLanded.actions, new StopSignal(), ADMIN);
  assert.deepEqual(bad.map((r) => r.status), ["failed"]);
});

test("rate limited past the waiting budget: deferred, with the errcode", async () => {
  const limited = new RateLimitedError(failure({ status: 429, errcode: "M_LIMIT_EXCEEDED" }), 5000, 0);
  const hs = server(levels(), { error: limited });
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, new StopSignal(), ADMIN);
  assert.deepEqual(results.map((r) => [r.status, r.errcode]), [["deferred", "M_LIMIT_EXCEEDED"]]);
});

test("after apply stopped early nothing is read or sent", async () => {
  const hs = server(levels());
  const stop = new StopSignal();
  stop.stop("the server is unreachable");
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, stop, ADMIN);
  assert.equal(hs.writes.length, 0);
  assert.deepEqual(results.map((r) => r.status), ["not_attempted"]);
});

test("a result carries the level only when it was set; a failed change says nothing of a level", async () => {
  const refusal = new HomeserverError(failure({ status: 403, errcode: "M_FORBIDDEN", serverMessage: "no" }));
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], server(levels(), { error: refusal }).actions, new StopSignal(), ADMIN);
  assert.equal("level" in (results[0] ?? {}), false);
});

test("an answer lost on the way back is done only if EVERY change of the room landed", async () => {
  const hs = server(levels(), { error: new HomeserverError(failure({ status: 502, mayHaveReachedServer: true })) });
  // Someone set bob by hand meanwhile; carol's change did not land.
  beforeEachWrite(hs, () => {
    hs.content = { ...levels(), users: { [ADMIN]: 100, "@bob:acme.test": 50 } };
  });
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50), promote("@carol:acme.test", 10)], hs.actions, new StopSignal(), ADMIN);
  assert.deepEqual(results.map((r) => r.status), ["failed", "failed"]);
});

test("what a result says: the stop's reason, 'already so', the requests it took and a duration within the call", async () => {
  const stop = new StopSignal();
  stop.stop("the server is unreachable");
  const stopped = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], server(levels()).actions, stop, ADMIN);
  assert.equal(stopped[0]?.detail, "apply stopped early: the server is unreachable");

  const already = await runPowerChanges("!r", [promote("@bob:acme.test", 0)], server(levels()).actions, new StopSignal(), ADMIN);
  assert.equal(already[0]?.detail, "already so on the server");
  assert.equal("attempts" in (already[0] ?? {}), false, "no request, no attempts");

  const hs = server(levels());
  beforeEachWrite(hs, async (stats) => {
    if (stats) stats.attempts += 2;
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  const started = performance.now();
  const [sent] = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, new StopSignal(), ADMIN);
  const elapsed = performance.now() - started;
  assert.equal(sent?.attempts, 2);
  assert.ok(sent?.durationMs !== undefined && sent.durationMs >= 0 && sent.durationMs <= Math.ceil(elapsed), `durationMs ${sent?.durationMs} within the call's ${elapsed} ms`);
});

test("an answer lost on the way back, and the levels then unreadable: failed, not done", async () => {
  const hs = server(levels(), { error: new HomeserverError(failure({ status: 502, mayHaveReachedServer: true })), land: true });
  const power = hs.actions.power;
  assert.ok(power);
  let reads = 0;
  const read = power.readPowerLevels;
  power.readPowerLevels = (roomId) => (++reads > 1 ? Promise.reject(new Error("connection reset")) : read(roomId));
  const results = await runPowerChanges("!r", [promote("@bob:acme.test", 50)], hs.actions, new StopSignal(), ADMIN);
  assert.equal(reads, 2);
  assert.deepEqual(results.map((r) => r.status), ["failed"]);
});
