/** The lines `roster apply` prints as it goes and at its end, word for word (without colour). */

import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActionResult, ApplyResult, RoomResult } from "../../src/apply/types.js";
import { applySummaryLine, renderActionLine, renderApplyEnd, renderEnsureAdminLine, renderSkippedRoom } from "../../src/render/apply-text.js";
import { noApplyCounts as zero } from "../support/apply-builders.js";

const room = (extra: Partial<RoomResult> = {}): RoomResult => ({ room: "#eng:acme.test", results: [], ...extra });
const bob = "@bob:acme.test";

test("the summary line: counts always, power and what was left undone only when there is some, singular for one", () => {
  assert.equal(applySummaryLine(zero), "Apply complete: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.");
  assert.equal(
    applySummaryLine({ joined: 3, invited: 1, kicked: 2, powerChanged: 1, failed: 1, deferred: 2, notAttempted: 4, blocked: 5, skippedRooms: 1, adminEnsured: 1 }),
    "Apply complete: 3 joined, 1 invited, 2 kicked, 1 power level changed, 1 failed, 5 blocked, 2 deferred, 4 not attempted, 1 room skipped, admin brought into 1 room.",
  );
  assert.equal(applySummaryLine({ ...zero, powerChanged: 2, skippedRooms: 2, adminEnsured: 3 }), "Apply complete: 0 joined, 0 invited, 0 kicked, 2 power levels changed, 0 failed, 0 blocked, 2 rooms skipped, admin brought into 3 rooms.");
});

test("one line per action: done with its verb, power with the level set, undone with its status and why", () => {
  const line = (result: Omit<ActionResult, "user">) => renderActionLine(room(), { user: bob, ...result }, false);
  assert.equal(line({ action: "join", status: "done" }), `✓ #eng:acme.test: joined ${bob}`);
  assert.equal(line({ action: "invite", status: "done" }), `✓ #eng:acme.test: invited ${bob}`);
  assert.equal(line({ action: "kick", status: "done" }), `✓ #eng:acme.test: kicked ${bob}`);
  assert.equal(line({ action: "power", status: "done", level: 50 }), `✓ #eng:acme.test: power of ${bob} set to 50 (moderator)`);
  assert.equal(line({ action: "power", status: "done" }), `✓ #eng:acme.test: power of ${bob} set to the declared level`);
  assert.equal(line({ action: "join", status: "failed", detail: "403 M_FORBIDDEN: no" }), `✗ failed #eng:acme.test: join ${bob} — 403 M_FORBIDDEN: no`);
  assert.equal(line({ action: "kick", status: "not_attempted" }), `… not attempted #eng:acme.test: kick ${bob}`);
  assert.equal(line({ action: "invite", status: "deferred", detail: "rate limited" }), `… deferred #eng:acme.test: invite ${bob} — rate limited`);
});

test("the admin's entry: the steps that ran, or what stopped it", () => {
  assert.equal(renderEnsureAdminLine(room(), false), "");
  assert.equal(renderEnsureAdminLine(room({ ensureAdmin: { status: "done", steps: ["join"] } }), false), "✓ #eng:acme.test: admin ensured (joined)");
  assert.equal(renderEnsureAdminLine(room({ ensureAdmin: { status: "done" } }), false), "✓ #eng:acme.test: admin ensured (make_room_admin, joined)");
  assert.equal(renderEnsureAdminLine(room({ ensureAdmin: { status: "failed", detail: "400 M_UNKNOWN" } }), false), "✗ failed #eng:acme.test: ensure_admin — 400 M_UNKNOWN");
  assert.equal(renderEnsureAdminLine(room({ ensureAdmin: { status: "not_attempted" } }), false), "… not attempted #eng:acme.test: ensure_admin");
  assert.equal(renderSkippedRoom(room({ skipped: "its membership changed since the plan was saved" }), false), "! skipped #eng:acme.test: its membership changed since the plan was saved");
});

test("the end: why apply stopped early and how long it waited on rate limits, then the summary", () => {
  const result: ApplyResult = { rooms: [], summary: zero };
  assert.equal(renderApplyEnd(result, false), "Apply complete: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.\n");
  assert.equal(
    renderApplyEnd({ ...result, stoppedEarly: "http://127.0.0.1:8008: connection refused (ECONNREFUSED)", waitedMs: 1500 }, false),
    [
      "Apply stopped early: http://127.0.0.1:8008: connection refused (ECONNREFUSED)",
      "Waited 1.5 s on Synapse's rate limits in all; roster doctor --fix-rate-limits exempts the admin.",
      "Apply complete: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.",
      "",
    ].join("\n"),
  );
});
