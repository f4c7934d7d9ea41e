/** Each join rule works from the room version that introduced it (knock 7, restricted 8, knock_restricted 10), and not before. */

import { test } from "node:test";
import assert from "node:assert/strict";
import type { JoinRule } from "../../src/sandbox/index.js";
import { adminJoin, expectError, startTestSandbox } from "../support/sandbox.js";

const rules: [JoinRule, number][] = [
  ["knock", 7],
  ["restricted", 8],
  ["knock_restricted", 10],
];

test("an admin join into a room whose join rule its version knows succeeds at that exact version, and is refused one version earlier", async (t) => {
  const rooms = rules.flatMap(([rule, since]) => [
    { alias: `${rule}-at`, creator: "admin", join_rule: rule, version: String(since), members: {} },
    { alias: `${rule}-before`, creator: "admin", join_rule: rule, version: String(since - 1), members: {} },
  ]);
  const hs = await startTestSandbox(t, rooms);
  for (const [rule] of rules) {
    assert.equal((await adminJoin(hs, `#${rule}-at:acme.test`, "@alice:acme.test")).status, 200, `${rule} at its version`);
    assert.equal(hs.membership(`#${rule}-at:acme.test`, "@alice:acme.test"), "join");
    const refused = await adminJoin(hs, `#${rule}-before:acme.test`, "@alice:acme.test");
    assert.deepEqual(expectError(refused), { status: 403, errcode: "M_FORBIDDEN", error: "You are not allowed to join this room" }, `${rule} before its version`);
    assert.equal(hs.membership(`#${rule}-before:acme.test`, "@alice:acme.test"), "invite", "the admin's invite stays (no rollback)");
  }
});
