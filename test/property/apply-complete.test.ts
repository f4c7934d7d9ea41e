/**
 * Completeness of apply, against the sandbox over real HTTP: whatever faults hit the membership calls
 * (5xx answers, some after the server acted), what apply reports as done is what the server holds and
 * what it reports as failed is not; a second apply does the rest, and a new plan holds only blocked items.
 */

import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Fault, SeedMembership } from "../../src/sandbox/index.js";
import { acmeUsers, planJson, scenario } from "../support/e2e.js";
import { applyToSandbox, outcomeMismatches } from "../support/apply-check.js";

const locals = ["alice", "bob", "carol", "dave", "mallory"];
const remote = "@zoe:partner.test";
const ROUTES = ["POST /_synapse/admin/v1/join/", "POST /_matrix/client/v3/rooms/"] as const;

interface RoomCase {
  joinRule: "public" | "invite";
  members: Record<string, "join" | "invite" | "leave" | "ban">;
  declared: string[];
  prune: boolean;
}

const roomArb: fc.Arbitrary<RoomCase> = fc.record({
  joinRule: fc.constantFrom("public" as const, "invite" as const),
  members: fc.dictionary(fc.constantFrom(...locals, remote), fc.constantFrom("join" as const, "invite" as const, "leave" as const, "ban" as const), { maxKeys: 4 }),
  declared: fc.subarray([...locals, "ghost", remote]),
  prune: fc.boolean(),
});

const faultArb: fc.Arbitrary<Fault> = fc.record({
  route: fc.constantFrom(...ROUTES),
  status: fc.constantFrom(500 as const, 503 as const),
  after: fc.constantFrom(true as const, undefined),
  times: fc.integer({ min: 1, max: 12 }),
}).map(({ after, ...fault }) => (after ? { ...fault, after } : fault));

const statuses = (result: Awaited<ReturnType<typeof applyToSandbox>>) => result.rooms.flatMap((r) => r.results.map((x) => `${r.room} ${x.action} ${x.user} ${x.status}`));

test("apply reports exactly what the server holds, through 5xx faults; then a clean apply converges to a plan of blocked items only", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(roomArb, { minLength: 1, maxLength: 3 }), fc.array(faultArb, { maxLength: 3 }), async (rooms, faults) => {
      let seed = acmeUsers();
      // Remote users cannot be joined by a seed (their server does the joining); they may hold an invite.
      const seedMembers = (members: RoomCase["members"]): Record<string, SeedMembership> =>
        Object.fromEntries(Object.entries(members).filter(([user, m]) => !user.startsWith("@") || m === "invite" || m === "ban"));
      rooms.forEach((room, i) => (seed = seed.room({ alias: `r${i}`, creator: "admin", join_rule: room.joinRule, members: seedMembers(room.members) })));
      const yaml = rooms.map((room, i) => `  "#r${i}":\n    prune: ${room.prune}\n    members: [${room.declared.map((d) => JSON.stringify(d)).join(", ")}]\n`).join("");
      const s = await scenario(t, seed, { "rooms/rooms.yaml": `server_name: acme.test\nrooms:\n${yaml}` });

      const first = await planJson(s, ["--allow-mass-removal"]);
      s.hs.faults.push(...faults.map((f) => ({ ...f })));
      const faulted = await applyToSandbox(s.hs, first.plan, 2);
      assert.deepEqual(outcomeMismatches(s.hs, faulted), [], statuses(faulted).join("\n"));

      s.hs.faults.length = 0;
      const second = await planJson(s, ["--allow-mass-removal"]);
      const clean = await applyToSandbox(s.hs, second.plan, 2);
      assert.deepEqual(outcomeMismatches(s.hs, clean), []);
      assert.deepEqual(statuses(clean).filter((line) => !line.endsWith(" done")), [], "a fault-free apply does everything it planned");

      const last = await planJson(s, ["--allow-mass-removal"]);
      const left = last.plan.rooms.flatMap((r) => r.changes.map((c) => `${r.room} ${c.action} ${c.user}`));
      assert.deepEqual(left, [], "after apply, a new plan holds only blocked items");
      const blockedBefore = second.plan.rooms.flatMap((r) => r.blocked.map((b) => `${r.room} ${b.code}`));
      assert.deepEqual(last.plan.rooms.flatMap((r) => r.blocked.map((b) => `${r.room} ${b.code}`)), blockedBefore, "what was blocked stays blocked");
    }),
    { numRuns: 12, includeErrorInReport: true },
  );
});
