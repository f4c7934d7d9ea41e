/** The benchmark's scenarios (issue 7): sizes, latency, concurrency, and what is measured. */
// @ts-nocheck


export type ScenarioKind = "plan" | "apply" | "planner";

export interface Scenario {
  name: string;
  kind: ScenarioKind;
  /** Declared rooms r0…r(rooms-1), each with `membersPerRoom` members from a pool of `users` users. */
  rooms: number;
  membersPerRoom: number;
  users: number;
  /** Fraction of each room's declared members already joined on the server. */
  joinedFraction: number;
  /** One extra room "#big" with this many declared (and, with joinedFraction 1, joined) members. */
  bigRoomMembers: number;
  latencyMs: number;
  concurrency: number;
  /**
   * Share of the rooms (of the one room's members, for a single room) the --concurrency 1 run covers
   * (1 = all). Below 1 the sequential wall time is extrapolated by requests (sequential time grows
   * linearly with requests), and the output says so.
   */
  sequentialSample: number;
  /** Timed runs; the result is the median one (HTTP scenarios only: planner-1m runs once). */
  runs: number;
}

const base = { rooms: 0, membersPerRoom: 0, users: 0, joinedFraction: 0.9, bigRoomMembers: 0, latencyMs: 5, concurrency: 16, sequentialSample: 1, runs: 3 };

export const scenarios: readonly Scenario[] = [
  { ...base, name: "plan-1k", kind: "plan", rooms: 1000, membersPerRoom: 100, users: 5000 },
  { ...base, name: "apply-1k", kind: "apply", rooms: 1000, membersPerRoom: 100, users: 5000, sequentialSample: 0.1 },
  { ...base, name: "plan-bigroom", kind: "plan", bigRoomMembers: 20_000, joinedFraction: 1 },
  // Not in the list: one room's 10,000 joins, which go side by side like rooms do.
  { ...base, name: "apply-bigroom", kind: "apply", bigRoomMembers: 20_000, joinedFraction: 0.5, sequentialSample: 0.1 },
  // 10,000 rooms × 100 members = 1,000,000 memberships, planned without any HTTP.
  { ...base, name: "planner-1m", kind: "planner", rooms: 10_000, membersPerRoom: 100, users: 50_000, latencyMs: 0, concurrency: 1, runs: 1 },
];

/** A few rooms at no latency, run only when named: what the harness test runs, in seconds. */
export const tinyScenarios: readonly Scenario[] = (["plan", "apply", "planner"] as const).map((kind) => ({
  ...base,
  name: `tiny-${kind}`,
  kind,
  rooms: 5,
  membersPerRoom: 4,
  users: 12,
  latencyMs: 0,
  concurrency: 4,
  runs: 1,
}));

/** The declared members of room `r`: the same round-robin choice as the sandbox's scaleSeed. */
export function memberIndex(scenario: Scenario, room: number, slot: number): number {
  return (room * scenario.membersPerRoom + slot) % scenario.users;
}
