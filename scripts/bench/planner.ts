/**
 * planner-1m: the pure planner alone over rooms × members memberships, no HTTP. Inputs are built in
 * memory (the shape observe produces); only computePlan is timed. Convergence: the plan's joins are
 * applied to the observations in memory and the plan computed again must be empty.
 */
import type { Desired, DesiredRoom } from "../../src/declarations/model.js";
import { fingerprintMembers } from "../../src/observe/fingerprint.js";
import { computePlan } from "../../src/plan/compute-plan.js";
import type { Membership, ObservedRoom, RoomObservation, UserStatus } from "../../src/plan/observation.js";
import { defaultPlanOptions, type Plan } from "../../src/plan/types.js";
import { memberIndex, type Scenario } from "./scenarios.js";

const serverName = "acme.test";
const admin = `@admin:${serverName}`;

export interface PlannerRun {
  wallMs: number;
  cpuMs: number;
  changes: number;
  converged: boolean;
}

export function runPlanner(scenario: Scenario): PlannerRun {
  const { desired, rooms, users } = buildInputs(scenario);
  const input = { desired, admin, serverName, rooms, users, options: defaultPlanOptions };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const plan = computePlan(input);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  applyInMemory(plan, rooms);
  const again = computePlan(input);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, changes: countChanges(plan), converged: countChanges(again) === 0 && isClean(again) };
}

function buildInputs(scenario: Scenario) {
  const pos = (line: number) => ({ file: `rooms/rooms-${Math.floor(line / 10_000)}.yaml`, line, column: 7 });
  const desiredRooms: DesiredRoom[] = [];
  const rooms = new Map<string, RoomObservation>();
  const joined = Math.floor(scenario.membersPerRoom * scenario.joinedFraction);
  // One string per user, as a loader that interns IDs would hold them.
  const userIds = Array.from({ length: scenario.users }, (_, u) => `@u${u}:${serverName}`);
  for (let r = 0; r < scenario.rooms; r++) {
    const ref = `#r${r}:${serverName}`;
    const users = Array.from({ length: scenario.membersPerRoom }, (_, slot) => userIds[memberIndex(scenario, r, slot)] as string);
    const members: Record<string, Membership> = { [admin]: "join" };
    users.slice(0, joined).forEach((user) => (members[user] = "join"));
    users.sort();
    desiredRooms.push({ ref, written: `#r${r}`, pos: pos(r * 2), prune: false, members: users.map((user) => ({ user, sources: [{ pos: pos(r * 2 + 1) }] })) });
    const observed: ObservedRoom = {
      status: "ok",
      ref,
      roomId: `!r${r}:${serverName}`,
      joinRule: "invite",
      powerLevels: { users: { [admin]: 100 }, usersDefault: 0, invite: 0, kick: 50, ban: 50, creators: [] },
      members,
      fingerprint: fingerprintMembers(members),
    };
    rooms.set(ref, observed);
  }
  const desired: Desired = { serverName, groups: [], rooms: desiredRooms, files: [] };
  const users = new Map<string, UserStatus>();
  for (const user of userIds) users.set(user, "active");
  return { desired, rooms, users };
}

function applyInMemory(plan: Plan, rooms: Map<string, RoomObservation>): void {
  for (const room of plan.rooms) {
    const observed = rooms.get(room.room);
    if (observed?.status !== "ok") continue;
    for (const change of room.changes) observed.members[change.user] = change.action === "kick" ? "leave" : change.action;
  }
}

export function countChanges(plan: Plan): number {
  return plan.summary.join + plan.summary.invite + plan.summary.kick;
}

export function isClean(plan: Plan): boolean {
  return plan.summary.blocked === 0 && plan.summary.errors === 0;
}
