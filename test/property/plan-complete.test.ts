/**
 * Completeness of the plan: not only is everything planned allowed (plan.test.ts), everything needed is
 * planned or said to be blocked. Every undeclared current member of a prune room is kicked or blocked;
 * every declared member not joined is joined, invited (remote users: or already invited), or blocked.
 */

import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { computePlan, type PlanInput } from "../../src/plan/compute-plan.js";
import type { Plan, RoomPlan } from "../../src/plan/types.js";
import { ADMIN, SERVER, planInputArb } from "../support/arbitraries.js";

const runs = { numRuns: 600, includeErrorInReport: true };
const isLocal = (user: string) => user.slice(user.indexOf(":") + 1) === SERVER;
const isCurrent = (membership: string | undefined) => membership === "join" || membership === "invite";

/** What the room's plan does about one user: the action, or each block code that names the user. */
function fate(room: RoomPlan, user: string): string[] {
  return [
    ...room.changes.filter((c) => c.user === user).map((c) => c.action),
    ...room.blocked.filter((b) => b.user === user || (b.users ?? []).includes(user)).map((b) => `blocked ${b.code}`),
  ];
}

/** Every needed item the plan forgets, as `room user: wanted, got nothing`. */
function forgotten(input: PlanInput, plan: Plan): string[] {
  const missing: string[] = [];
  plan.rooms.forEach((room, i) => {
    const desired = input.desired.rooms[i];
    if (desired === undefined || room.error !== undefined) return;
    const observation = input.rooms.get(room.room);
    const members = observation?.status === "ok" ? observation.members : new Map<string, string>();
    const declared = new Set(desired.members.map((m) => m.user));
    for (const user of declared) {
      const membership = members.get(user);
      if (membership === "join" || (!isLocal(user) && membership === "invite")) continue;
      if (fate(room, user).length === 0) missing.push(`${room.room} ${user} (${membership ?? "none"}): declared, neither joined, invited nor blocked`);
    }
    if (!desired.prune) return;
    for (const [user, membership] of members) {
      if (declared.has(user) || user === ADMIN || !isCurrent(membership)) continue;
      const got = fate(room, user);
      if (!got.includes("kick") && !got.some((f) => f.startsWith("blocked "))) missing.push(`${room.room} ${user} (${membership}): undeclared in a prune room, neither kicked nor blocked`);
    }
  });
  return missing;
}

test("every declared member who is not there is joined, invited or blocked; every undeclared member of a prune room is kicked or blocked", () => {
  fc.assert(
    fc.property(planInputArb, (input) => {
      assert.deepEqual(forgotten(input, computePlan(input)), []);
    }),
    runs,
  );
});

test("an unreadable room still accounts for every declared member: the room errs, or one block names them all", () => {
  fc.assert(
    fc.property(planInputArb, (input) => {
      const plan = computePlan(input);
      plan.rooms.forEach((room, i) => {
        const observation = input.rooms.get(room.room);
        if (observation?.status === "ok" || room.error !== undefined) return;
        const users = (input.desired.rooms[i]?.members ?? []).map((m) => m.user);
        assert.equal(room.changes.length, 0);
        if (users.length === 0) assert.deepEqual(room.blocked, []);
        else assert.deepEqual(room.blocked.map((b) => [b.code, b.users]), [[observation?.status, users]]);
      });
    }),
    runs,
  );
});

test("invites and kicks are planned only where the admin is joined, or its own join comes first", () => {
  fc.assert(
    fc.property(planInputArb, (input) => {
      for (const room of computePlan(input).rooms) {
        const observation = input.rooms.get(room.room);
        const needsAdmin = room.changes.filter((c) => c.action !== "join");
        if (needsAdmin.length === 0 || observation?.status !== "ok") continue;
        const adminJoins = room.changes.some((c) => c.action === "join" && c.user === ADMIN);
        const status = input.users.get(ADMIN) ?? "active";
        assert.ok(observation.members.get(ADMIN) === "join" || adminJoins, `${needsAdmin[0]?.action} ${needsAdmin[0]?.user} planned in ${room.room} while the admin is not joined`);
        if (adminJoins) assert.ok(status === "active" || status === "suspended", `the admin's join is planned, yet the admin is ${status}`);
      }
    }),
    runs,
  );
});
