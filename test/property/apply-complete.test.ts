/**
 * Completeness of apply, against the sandbox over real HTTP: whatever faults hit the membership calls
 * (5xx answers, some after the server acted), what apply reports as done is what the server holds and
 * what it reports as failed is not; a second apply does the rest, and a new plan holds only blocked items.
 */

import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Fault } from "../../src/sandbox/index.js";
import { planJson } from "../support/e2e.js";
import { roomCaseArb, roomCaseScenario } from "../support/sandbox-room-cases.js";
import { applyToSandbox, outcomeMismatches } from "../support/apply-check.js";

const ROUTES = ["POST /_synapse/admin/v1/join/", "POST /_matrix/client/v3/rooms/"] as const;

const faultArb: fc.Arbitrary<Fault> = fc.record({
  route: fc.constantFrom(...ROUTES),
  status: fc.constantFrom(500 as const, 503 as const),
  after: fc.constantFrom(true as const, undefined),
  times: fc.integer({ min: 1, max: 12 }),
}).map(({ after, ...fault }) => (after ? { ...fault, after } : fault));

const statuses = (result: Awaited<ReturnType<typeof applyToSandbox>>) => result.rooms.flatMap((r) => r.results.map((x) => `${r.room} ${x.action} ${x.user} ${x.status}`));

test("apply reports exactly what the server holds, through 5xx faults; then a clean apply converges to a plan of blocked items only", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(roomCaseArb, { minLength: 1, maxLength: 3 }), fc.array(faultArb, { maxLength: 3 }), async (rooms, faults) => {
      const s = await roomCaseScenario(t, rooms);

      const first = await planJson(s, ["--allow-mass-removal"]);
      s.hs.faults.push(...faults.map((f) => ({ ...f })));
      const faulted = await applyToSandbox(s.hs, first.plan, 2, s.clock);
      assert.deepEqual(outcomeMismatches(s.hs, faulted), [], statuses(faulted).join("\n"));

      s.hs.faults.length = 0;
      const second = await planJson(s, ["--allow-mass-removal"]);
      const clean = await applyToSandbox(s.hs, second.plan, 2, s.clock);
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
