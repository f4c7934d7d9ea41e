// @ts-nocheck
import { forEachConcurrent, Limiter, mapConcurrent } from "../util/concurrency.js";
import type { UserId } from "../declarations/model.js";
import type { Change, Plan, RoomPlan } from "../plan/types.js";
import { runEnsureAdmin } from "./ensure-admin.js";
import { runAction, StopSignal, type MembershipActions } from "./run-action.js";
import { summariseApply } from "./summarise.js";
import type { ActionResult, ApplyResult, RoomResult } from "./types.js";

export interface ExecuteOptions {
  actions: MembershipActions;
  /**
   * Requests in flight at most, all rooms together. Rooms are worked on side by side; within a room the
   * admin's own change comes first, then its plain joins go side by side while its invites, kicks and
   * invite-first joins run one after another, in plan order.
   */
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
  // One limit for every action of the run: rooms side by side and joins side by side never exceed it together.
  const limiter = new Limiter(options.concurrency);
  await mapConcurrent(work, options.concurrency, (item) => executeRoom(item.room, item.result, options, { stop, limiter, admin: plan.admin }));
  const blocked = plan.rooms.reduce((n, room) => n + room.blocked.length, 0);
  return { rooms, summary: summariseApply(rooms, blocked), ...(stop.reason !== undefined ? { stoppedEarly: stop.reason } : {}) };
}

function emptyResult(room: RoomPlan, skip: ReadonlyMap<string, string> | undefined): RoomResult {
  const skipped = room.error !== undefined ? `not planned: ${room.error}` : skip?.get(room.room);
  const base: RoomResult = { room: room.room, ...(room.roomId !== undefined ? { roomId: room.roomId } : {}), results: [] };
  if (skipped === undefined) return base;
  return { ...base, skipped, results: room.changes.map((c) => ({ action: c.action, user: c.user, status: "not_attempted", detail: skipped })) };
}

interface RunContext {
  stop: StopSignal;
  /** Taken by each action (and its re-read) before it starts, so a stop seen then sends nothing more. */
  limiter: Limiter;
  admin: UserId;
}

async function executeRoom(room: RoomPlan, result: RoomResult, options: ExecuteOptions, { stop, limiter, admin }: RunContext): Promise<void> {
  if (room.roomId === undefined) throw new Error(`room ${room.room} has changes but no room ID`);
  if (room.ensureAdmin !== undefined) {
    const { roomId, ensureAdmin } = room;
    const ensured = await limiter.run(() => runEnsureAdmin(roomId, ensureAdmin, options.actions, stop));
    result.ensureAdmin = ensured;
    options.onEnsureAdmin?.(result);
    if (ensured.status !== "done") {
      // Every action of the room was planned as if the admin were in with the granted power.
      const detail = `not attempted: the admin could not be brought into the room (${ensured.detail ?? ensured.status})`;
      for (const change of room.changes) result.results.push({ action: change.action, user: change.user, status: "not_attempted", detail });
      return;
    }
  }
  const roomId = room.roomId;
  const outcomes: ActionResult[] = [];
  let reported = 0;
  const run = async (index: number) => {
    outcomes[index] = await limiter.run(() => runAction(roomId, room.changes[index] as Change, options.actions, stop));
    // Reported in plan order, as soon as every earlier action of the room is done: the output does not depend on timing.
    for (let next = outcomes[reported]; next !== undefined; next = outcomes[reported]) {
      reported += 1;
      options.onResult?.(result, next);
    }
  };
  const { first, sideBySide, inTurn } = laneChanges(room.changes, admin);
  for (const index of first) await run(index);
  await Promise.all([
    forEachConcurrent(sideBySide, options.concurrency, run),
    (async () => {
      for (const index of inTurn) await run(index);
    })(),
  ]);
  result.results.push(...outcomes);
}

/**
 * Splits a room's changes (by index): the admin's own first, since the room's invites and kicks were
 * planned with the admin joined; plain joins side by side (Synapse does not rate-limit its admin join
 * API); invites, kicks and invite-first joins one at a time, as Synapse rate-limits them per room and
 * per sender, so that more of them at once would only collect 429 answers.
 */
function laneChanges(changes: readonly Change[], admin: UserId): { first: number[]; sideBySide: number[]; inTurn: number[] } {
  const lanes = { first: [] as number[], sideBySide: [] as number[], inTurn: [] as number[] };
  changes.forEach((change, index) => {
    if (change.user === admin) lanes.first.push(index);
    else if (change.action === "join" && change.inviteFirst !== true) lanes.sideBySide.push(index);
    else lanes.inTurn.push(index);
  });
  return lanes;
}
