import { mapConcurrent } from "../util/concurrency.js";
import type { Plan, RoomPlan } from "../plan/types.js";
import { runEnsureAdmin } from "./ensure-admin.js";
import { runAction, StopSignal, type MembershipActions } from "./run-action.js";
import { summariseApply } from "./summarise.js";
import type { ActionResult, ApplyResult, RoomResult } from "./types.js";

export interface ExecuteOptions {
  actions: MembershipActions;
  /** Rooms worked on at once; actions within a room always run in order. */
  concurrency: number;
  /** Rooms not to touch, with the reason (e.g. a saved plan whose room changed since). */
  skip?: ReadonlyMap<string, string>;
  /** Called as each action completes (one output line per action). */
  onResult?: (room: RoomResult, result: ActionResult) => void;
  /** Called when a room's --ensure-admin steps are done (or not). */
  onEnsureAdmin?: (room: RoomResult) => void;
}

/** Carries out a plan. Reads only the plan, never the declarations. */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ApplyResult> {
  const stop = new StopSignal();
  const rooms = plan.rooms.map((room) => emptyResult(room, options.skip));
  const work = plan.rooms
    .map((room, i) => ({ room, result: rooms[i] as RoomResult }))
    .filter(({ result, room }) => result.skipped === undefined && (room.changes.length > 0 || room.ensureAdmin !== undefined));
  await mapConcurrent(work, options.concurrency, (item) => executeRoom(item.room, item.result, options, stop));
  const blocked = plan.rooms.reduce((n, room) => n + room.blocked.length, 0);
  return { rooms, summary: summariseApply(rooms, blocked), ...(stop.reason !== undefined ? { stoppedEarly: stop.reason } : {}) };
}

function emptyResult(room: RoomPlan, skip: ReadonlyMap<string, string> | undefined): RoomResult {
  const skipped = room.error !== undefined ? `not planned: ${room.error}` : skip?.get(room.room);
  const base: RoomResult = { room: room.room, ...(room.roomId !== undefined ? { roomId: room.roomId } : {}), results: [] };
  if (skipped === undefined) return base;
  return { ...base, skipped, results: room.changes.map((c) => ({ action: c.action, user: c.user, status: "not_attempted", detail: skipped })) };
}

async function executeRoom(room: RoomPlan, result: RoomResult, options: ExecuteOptions, stop: StopSignal): Promise<void> {
  if (room.roomId === undefined) throw new Error(`room ${room.room} has changes but no room ID`);
  if (room.ensureAdmin !== undefined) {
    const ensured = await runEnsureAdmin(room.roomId, room.ensureAdmin, options.actions, stop);
    result.ensureAdmin = ensured;
    options.onEnsureAdmin?.(result);
    if (ensured.status !== "done") {
      // Every action of the room was planned as if the admin were in with the granted power.
      const detail = `not attempted: the admin could not be brought into the room (${ensured.detail ?? ensured.status})`;
      for (const change of room.changes) result.results.push({ action: change.action, user: change.user, status: "not_attempted", detail });
      return;
    }
  }
  for (const change of room.changes) {
    const outcome = await runAction(room.roomId, change, options.actions, stop);
    result.results.push(outcome);
    options.onResult?.(result, outcome);
  }
}
