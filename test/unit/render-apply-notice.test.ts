/** The m.notice `roster apply --notify ROOM` posts, in plain text and HTML, and when it is posted at all. */

import { test } from "node:test";
import assert from "node:assert/strict";
import type { ApplyResult, ApplySummary, RoomResult } from "../../src/apply/types.js";
import type { Plan } from "../../src/plan/types.js";
import { renderApplyNotice, shouldNotify } from "../../src/render/apply-notice.js";
import { noApplyCounts as zero, writtenPlan } from "../support/apply-builders.js";

const pos = { file: "rooms/a.yaml", line: 1, column: 1 };
const plan = writtenPlan(
  [
    { room: "#eng:acme.test", source: pos, prune: true, changes: [], blocked: [{ code: "user_not_found", user: "@ghost:acme.test", hint: "h" }], info: [] },
    { room: "#ops:acme.test", source: pos, prune: false, changes: [], blocked: [{ code: "admin_not_in_room", users: ["@a:acme.test", "@b:acme.test"], hint: "h" }], info: [] },
  ],
  { join: 2, kick: 1, blocked: 1 },
);
const result = (rooms: RoomResult[], summary: Partial<ApplySummary> = {}): ApplyResult => ({ rooms, summary: { ...zero, ...summary } });

test("the notice: headline, what changed per room, what was not done and why, what is blocked, and where the run came from", () => {
  const notice = renderApplyNotice(
    plan,
    result(
      [
        {
          room: "#eng:acme.test",
          ensureAdmin: { status: "done" },
          results: [
            { action: "join", user: "@a&b:acme.test", status: "done" },
            { action: "join", user: "@c:acme.test", status: "done" },
            { action: "kick", user: "@k:acme.test", status: "done" },
            { action: "invite", user: "@z:partner.test", status: "failed", detail: "403 M_FORBIDDEN: <no>" },
            { action: "join", user: "@d:acme.test", status: "not_attempted" },
          ],
        },
        { room: "#stale:acme.test", results: [], skipped: "its membership changed since the plan was saved" },
      ],
      { joined: 2, kicked: 1, failed: 1, notAttempted: 1, blocked: 3, skippedRooms: 1, adminEnsured: 1 },
    ),
    { commit: "0123456789abcdef0123", commitUrl: "https://example.test/c?a=1&b=2", pullRequest: 7, pullRequestUrl: "https://example.test/pull/7", runUrl: "https://example.test/run/9" },
  );
  assert.equal(
    notice.body,
    [
      "roster apply on acme.test: 2 joined, 0 invited, 1 kicked, 1 failed, 3 blocked, 1 not attempted, 1 room skipped, admin brought into 1 room.",
      "Changed:",
      "- #eng:acme.test: admin brought in; joined @a&b:acme.test, @c:acme.test; kicked @k:acme.test",
      "Not done:",
      "- #eng:acme.test: invite @z:partner.test failed — 403 M_FORBIDDEN: <no>",
      "- #eng:acme.test: join @d:acme.test not attempted",
      "- #stale:acme.test: skipped — its membership changed since the plan was saved",
      "Blocked:",
      "- #eng:acme.test: user_not_found (@ghost:acme.test)",
      "- #ops:acme.test: admin_not_in_room (@a:acme.test, @b:acme.test)",
      "From commit 0123456789ab, pull request #7, run https://example.test/run/9.",
    ].join("\n"),
  );
  assert.equal(
    notice.formatted_body,
    "<p><strong>roster apply on acme.test: 2 joined, 0 invited, 1 kicked, 1 failed, 3 blocked, 1 not attempted, 1 room skipped, admin brought into 1 room.</strong></p>" +
      "<p>Changed:</p><ul><li>#eng:acme.test: admin brought in; joined @a&amp;b:acme.test, @c:acme.test; kicked @k:acme.test</li></ul>" +
      "<p>Not done:</p><ul><li>#eng:acme.test: invite @z:partner.test failed — 403 M_FORBIDDEN: &lt;no&gt;</li><li>#eng:acme.test: join @d:acme.test not attempted</li>" +
      "<li>#stale:acme.test: skipped — its membership changed since the plan was saved</li></ul>" +
      "<p>Blocked:</p><ul><li>#eng:acme.test: user_not_found (@ghost:acme.test)</li><li>#ops:acme.test: admin_not_in_room (@a:acme.test, @b:acme.test)</li></ul>" +
      '<p>From commit <a href="https://example.test/c?a=1&amp;b=2">0123456789ab</a>, pull request <a href="https://example.test/pull/7">#7</a>, <a href="https://example.test/run/9">workflow run</a>.</p>',
  );
  assert.deepEqual([notice.msgtype, notice.format], ["m.notice", "org.matrix.custom.html"]);
});

test("a notice with nothing but the headline: empty sections and an unknown origin are left out", () => {
  const quiet: Plan = { ...plan, rooms: [] };
  const notice = renderApplyNotice(quiet, result([{ room: "#eng:acme.test", results: [{ action: "join", user: "@a:acme.test", status: "done" }] }], { joined: 1 }), { pullRequest: 3 });
  assert.equal(notice.body, "roster apply on acme.test: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.\nChanged:\n- #eng:acme.test: joined @a:acme.test\nFrom pull request #3.");
  assert.equal(renderApplyNotice(quiet, result([])).body, "roster apply on acme.test: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.");
  assert.equal(renderApplyNotice(quiet, result([])).formatted_body, "<p><strong>roster apply on acme.test: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.</strong></p>");
});

test("a notice is posted when anything was changed or attempted (an action, the admin's entry, a skipped room), not for blocks alone", () => {
  const room = (extra: Partial<RoomResult>): RoomResult => ({ room: "#eng:acme.test", results: [], ...extra });
  assert.equal(shouldNotify(result([room({})], { blocked: 2 })), false);
  assert.equal(shouldNotify(result([room({ results: [{ action: "kick", user: "@k:acme.test", status: "failed" }] })])), true);
  assert.equal(shouldNotify(result([room({ ensureAdmin: { status: "failed" } })])), true);
  assert.equal(shouldNotify(result([room({ skipped: "stale" })])), true);
});
