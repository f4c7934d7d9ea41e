import type { Desired, DesiredRoom, UserId } from "../../src/declarations/model.js";
import type { Membership, ObservedRoom, PowerLevels, RoomObservation, UserStatus } from "../../src/plan/observation.js";
import { computePlan, type PlanInput } from "../../src/plan/compute-plan.js";
import { defaultPlanOptions, type Plan, type PlanOptions } from "../../src/plan/types.js";

export const SERVER = "acme.test";
export const ADMIN = "@admin:acme.test";

/** `@name:acme.test` for a bare name, the name itself when it is already a full ID. */
export function uid(name: string): UserId {
  return name.startsWith("@") ? name : `@${name}:${SERVER}`;
}

function full(ref: string): string {
  return ref.startsWith("#") && !ref.includes(":") ? `${ref}:${SERVER}` : ref;
}

/** A declared room: `declared("#eng").with("alice", "bob").pruned()`. */
export function declared(ref: string) {
  const room: DesiredRoom = { ref: full(ref), written: ref, pos: { file: "rooms/test.yaml", line: 1, column: 1 }, prune: false, members: [] };
  const api = {
    room,
    with(...names: string[]) {
      for (const name of names) {
        room.members.push({ user: uid(name), sources: [{ pos: { file: "rooms/test.yaml", line: room.members.length + 2, column: 7 } }] });
      }
      room.members.sort((a, b) => (a.user < b.user ? -1 : 1));
      return api;
    },
    pruned() {
      room.prune = true;
      return api;
    },
    /** A user declared with a level, directly or (with `group`) through a group: `.withPower("bob", 50)`. */
    withPower(name: string, power: number, group?: string) {
      const pos = { file: "rooms/test.yaml", line: 100 + room.members.length, column: 7 };
      const source = group === undefined ? { pos, power } : { pos, group, power };
      const existing = room.members.find((m) => m.user === uid(name));
      if (existing) {
        const sources = [...existing.sources, source];
        Object.assign(existing, { sources, power: Math.max(existing.power ?? power, power) });
      } else room.members.push({ user: uid(name), sources: [source], power });
      room.members.sort((a, b) => (a.user < b.user ? -1 : 1));
      return api;
    },
    prunePower() {
      room.prunePower = true;
      return api;
    },
  };
  return api;
}

const defaultPower = (): PowerLevels => ({ users: { [ADMIN]: 100 }, usersDefault: 0, invite: 0, kick: 50, creators: [], changeLevels: 100 });

/** An observed room where the admin is joined with power 100: `observed("#eng").rule("invite").member("alice")`. */
export function observed(ref: string) {
  // The builder keeps the mutable map it hands to the room as a ReadonlyMap.
  const members = new Map<UserId, Membership>([[ADMIN, "join"]]);
  const room: ObservedRoom = {
    status: "ok",
    ref: full(ref),
    roomId: `!${ref.replace(/^#/, "").replace(/:.*/, "")}:${SERVER}`,
    joinRule: "invite",
    powerLevels: defaultPower(),
    members,
    fingerprint: "fp",
  };
  const api = {
    room,
    rule(joinRule: string | null) {
      room.joinRule = joinRule;
      return api;
    },
    member(name: string, membership: Membership = "join") {
      members.set(uid(name), membership);
      return api;
    },
    without(name: string) {
      members.delete(uid(name));
      return api;
    },
    power(levels: Partial<PowerLevels>) {
      room.powerLevels = { ...room.powerLevels, ...levels };
      return api;
    },
  };
  return api;
}

export interface Scenario {
  rooms: { room: DesiredRoom }[];
  observed: ({ room: RoomObservation } | RoomObservation)[];
  users?: Record<string, UserStatus>;
  options?: Partial<PlanOptions>;
}

export function planOf(scenario: Scenario): Plan {
  return computePlan(inputOf(scenario));
}

/** The planner's input for a scenario. */
export function inputOf(scenario: Scenario): PlanInput {
  const desired: Desired = { serverName: SERVER, groups: [], rooms: scenario.rooms.map((r) => r.room), files: ["rooms/test.yaml"] };
  const observations = scenario.observed.map((o) => ("room" in o ? o.room : o));
  const input: PlanInput = {
    desired,
    admin: ADMIN,
    serverName: SERVER,
    rooms: new Map(observations.map((o) => [o.ref, o])),
    users: new Map(Object.entries(scenario.users ?? {}).map(([name, status]) => [uid(name), status])),
    options: { ...defaultPlanOptions, ...scenario.options },
  };
  return input;
}

/** One line per item, e.g. "join @alice:acme.test", "blocked admin_not_in_room @a,@b": easy to compare. */
export function itemsOf(plan: Plan): string[] {
  return plan.rooms.flatMap((room) => [
    ...(room.error !== undefined ? [`error ${room.room}`] : []),
    ...room.changes.map((c) => `${c.action} ${c.user}`),
    ...room.blocked.map((b) => `blocked ${b.code} ${b.user ?? (b.users ?? []).join(",")}`),
    ...room.info.map((i) => `${i.code} ${i.user}`),
  ]);
}
