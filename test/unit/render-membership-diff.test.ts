/** The membership diff of a pull-request comment: before and after the plan, unchanged runs folded. */

import { test } from "node:test";
import assert from "node:assert/strict";
import type { Change, RoomPlan } from "../../src/plan/types.js";
import { membershipDiffLines } from "../../src/render/membership-diff.js";

const u = (name: string) => (name.startsWith("@") ? name : `@${name}:acme.test`);
function roomWith(current: string[], changes: [Change["action"], string][]): RoomPlan {
  return {
    room: "#eng:acme.test",
    source: { file: "rooms/a.yaml", line: 1, column: 1 },
    prune: true,
    changes: changes.map(([action, name]) => ({ action, user: u(name), reason: "declared" })),
    blocked: [],
    info: [],
    currentMembers: current.map(u),
  };
}

test("unchanged runs keep two lines of context on each side and are counted where folded, at either end too", () => {
  const current = ["a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09", "a10"];
  assert.deepEqual(membershipDiffLines(roomWith(current, [["kick", "a05"]])), [
    "  … 2 unchanged",
    `  ${u("a03")}`,
    `  ${u("a04")}`,
    `- ${u("a05")}  (kick)`,
    `  ${u("a06")}`,
    `  ${u("a07")}`,
    "  … 3 unchanged",
  ]);
});

test("a member who is only invited and is now joined appears once, as before", () => {
  assert.deepEqual(membershipDiffLines(roomWith(["alice", "bob"], [["join", "bob"], ["invite", "@zoe:partner.test"]])), [
    `  ${u("alice")}`,
    `  ${u("bob")}`,
    "+ @zoe:partner.test  (invite)",
  ]);
});

test("up to 2,000 changes are diffed; more become a plain list", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ["join", `n${String(i).padStart(4, "0")}`] as [Change["action"], string]);
  const diffed = membershipDiffLines(roomWith(["zz"], many(2000)));
  assert.equal(diffed.at(-1), `  ${u("zz")}`, "a diff keeps the unchanged member as context");
  const listed = membershipDiffLines(roomWith(["zz"], many(2001)));
  assert.equal(listed.length, 2001);
  assert.ok(listed.every((line) => line.startsWith("+ ")), "a plain list of the changes only");
});
