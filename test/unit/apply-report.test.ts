import { test } from "node:test";
import assert from "node:assert/strict";
import type { ApplyResult } from "../../src/apply/types.js";
import type { Plan } from "../../src/plan/types.js";
import { buildApplyReport } from "../../src/render/apply-report.js";

const plan: Plan = {
  formatVersion: 2,
  serverName: "acme.test",
  admin: "@admin:acme.test",
  summary: { join: 2, invite: 0, kick: 1, power: 0, blocked: 1, errors: 0 },
  rooms: [
    {
      room: "#eng:acme.test",
      roomId: "!e:acme.test",
      source: { file: "rooms/a.yaml", line: 1, column: 1 },
      prune: true,
      changes: [
        { action: "join", user: "@a:acme.test", reason: "declared" },
        { action: "join", user: "@b:acme.test", reason: "declared" },
        { action: "kick", user: "@c:acme.test", reason: "undeclared" },
      ],
      blocked: [{ code: "admin_cannot_kick", users: ["@d:acme.test"], hint: "raise the admin" }],
      info: [],
      currentMembers: ["@admin:acme.test", "@c:acme.test", "@d:acme.test"],
    },
  ],
};

const result: ApplyResult = {
  rooms: [
    {
      room: "#eng:acme.test",
      roomId: "!e:acme.test",
      results: [
        { action: "join", user: "@a:acme.test", status: "done", attempts: 2, durationMs: 40 },
        { action: "join", user: "@b:acme.test", status: "done", already: true, detail: "already so on the server", attempts: 1, durationMs: 9 },
        { action: "kick", user: "@c:acme.test", status: "deferred", errcode: "M_LIMIT_EXCEEDED", detail: "rate limited", attempts: 3, durationMs: 5000 },
      ],
    },
  ],
  summary: { joined: 2, invited: 0, kicked: 0, powerChanged: 0, failed: 0, deferred: 1, notAttempted: 0, blocked: 1, skippedRooms: 0, adminEnsured: 0 },
  waitedMs: 4200.4,
};

test("the apply report lists each action with its outcome (already-done told apart), a room-level block per user, and why the exit code is what it is", () => {
  const report = buildApplyReport(plan, result, 1);
  assert.deepEqual(
    report.actions.map((a) => [a.kind, a.user, a.outcome, a.errcode ?? "", a.attempts ?? 0]),
    [
      ["join", "@a:acme.test", "done", "", 2],
      ["join", "@b:acme.test", "already_done", "", 1],
      ["kick", "@c:acme.test", "deferred", "M_LIMIT_EXCEEDED", 3],
      ["kick", "@d:acme.test", "blocked", "", 0],
    ],
  );
  assert.equal(report.actions[3]?.code, "admin_cannot_kick");
  assert.equal(report.summary.alreadyDone, 1);
  assert.equal(report.summary.waitedMs, 4200);
  assert.deepEqual(report.exit, { code: 1, reason: "1 deferred (rate limited past --max-wait), 1 blocked" });
});

test("the exit reason names everything left undone, in words, and why apply stopped early", () => {
  const summary = { ...result.summary, deferred: 0, blocked: 0 };
  const reason = (extra: Partial<ApplyResult["summary"]>, stoppedEarly?: string) =>
    buildApplyReport(plan, { ...result, summary: { ...summary, ...extra }, ...(stoppedEarly ? { stoppedEarly } : {}) }, 1).exit.reason;
  assert.equal(reason({ failed: 2, notAttempted: 3, skippedRooms: 1 }), "2 failed, 3 not attempted, 1 room skipped");
  assert.equal(reason({ skippedRooms: 2 }), "2 rooms skipped");
  assert.equal(reason({ notAttempted: 1 }, "http://127.0.0.1:8008: connection refused"), "apply stopped early (http://127.0.0.1:8008: connection refused); 1 not attempted");
  assert.equal(reason({}), "not everything was done");
  assert.equal(buildApplyReport(plan, { ...result, summary }, 0).exit.reason, "everything planned was done");
});
