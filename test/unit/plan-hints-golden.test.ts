/**
 * Every block's hint, as roster prints it, against a reviewed golden file: what a Synapse admin reads to
 * act on a block must not change (or lose a word) unnoticed. `UPDATE_GOLDEN=1 npm test` rewrites it.
 */

import { test } from "node:test";
import { powerBlockHint, roomBlockHint, userBlockHint } from "../../src/plan/hints.js";
import { roomBlockCodes, userBlockCodes, type PowerBlockCode, type UserBlockCode } from "../../src/plan/types.js";
import { assertGolden } from "../support/golden.js";

const ADMIN = "@admin:acme.test";
const USER = "@bob:acme.test";

test("the hint of every block code, for the facts that shape it", () => {
  const lines: string[] = [];
  for (const code of userBlockCodes) {
    if (code.startsWith("power_")) {
      const power = code as PowerBlockCode;
      for (const current of [50, 100]) lines.push(`${code} (current ${current}): ${powerBlockHint(power, { user: USER, admin: ADMIN, adminPower: 50, current, wanted: 100 })}`);
    } else lines.push(`${code}: ${userBlockHint(code as Exclude<UserBlockCode, PowerBlockCode>, USER, "acme.test")}`);
  }
  for (const code of roomBlockCodes) {
    for (const demotions of [0, 2]) {
      const facts = { admin: ADMIN, room: "#eng:acme.test", roomId: "!eng:acme.test", detail: "M_NOT_FOUND", adminPower: 50, inviteLevel: 60, kickLevel: 75, removals: 6, demotions, changeLevel: 100, members: 10, maxRemovalRatio: 0.25 };
      lines.push(`${code} (demotions ${demotions}): ${roomBlockHint(code, facts)}`);
    }
    lines.push(`${code} (no details): ${roomBlockHint(code, { admin: ADMIN, room: "#eng:acme.test" })}`);
  }
  assertGolden("block-hints.txt", `${lines.join("\n")}\n`);
});
