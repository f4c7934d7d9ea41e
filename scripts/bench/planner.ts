/**
 * planner-1m: the pure planner alone over rooms × members memberships, no HTTP. Inputs are built in
 * memory (the shape observe produces); only computePlan is timed. Convergence: the plan's joins are
 * applied to the observations in memory and the plan computed again must be empty.
 */
import type { Desired, DesiredRoom } from "../../src/declarations/model.js";
import { fingerprintRoom } from "../../src/observe/fingerprint.js";
import { computePlan, type PlanInput } from "../../src/plan/compute-plan.js";
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
  const timed = timePlanAndApply(input, rooms);
  return { ...timed, converged: isConverged(input) };
}

/**
 * Plans again, in slices of rooms (each room is planned on its own; the bench's room IDs are all distinct),
 * so that the harness's own check does not hold a second full plan next to the first one's remains.
 */
function isConverged(input: PlanInput): boolean {
  const slice = 1000;
  const { rooms } = input.desired;
  for (let start = 0; start < rooms.length; start += slice) {
    const again = computePlan({ ...input, desired: { ...input.desired, rooms: rooms.slice(start, start + slice) } });
    if (countChanges(again) !== 0 || !isClean(again)) return false;
  }
  return true;
}

/** The timed plan, then its changes applied in memory; the plan is dropped before the convergence check, as roster would. */
function timePlanAndApply(input: PlanInput, rooms: Map<string, RoomObservation>): { wallMs: number; cpuMs: number; changes: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const plan = computePlan(input);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  applyInMemory(plan, rooms);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, changes: countChanges(plan) };
}

/**
 * The inputs in the shape the loader gives a large, group-based declaration: a member's source points
 * at the room's `groups:` entry; like the loader, every member one group brings into a room shares one
 * frozen source list, so a membership costs its DesiredMember object only.
 */
function buildInputs(scenario: Scenario) {
  const file = "rooms/rooms.yaml";
  const desiredRooms: DesiredRoom[] = [];
  const rooms = new Map<string, RoomObservation>();
  const joined = Math.floor(scenario.membersPerRoom * scenario.joinedFraction);
  // One string per user, shared by every room the user is in (the loader expands a group's members once).
  const userIds = Array.from({ length: scenario.users }, (_, u) => `@u${u}:${serverName}`);
  for (let r = 0; r < scenario.rooms; r++) {
    const ref = `#r${r}:${serverName}`;
    const roomPos = { file, line: r * 3 + 2, column: 3 };
    const groupPos = { file, line: r * 3 + 3, column: 14 };
    const group = `g${r}`;
    const slots = Array.from({ length: scenario.membersPerRoom }, (_, slot) => memberIndex(scenario, r, slot));
    const members = new Map<string, Membership>([[admin, "join"]]);
    for (const u of slots.slice(0, joined)) members.set(userIds[u] as string, "join");
    slots.sort((a, b) => compare(userIds[a] as string, userIds[b] as string));
    const sources = Object.freeze([Object.freeze({ pos: groupPos, group })]);
    const declared = slots.map((u) => ({ user: userIds[u] as string, sources }));
    desiredRooms.push({ ref, written: `#r${r}`, pos: roomPos, prune: false, members: declared });
    const powerLevels = { users: { [admin]: 100 }, usersDefault: 0, invite: 0, kick: 50, ban: 50, creators: [] };
    const observed: ObservedRoom = {
      status: "ok",
      ref,
      roomId: `!r${r}:${serverName}`,
      joinRule: "invite",
      powerLevels,
      members,
      fingerprint: fingerprintRoom(members, powerLevels),
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
    // The bench built every observation's members as a Map: the readonly type is the planner's promise, not the bench's.
    const members = observed.members as Map<string, Membership>;
    for (const change of room.changes) if (change.action !== "power") members.set(change.user, change.action === "kick" ? "leave" : change.action);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countChanges(plan: Plan): number {
  return plan.summary.join + plan.summary.invite + plan.summary.kick;
}

export function isClean(plan: Plan): boolean {
  return plan.summary.blocked === 0 && plan.summary.errors === 0;
}
