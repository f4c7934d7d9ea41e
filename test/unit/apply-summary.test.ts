import { test } from "node:test";
import assert from "node:assert/strict";
import { applyFailed, summariseApply } from "../../src/apply/summarise.js";
import type { ActionStatus, ApplySummary, RoomResult } from "../../src/apply/types.js";
import type { Action } from "../../src/plan/types.js";
import { noApplyCounts as zero } from "../support/apply-builders.js";


function room(results: [Action, ActionStatus][], extra: Partial<RoomResult> = {}): RoomResult {
  return { room: "#r:acme.test", results: results.map(([action, status], i) => ({ action, user: `@u${i}:acme.test`, status })), ...extra };
}

const cases: { name: string; rooms: RoomResult[]; blocked?: number; expected: Partial<ApplySummary> }[] = [
  { name: "nothing done", rooms: [], expected: {} },
  { name: "done actions count by kind", rooms: [room([["join", "done"], ["join", "done"], ["invite", "done"], ["kick", "done"]])], expected: { joined: 2, invited: 1, kicked: 1 } },
  { name: "undone actions count by status, whatever their kind", rooms: [room([["join", "failed"], ["kick", "deferred"], ["invite", "not_attempted"], ["kick", "failed"]])], expected: { failed: 2, deferred: 1, notAttempted: 1 } },
  { name: "a skipped room counts once, its actions as not attempted", rooms: [room([["join", "not_attempted"]], { skipped: "stale" }), room([])], expected: { skippedRooms: 1, notAttempted: 1 } },
  { name: "an ensured admin counts", rooms: [room([], { ensureAdmin: { status: "done" } })], expected: { adminEnsured: 1 } },
  { name: "a failed ensure_admin counts as failed", rooms: [room([], { ensureAdmin: { status: "failed" } })], expected: { failed: 1 } },
  { name: "a deferred ensure_admin counts as deferred", rooms: [room([], { ensureAdmin: { status: "deferred" } })], expected: { deferred: 1 } },
  { name: "an ensure_admin not attempted counts as not attempted", rooms: [room([], { ensureAdmin: { status: "not_attempted" } })], expected: { notAttempted: 1 } },
  { name: "blocked items are passed through", rooms: [room([["join", "done"]])], blocked: 3, expected: { joined: 1, blocked: 3 } },
];

for (const { name, rooms, blocked, expected } of cases) {
  test(`apply summary: ${name}`, () => {
    assert.deepEqual(summariseApply(rooms, blocked ?? 0), { ...zero, ...expected });
  });
}

test("apply failed when anything was left undone, not for work done or an ensured admin", () => {
  assert.equal(applyFailed({ ...zero, joined: 3, invited: 1, kicked: 2, adminEnsured: 1 }), false);
  for (const key of ["failed", "deferred", "notAttempted", "blocked", "skippedRooms"] as const) {
    assert.equal(applyFailed({ ...zero, joined: 1, [key]: 1 }), true, key);
  }
});
