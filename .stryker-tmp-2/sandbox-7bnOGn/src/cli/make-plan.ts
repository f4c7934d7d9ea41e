// @ts-nocheck
import { setImmediate } from "node:timers/promises";
import type { Desired, UserId } from "../declarations/model.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRooms } from "../observe/observe-rooms.js";
import { localUsersToCheck, observeUsers } from "../observe/observe-users.js";
import { limitReads } from "../observe/shared-limit.js";
import { computePlan } from "../plan/compute-plan.js";
import type { RoomObservation, UserStatus } from "../plan/observation.js";
import type { Plan, PlanOptions } from "../plan/types.js";
import { Limiter } from "../util/concurrency.js";

/** What one read of the server found: reused to plan other declarations (plan --base) without reading again. */
export interface Observed {
  admin: UserId;
  serverName: string;
  rooms: ReadonlyMap<string, RoomObservation>;
  users: ReadonlyMap<UserId, UserStatus>;
}

/**
 * Reads the server for the declared rooms: one alias resolve and one state read per room, and the
 * statuses of the declared local users, side by side through one limit of `concurrency` requests in flight.
 */
export async function observe(desired: Desired, connection: Connection, concurrency: number): Promise<Observed> {
  const { identity } = connection;
  const client = limitReads(connection.client, new Limiter(concurrency));
  const [rooms, users] = await Promise.all([
    observeRooms(desired, client, concurrency),
    // The first room reads go out before the declared users are gathered (a pass over every membership).
    setImmediate().then(() => observeUsers(localUsersToCheck(desired, identity.serverName), client, concurrency)),
  ]);
  return { admin: identity.userId, serverName: identity.serverName, rooms, users };
}

export function planAgainst(desired: Desired, observed: Observed, options: PlanOptions): Plan {
  return computePlan({ desired, ...observed, options });
}

export async function makePlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<Plan> {
  return planAgainst(desired, await observe(desired, connection, concurrency), options);
}
