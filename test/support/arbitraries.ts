/**
 * fast-check arbitraries for property tests: random declarations (as plain Desired data and as YAML
 * text), random server states (ObservedRoom, unreadable rooms, user statuses) and a pure model of apply.
 */

import fc from "fast-check";
import type { Desired, DesiredMember, DesiredRoom, UserId } from "../../src/declarations/model.js";
import type { PlanInput } from "../../src/plan/compute-plan.js";
import { observedAfter } from "../../src/plan/simulate.js";
import type { Membership, ObservedRoom, PowerLevels, RoomObservation, UserStatus } from "../../src/plan/observation.js";
import type { Plan, PlanOptions } from "../../src/plan/types.js";

export const SERVER = "acme.test";
export const ADMIN: UserId = "@admin:acme.test";
export const LOCAL_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "mallory", "nobody"] as const;
export const LOCALS: UserId[] = LOCAL_NAMES.map((n) => `@${n}:${SERVER}`);
export const REMOTES: UserId[] = ["@zoe:partner.test", "@yuri:partner.test", "@xena:other.test"];
/** Everyone a room may hold: the admin, locals, remotes. */
export const EVERYONE: UserId[] = [ADMIN, ...LOCALS, ...REMOTES];

const memberships: Membership[] = ["join", "invite", "leave", "ban", "knock"];
const joinRules = [null, "public", "invite", "knock", "restricted", "knock_restricted", "private"] as const;

const powerValue = fc.oneof(fc.constantFrom(0, 50, 100), fc.integer({ min: -10, max: 200 }));

function pos(line: number) {
  return { file: "rooms/random.yaml", line, column: 7 };
}

const memberArb = (user: UserId): fc.Arbitrary<DesiredMember> =>
  fc
    .subarray(["", "backend", "leads"], { minLength: 1 })
    .map((groups) => ({
      user,
      sources: groups.map((group, i) => (group === "" ? { pos: pos(i + 2) } : { pos: pos(i + 2), group })),
    }));

/** A declared room: a subset of everyone (the admin too, sometimes), prune on or off. */
function desiredRoomArb(index: number): fc.Arbitrary<DesiredRoom> {
  return fc
    .record({
      prune: fc.boolean(),
      users: fc.subarray(EVERYONE),
    })
    .chain(({ prune, users }) =>
      fc.tuple(...users.map(memberArb)).map((members) => ({
        ref: `#room${index}:${SERVER}`,
        written: `#room${index}`,
        pos: pos(index + 1),
        prune,
        members: [...members].sort((a, b) => (a.user < b.user ? -1 : 1)),
      })),
    );
}

export const desiredArb: fc.Arbitrary<Desired> = fc.integer({ min: 1, max: 4 }).chain((count) =>
  fc.tuple(...Array.from({ length: count }, (_, i) => desiredRoomArb(i))).map((rooms) => ({
    serverName: SERVER,
    groups: [],
    rooms,
    files: ["rooms/random.yaml"],
  })),
);

const powerLevelsArb: fc.Arbitrary<PowerLevels> = fc.record({
  // The admin may be absent (usersDefault then), below the invite/kick levels, and others may outrank it.
  users: fc.dictionary(fc.constantFrom(...EVERYONE), powerValue, { maxKeys: 6 }),
  usersDefault: fc.constantFrom(0, 0, 50, 100),
  invite: powerValue,
  kick: powerValue,
  ban: powerValue,
  creators: fc.oneof(fc.constant<UserId[]>([]), fc.constant<UserId[]>([ADMIN]), fc.subarray(EVERYONE, { maxLength: 2 })),
});

function observedRoomArb(ref: string, roomId: string): fc.Arbitrary<RoomObservation> {
  const ok: fc.Arbitrary<ObservedRoom> = fc.record({
    status: fc.constant("ok" as const),
    ref: fc.constant(ref),
    roomId: fc.constant(roomId),
    joinRule: fc.constantFrom(...joinRules),
    powerLevels: powerLevelsArb,
    // Extra undeclared members come from the same pool, so prune rooms have something to remove.
    members: fc
      .dictionary(fc.constantFrom(...EVERYONE), fc.constantFrom(...memberships), { maxKeys: EVERYONE.length })
      .map((record) => new Map(Object.entries(record))),
    fingerprint: fc.constant(`fp-${roomId}`),
  });
  const unreadable = fc.record({
    status: fc.constantFrom("alias_not_found" as const, "room_not_found" as const, "error" as const),
    ref: fc.constant(ref),
    detail: fc.constant("random failure"),
  });
  return fc.oneof({ arbitrary: ok, weight: 8 }, { arbitrary: unreadable, weight: 1 });
}

const usersArb: fc.Arbitrary<Map<UserId, UserStatus>> = fc
  .dictionary(fc.constantFrom(...LOCALS, ADMIN), fc.constantFrom<UserStatus>("active", "deactivated", "suspended", "not_found"))
  .map((record) => new Map(Object.entries(record)));

const optionsArb: fc.Arbitrary<PlanOptions> = fc.record({
  maxRemovalRatio: fc.constantFrom(0, 0.25, 0.5, 1),
  allowMassRemoval: fc.boolean(),
});

/** A whole planner input: declarations, one observation per room (two rooms may share an ID), statuses, options. */
export const planInputArb: fc.Arbitrary<PlanInput> = desiredArb.chain((desired) =>
  fc
    .tuple(
      fc.tuple(...desired.rooms.map((room, i) => fc.constantFrom(`!r${i}:${SERVER}`, `!r${i}:${SERVER}`, `!r${i}:${SERVER}`, `!r0:${SERVER}`).chain((id) => observedRoomArb(room.ref, id)))),
      usersArb,
      optionsArb,
    )
    .map(([observations, users, options]) => ({
      desired,
      admin: ADMIN,
      serverName: SERVER,
      rooms: new Map(observations.map((o) => [o.ref, o])),
      users,
      options,
    })),
);

/** The same input with every `members` map, power-levels `users` record and the `users` map rebuilt in another key order. */
export function reorderInput(input: PlanInput, order: (keys: string[]) => string[]): PlanInput {
  const rooms = new Map<string, RoomObservation>();
  for (const key of order([...input.rooms.keys()])) {
    const room = input.rooms.get(key);
    if (!room) continue;
    rooms.set(key, room.status === "ok" ? { ...room, members: reorderMap(room.members, order), powerLevels: { ...room.powerLevels, users: reorderRecord(room.powerLevels.users, order) } } : room);
  }
  const users = new Map(order([...input.users.keys()]).map((k) => [k, input.users.get(k) as UserStatus]));
  return { ...input, rooms, users };
}

function reorderMap<T>(map: ReadonlyMap<string, T>, order: (keys: string[]) => string[]): Map<string, T> {
  return new Map(order([...map.keys()]).map((key) => [key, map.get(key) as T]));
}

function reorderRecord<T>(record: Record<string, T>, order: (keys: string[]) => string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of order(Object.keys(record))) out[key] = record[key] as T;
  return out;
}

/**
 * What the sandbox does when an action is allowed (observedAfter).
 * Rooms with an error are left alone (nothing was planned for them).
 */
export function applyModel(input: PlanInput, plan: Plan): PlanInput {
  const rooms = new Map(input.rooms);
  for (const roomPlan of plan.rooms) {
    const observed = rooms.get(roomPlan.room);
    if (observed?.status !== "ok" || roomPlan.changes.length === 0) continue;
    rooms.set(roomPlan.room, observedAfter(observed, roomPlan.changes));
  }
  return { ...input, rooms };
}
