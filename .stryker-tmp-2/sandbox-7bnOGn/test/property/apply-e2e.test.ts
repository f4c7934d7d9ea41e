/**
 * End-to-end property through the real CLI and the sandbox: random small seeds and declarations, then
 * `apply --yes`, then `plan`: nothing left to join, invite or kick, and nothing undeclared happened.
 * The mass-removal guard is switched off here (it is property-tested on the planner).
 */
// @ts-nocheck


import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { SeedMembership } from "../../src/sandbox/index.js";
import { acmeUsers, planJson, scenario } from "../support/e2e.js";

const locals = ["alice", "bob", "carol", "dave", "mallory"];
const declarable = [...locals, "ghost", "@zoe:partner.test"];
const full = (name: string) => (name.startsWith("@") ? name : `@${name}:acme.test`);

interface RoomCase {
  joinRule: "public" | "invite";
  members: Record<string, "join" | "invite" | "leave" | "ban">;
  declared: string[];
  prune: boolean;
}

const roomArb: fc.Arbitrary<RoomCase> = fc.record({
  joinRule: fc.constantFrom("public" as const, "invite" as const),
  members: fc.dictionary(fc.constantFrom(...locals, "@zoe:partner.test"), fc.constantFrom("join" as const, "invite" as const, "leave" as const, "ban" as const), { maxKeys: 4 }),
  declared: fc.subarray(declarable),
  prune: fc.boolean(),
});

test("e2e: apply --yes then plan leaves nothing to join, invite or kick, and does nothing undeclared", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(roomArb, { minLength: 1, maxLength: 3 }), async (rooms) => {
      let seed = acmeUsers();
      // Remote users cannot be joined by a seed (their server does the joining); they may hold an invite.
      const seedMembers = (members: RoomCase["members"]): Record<string, SeedMembership> =>
        Object.fromEntries(Object.entries(members).filter(([user, m]) => !user.startsWith("@") || m === "invite" || m === "ban"));
      rooms.forEach((room, i) => (seed = seed.room({ alias: `r${i}`, creator: "admin", join_rule: room.joinRule, members: seedMembers(room.members) })));
      const yaml = rooms
        .map((room, i) => `  "#r${i}":\n    prune: ${room.prune}\n    members: [${room.declared.map((d) => JSON.stringify(d)).join(", ")}]\n`)
        .join("");
      const s = await scenario(t, seed, { "rooms/rooms.yaml": `server_name: acme.test\nrooms:\n${yaml}` });
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
