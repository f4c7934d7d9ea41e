/**
 * End-to-end property through the real CLI and the sandbox: random small seeds and declarations, then
 * `apply --yes`, then `plan`: nothing left to join, invite or kick, and nothing undeclared happened.
 * The mass-removal guard is switched off here (it is property-tested on the planner).
 */

import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { planJson } from "../support/e2e.js";
import { declarable, roomCaseArb, roomCaseScenario } from "../support/sandbox-room-cases.js";

const full = (name: string) => (name.startsWith("@") ? name : `@${name}:acme.test`);

test("e2e: apply --yes then plan leaves nothing to join, invite or kick, and does nothing undeclared", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(roomCaseArb, { minLength: 1, maxLength: 3 }), async (rooms) => {
      const s = await roomCaseScenario(t, rooms);
      const before = rooms.map((_, i) => Object.fromEntries(declarable.concat("admin").map((u) => [full(u), s.hs.membership(`#r${i}:acme.test`, full(u))])));

      const apply = await s.roster(["apply", "--yes", "--allow-mass-removal"]);
      assert.ok(apply.code === 0 || apply.code === 1, apply.stdout + apply.stderr);
      assert.doesNotMatch(apply.stdout + apply.stderr, /\n\s+at /);
      const { plan } = await planJson(s, ["--allow-mass-removal"]);
      assert.deepEqual([plan.summary.join, plan.summary.invite, plan.summary.kick], [0, 0, 0], JSON.stringify(plan.rooms.map((r) => r.changes)));

      rooms.forEach((room, i) => {
        const ref = `#r${i}:acme.test`;
        const declared = new Set(room.declared.map(full));
        assert.equal(s.hs.membership(ref, "@admin:acme.test"), "join", "the admin stays joined");
        if (before[i]?.["@mallory:acme.test"] !== "join") assert.notEqual(s.hs.membership(ref, "@mallory:acme.test"), "join", "a deactivated user was joined");
        for (const [user, was] of Object.entries(before[i] ?? {})) {
          const now = s.hs.membership(ref, user);
          if (was === "ban") assert.equal(now, "ban", `${user} was banned and is now ${now}`);
          if ((was === "join" || was === "invite") && (now === "leave" || now === undefined)) {
            assert.ok(room.prune && !declared.has(user), `${user} was removed from ${ref} (prune ${room.prune}, declared ${declared.has(user)})`);
          }
          if (now === "join" && was !== "join") assert.ok(declared.has(user), `${user} joined ${ref} without being declared`);
        }
      });
    }),
    { numRuns: 8, includeErrorInReport: true },
  );
});
