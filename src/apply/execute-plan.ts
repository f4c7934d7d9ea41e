import { runAcrossRooms, type RoomTasks } from "../util/room-scheduler.js";
import type { UserId } from "../declarations/model.js";
import type { Change, Plan, RoomPlan } from "../plan/types.js";
import { runEnsureAdmin } from "./ensure-admin.js";
import { runAction, StopSignal, type MembershipActions } from "./run-action.js";
import { runPowerChanges } from "./run-power.js";
import { summariseApply } from "./summarise.js";
import type { ActionResult, ApplyResult, RoomResult } from "./types.js";

export interface ExecuteOptions {
  actions: MembershipActions;
  /**
   * Requests in flight at most, all rooms together, spread over rooms: Synapse makes one membership
   * change per room at a time, so only requests to different rooms overlap its work.
   */
  concurrency: number;
  /**
   * Requests in flight at most inside one room (default PER_ROOM_IN_FLIGHT). Within a room the admin's
   * own change comes first; invites, kicks and invite-first joins run alone, in plan order.
   */
  perRoom?: number;
  /** Rooms not to touch, with the reason (e.g. a saved plan whose room changed since). */
  skip?: ReadonlyMap<string, string>;
  /** Called as each action completes (one output line per action). */
  onResult?: (room: RoomResult, result: ActionResult) => void;
  /** Called when a room's --ensure-admin steps are done (or not). */
  onEnsureAdmin?: (room: RoomResult) => void;
}

/**
 * Requests in flight inside one room. Synapse's per-room linearizer makes a room's membership changes one
 * after another, so a second request there only queues on the server. Measured on a real Synapse 1.67
 * (README, "Benchmarks on a real Synapse"): 40 admin joins in one room, 5 runs each, interleaved, took a
 * median of 210 ms per join with 1 in flight, 256 ms with 2 and 234 ms with 3 (a busy 2-core machine);
 * the issue's own figures: 81 ms one after another, 80–91 ms with 8 in flight. More gains nothing, so a
 * room's actions run one at a time, in order, and the concurrency goes to other rooms.
 */
export const PER_ROOM_IN_FLIGHT = 1;

/** Carries out a plan. Reads only the plan, never the declarations. */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ApplyResult> {
  const stop = new StopSignal();
  const rooms = plan.rooms.map((room) => emptyResult(room, options.skip));
  const work: RoomTasks[] = [];
  plan.rooms.forEach((room, i) => {
    const result = rooms[i] as RoomResult;
    if (result.skipped === undefined && (room.changes.length > 0 || room.ensureAdmin !== undefined)) work.push(roomTasks(room, result, options, stop, plan.admin));
  });
  await runAcrossRooms(work, { concurrency: options.concurrency, perRoom: options.perRoom ?? PER_ROOM_IN_FLIGHT });
  const blocked = plan.rooms.reduce((n, room) => n + room.blocked.length, 0);
  return { rooms, summary: summariseApply(rooms, blocked), ...(stop.reason !== undefined ? { stoppedEarly: stop.reason } : {}) };
}

function emptyResult(room: RoomPlan, skip: ReadonlyMap<string, string> | undefined): RoomResult {
  const skipped = room.error !== undefined ? `not planned: ${room.error}` : skip?.get(room.room);
  const base: RoomResult = { room: room.room, ...(room.roomId !== undefined ? { roomId: room.roomId } : {}), results: [] };
  if (skipped === undefined) return base;
  return { ...base, skipped, results: room.changes.map((c) => ({ action: c.action, user: c.user, status: "not_attempted", detail: skipped })) };
}

/**
 * A room's work as scheduler tasks: its --ensure-admin steps (if any), then its changes with the admin's
 * own first (the room's invites and kicks were planned with the admin joined), then the others in plan
 * order. Plain joins may overlap inside the room (Synapse does not rate-limit its admin join API);
 * the admin's own change, invites, kicks and invite-first joins run alone, as Synapse rate-limits them
 * per room and per sender and the plan's order matters for them.
 */
function roomTasks(room: RoomPlan, result: RoomResult, options: ExecuteOptions, stop: StopSignal, admin: UserId): RoomTasks {
  const roomId = room.roomId;
  if (roomId === undefined) throw new Error(`room ${room.room} has changes but no room ID`);
  // Power changes come last in a room's plan and go out as one state event once its membership changes are done.
  const changes = room.changes.filter((c) => c.action !== "power");
  const powers = room.changes.filter((c) => c.action === "power");
  const order = changeOrder(changes, admin);
  const offset = room.ensureAdmin !== undefined ? 1 : 0;
  const powerTask = powers.length > 0 ? offset + changes.length : -1;
  const outcomes: ActionResult[] = [];
  let reported = 0;
  let abandoned: string | undefined;
  const record = (index: number, outcome: ActionResult) => {
    outcomes[index] = outcome;
    // Reported in plan order, as soon as every earlier action of the room is done: the output does not depend on timing.
    for (let next = outcomes[reported]; next !== undefined; next = outcomes[reported]) {
      reported += 1;
      options.onResult?.(result, next);
    }
    if (reported === changes.length) result.results.push(...outcomes);
  };
  return {
    count: offset + changes.length + (powers.length > 0 ? 1 : 0),
    exclusive: (task) => {
      if (task < offset || task === powerTask) return true;
      const change = changes[order[task - offset] as number] as Change;
      return change.user === admin || change.action !== "join" || change.inviteFirst === true;
    },
    run: async (task) => {
      if (task < offset && room.ensureAdmin !== undefined) {
        const ensured = await runEnsureAdmin(roomId, room.ensureAdmin, options.actions, stop);
        result.ensureAdmin = ensured;
        options.onEnsureAdmin?.(result);
        // Every action of the room was planned as if the admin were in with the granted power.
        if (ensured.status !== "done") abandoned = `not attempted: the admin could not be brought into the room (${ensured.detail ?? ensured.status})`;
        if (abandoned !== undefined) {
          for (const change of room.changes) result.results.push({ action: change.action, user: change.user, status: "not_attempted", detail: abandoned });
        }
        return;
      }
      if (abandoned !== undefined) return;
      if (task === powerTask) {
        for (const outcome of await runPowerChanges(roomId, powers, options.actions, stop, admin)) {
          result.results.push(outcome);
          options.onResult?.(result, outcome);
        }
        return;
      }
      const index = order[task - offset] as number;
      record(index, await runAction(roomId, changes[index] as Change, options.actions, stop));
    },
  };
}

/** The order a room's changes start in (indexes into its changes): the admin's own first, then plan order. */
function changeOrder(changes: readonly Change[], admin: UserId): number[] {
  const own: number[] = [];
  const rest: number[] = [];
  changes.forEach((change, index) => (change.user === admin ? own : rest).push(index));
  return [...own, ...rest];
}
