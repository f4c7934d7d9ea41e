import { setImmediate } from "node:timers/promises";
import type { Desired, DesiredRoom, UserId } from "../declarations/model.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRoom } from "../observe/observe-rooms.js";
import { observeUsers } from "../observe/observe-users.js";
import { ReadinessTracker } from "../observe/readiness.js";
import { limitReads } from "../observe/shared-limit.js";
import { computePlan, planDeclaredRoom, type PlanInput } from "../plan/compute-plan.js";
import type { RoomObservation, UserStatus } from "../plan/observation.js";
import type { Plan, PlanOptions, RoomPlan } from "../plan/types.js";
import { Limiter, mapConcurrent } from "../util/concurrency.js";

/** What one read of the server found: reused to plan other declarations (plan --base) without reading again. */
export interface Observed {
  admin: UserId;
  serverName: string;
  rooms: ReadonlyMap<string, RoomObservation>;
  users: ReadonlyMap<UserId, UserStatus>;
}

export interface PlanProgress {
  /** The shared limit the reads go through (default: a limit of their own of `concurrency`). */
  limiter?: Limiter;
  /** A room's ID is known (undefined: it has none), before its state is read. */
  onRoomResolved?(index: number, roomId: string | undefined): void;
  /** A room is planned, as computePlan will have it unless it turns out to be declared twice. */
  onRoomPlanned?(room: RoomPlan, index: number): void;
}

/**
 * Reads the server for the declared rooms — one alias resolve and one state read per room, and the
 * statuses of the declared local users (room by room), side by side through one limit of `concurrency`
 * requests in flight — and plans each room as soon as its own reads are done, so that planning overlaps
 * the reads still under way instead of following them.
 */
export async function observeAndPlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number, progress: PlanProgress = {}): Promise<{ observed: Observed; plan: Plan }> {
  const { identity } = connection;
  const client = limitReads(connection.client, progress.limiter ?? new Limiter(concurrency));
  const rooms = new Map<string, RoomObservation>();
  const users = new Map<UserId, UserStatus>();
  const input: PlanInput = { desired, admin: identity.userId, serverName: identity.serverName, rooms, users, options };
  // Made once the first room reads are out (it is a pass over every membership); rooms read before are noted.
  let tracker: ReadinessTracker | undefined;
  const readEarly: number[] = [];
  const early = new Map<string, RoomPlan>();
  const planReady = () => {
    for (const index of tracker?.takeReady() ?? []) {
      const room = planDeclaredRoom(desired.rooms[index] as DesiredRoom, input);
      early.set(room.room, room);
      progress.onRoomPlanned?.(room, index);
    }
  };
  await Promise.all([
    mapConcurrent(desired.rooms, concurrency, async (room, index) => {
      rooms.set(room.ref, await observeRoom(room, client, (roomId) => progress.onRoomResolved?.(index, roomId)));
      if (tracker === undefined) return void readEarly.push(index);
      tracker.roomRead(index);
      planReady();
    }),
    setImmediate().then(() => {
      const ready = (tracker = new ReadinessTracker(desired, identity.serverName));
      for (const index of readEarly) ready.roomRead(index);
      planReady();
      return observeUsers(ready.usersRoomByRoom(), client, concurrency, (user, status) => {
        users.set(user, status);
        ready.userKnown(user);
        planReady();
      });
    }),
  ]);
  const plan = computePlan(input, early);
  // In declaration order and sorted, as a plain read would give them (plan --base plans against them again).
  const observed: Observed = {
    admin: identity.userId,
    serverName: identity.serverName,
    rooms: new Map(desired.rooms.flatMap((room) => (rooms.has(room.ref) ? [[room.ref, rooms.get(room.ref) as RoomObservation] as const] : []))),
    users: new Map([...users.keys()].sort().map((user) => [user, users.get(user) as UserStatus] as const)),
  };
  return { observed, plan };
}

export function planAgainst(desired: Desired, observed: Observed, options: PlanOptions): Plan {
  return computePlan({ desired, ...observed, options });
}

export async function makePlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<Plan> {
  return (await observeAndPlan(desired, connection, options, concurrency)).plan;
}
