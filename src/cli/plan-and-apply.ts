import { startExecution, type ExecuteOptions } from "../apply/execute-plan.js";
import { homeserverActions } from "../apply/homeserver-actions.js";
import type { ApplyResult } from "../apply/types.js";
import type { SynapseClient } from "../homeserver/client.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { findRoomsSharingAnId } from "../plan/compute-plan.js";
import type { Desired } from "../declarations/model.js";
import type { Plan, PlanOptions, RoomPlan } from "../plan/types.js";
import { Limiter } from "../util/concurrency.js";
import { observeAndPlan } from "./make-plan.js";

/** Membership changes take a free slot before the plan's reads: a room's chain of changes is what lasts. */
const CHANGE_PRIORITY = 1;

export interface PlannedApply {
  /** The whole plan, once every room is read: the plan `makePlan` gives. */
  plan: Promise<Plan>;
  /** Runs what is left once the plan is known, and resolves when every room has ended. */
  finish(plan: Plan): Promise<ApplyResult>;
}

/**
 * `apply --yes` without a saved plan: plans and applies in one pass, so that a room's changes start as
 * soon as the room is planned while other rooms are still being read (on a real Synapse, looking up 200
 * users one by one took about half a second before the first join). A room starts once it is planned
 * (its state and its local members' statuses read) and every room's ID is known (a room declared twice
 * is an error, not a room to act on); the final plan holds the very room plans that were started. All
 * requests share one limit of `concurrency` in flight, changes first. The caller prints the plan before
 * any progress line.
 */
export function planAndApply(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number, execute: Omit<ExecuteOptions, "actions" | "concurrency">): PlannedApply {
  const limiter = new Limiter(concurrency);
  const execution = startExecution(connection.identity.userId, { ...execute, concurrency, actions: homeserverActions(limitChanges(connection.client, limiter)) });
  const roomIds = new Map<string, { roomId?: string }>();
  let sharedIds: ReadonlyMap<string, string> | undefined;
  // Planned before every room's ID was known: started once it is.
  const waiting: [RoomPlan, number][] = [];
  let halted = false;
  const start = (room: RoomPlan, index: number) => {
    if (halted || sharedIds === undefined) return;
    if (!sharedIds.has(room.room)) execution.startRoom(room, index);
  };
  const observing = observeAndPlan(desired, connection, options, concurrency, {
    limiter,
    onRoomResolved(index, roomId) {
      roomIds.set(desired.rooms[index]?.ref ?? "", roomId === undefined ? {} : { roomId });
      if (roomIds.size < desired.rooms.length) return;
      sharedIds = findRoomsSharingAnId(desired.rooms, roomIds);
      for (const [room, at] of waiting.splice(0)) start(room, at);
    },
    onRoomPlanned(room, index) {
      if (sharedIds === undefined) waiting.push([room, index]);
      else start(room, index);
    },
  });
  const plan = observing.then(
    ({ plan: whole }) => whole,
    async (error: unknown) => {
      // Nothing more starts; what is under way ends before the error is told.
      halted = true;
      execution.stop("the plan could not be completed");
      await execution.drain();
      throw error;
    },
  );
  return { plan, finish: (whole) => execution.finish(whole) };
}

/** The client whose membership changes (and their re-reads) go through the shared limit ahead of the plan's reads. */
function limitChanges(client: SynapseClient, limiter: Limiter): SynapseClient {
  const limited: Partial<SynapseClient> = {
    adminJoin: (...args) => limiter.run(() => client.adminJoin(...args), CHANGE_PRIORITY),
    invite: (...args) => limiter.run(() => client.invite(...args), CHANGE_PRIORITY),
    kick: (...args) => limiter.run(() => client.kick(...args), CHANGE_PRIORITY),
    getRoomState: (...args) => limiter.run(() => client.getRoomState(...args), CHANGE_PRIORITY),
    makeRoomAdmin: (...args) => limiter.run(() => client.makeRoomAdmin(...args), CHANGE_PRIORITY),
    clientJoin: (...args) => limiter.run(() => client.clientJoin(...args), CHANGE_PRIORITY),
  };
  return limited as SynapseClient;
}
