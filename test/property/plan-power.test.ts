/**
 * Power levels, over random rooms: every declared level that differs is planned or blocked, every
 * planned change passes Synapse's rules (reference §14.3, checked here independently of the planner),
 * and once the plan is carried out a new plan changes no level.
 */

import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { computePlan, type PlanInput } from "../../src/plan/compute-plan.js";
import type { ObservedRoom, RoomObservation } from "../../src/plan/observation.js";
import type { Plan, RoomPlan } from "../../src/plan/types.js";
import { ADMIN, applyModel, planInputArb } from "../support/arbitraries.js";

const runs = { numRuns: 500, includeErrorInReport: true };
const CREATOR = 2 ** 53;
const levelArb = fc.oneof(fc.constant(undefined), fc.constantFrom(0, 50, 100), fc.integer({ min: -5, max: 150 }));

/** planInputArb with random declared levels, prune_power, levels needed to change power levels, and rooms without a power-levels event. */
const powerInputArb: fc.Arbitrary<PlanInput> = planInputArb.chain((input) =>
  fc
    .tuple(
      fc.tuple(...input.desired.rooms.map((room) => fc.tuple(fc.boolean(), fc.tuple(...room.members.map(() => levelArb))))),
      fc.tuple(...[...input.rooms.values()].map(() => fc.tuple(fc.constantFrom(50, 100, 0, 75), fc.boolean(), fc.boolean()))),
    )
    .map(([declared, observed]) => {
      const rooms = input.desired.rooms.map((room, i) => {
        const [prunePower, levels] = declared[i] ?? [false, []];
        const members = room.members.map((m, j) => {
          const power = levels[j];
          return power === undefined ? m : { ...m, power, sources: m.sources.map((s) => ({ ...s, power })) };
        });
        return { ...room, prunePower, members };
      });
      const observations = [...input.rooms.entries()].map(([ref, o], i): [string, RoomObservation] => {
        if (o.status !== "ok") return [ref, o];
        const [changeLevels, hasEvent, adminCreated] = observed[i] ?? [50, true, false];
        if (hasEvent) return [ref, { ...o, powerLevels: { ...o.powerLevels, changeLevels, hasEvent } }];
        // Without a power-levels event Synapse implies the creator at 100 and everyone else at 0, and 50 to change them.
        const implied = { users: adminCreated ? { [ADMIN]: 100 } : {}, usersDefault: 0, changeLevels: 50, hasEvent };
        return [ref, { ...o, powerLevels: { ...o.powerLevels, ...implied } }];
      });
      return { ...input, desired: { ...input.desired, rooms }, rooms: new Map(observations) };
    }),
);

const level = (o: ObservedRoom, user: string) => (o.powerLevels.creators.includes(user) ? CREATOR : (o.powerLevels.users[user] ?? o.powerLevels.usersDefault));
const userBlocked = (room: RoomPlan, user: string) => room.blocked.some((b) => b.user === user && !b.code.startsWith("power_"));
const named = (room: RoomPlan, user: string) => room.blocked.some((b) => b.user === user || (b.users ?? []).includes(user));

function eachObservedRoom(input: PlanInput, plan: Plan, visit: (room: RoomPlan, observed: ObservedRoom, index: number) => void): void {
  plan.rooms.forEach((room, i) => {
    const observed = input.rooms.get(room.room);
    if (room.error === undefined && observed?.status === "ok") visit(room, observed, i);
  });
}

test("every declared level that differs, and every elevated level prune_power resets, is planned or blocked", () => {
  fc.assert(
    fc.property(powerInputArb, (input) => {
      const plan = computePlan(input);
      const missing: string[] = [];
      eachObservedRoom(input, plan, (room, observed, i) => {
        const desired = input.desired.rooms[i];
        if (desired === undefined) return;
        const planned = (user: string) => room.changes.some((c) => c.action === "power" && c.user === user) || named(room, user);
        const membership = (user: string) => observed.members.get(user);
        const withPower = new Set<string>();
        for (const member of desired.members) {
          if (member.power === undefined) continue;
          withPower.add(member.user);
          const skip = member.user === ADMIN || userBlocked(room, member.user) || (membership(member.user) === "join" && input.users.get(member.user) === "deactivated");
          if (skip || level(observed, member.user) === member.power) continue;
          if (!planned(member.user)) missing.push(`${room.room} ${member.user}: declared ${member.power}, has ${level(observed, member.user)}`);
        }
        if (desired.prunePower !== true || observed.powerLevels.hasEvent === false) return;
        for (const [user, value] of Object.entries(observed.powerLevels.users)) {
          if (value <= observed.powerLevels.usersDefault || user === ADMIN || withPower.has(user) || observed.powerLevels.creators.includes(user)) continue;
          if (!planned(user)) missing.push(`${room.room} ${user}: elevated ${value}, not reset nor blocked`);
        }
      });
      assert.deepEqual(missing, []);
    }),
    runs,
  );
});

test("every planned level change passes Synapse's rules for the admin's power-levels event", () => {
  fc.assert(
    fc.property(powerInputArb, (input) => {
      const plan = computePlan(input);
      eachObservedRoom(input, plan, (room, observed) => {
        const powers = room.changes.filter((c) => c.action === "power");
        if (powers.length === 0) return;
        const joinsFirst = room.changes.some((c) => c.action === "join" && c.user === ADMIN) || room.ensureAdmin !== undefined;
        assert.ok(observed.members.get(ADMIN) === "join" || joinsFirst, `${room.room}: power changes without the admin joined`);
        const admin = level(observed, ADMIN);
        if (room.ensureAdmin !== undefined) return;
        assert.ok(admin >= (observed.powerLevels.changeLevels ?? 50), `${room.room}: admin ${admin} below ${observed.powerLevels.changeLevels}`);
        for (const change of powers) {
          assert.notEqual(change.user, ADMIN, "the admin's own level is never changed");
          assert.ok(!observed.powerLevels.creators.includes(change.user), `${change.user} is a creator`);
          if (observed.powerLevels.hasEvent === false) continue;
          const explicit = observed.powerLevels.users[change.user];
          assert.ok(explicit === undefined || explicit < admin, `${change.user} holds ${explicit}, not below the admin's ${admin}`);
          assert.ok((change.power?.to ?? 0) <= admin, `${change.user} raised to ${change.power?.to}, above the admin's ${admin}`);
        }
      });
    }),
    runs,
  );
});

test("once the plan is carried out, a new plan changes no level but those the first plan held back", () => {
  fc.assert(
    fc.property(powerInputArb, (input) => {
      const first = computePlan(input);
      const after = computePlan(applyModel(input, first));
      // A block may lift once the first plan is done (the mass-removal guard counts the members joined since).
      const heldBack = (room: string, user: string) => first.rooms.some((r) => r.room === room && named(r, user));
      const left = after.rooms.flatMap((room) => room.changes.filter((c) => c.action === "power" && !heldBack(room.room, c.user)).map((c) => `${room.room} ${c.user} ${c.power?.from}→${c.power?.to}`));
      assert.deepEqual(left, []);
    }),
    runs,
  );
});
