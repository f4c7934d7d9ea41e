import type { Desired } from "../declarations/model.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRooms } from "../observe/observe-rooms.js";
import { localUsersToCheck, observeUsers } from "../observe/observe-users.js";
import { limitReads } from "../observe/shared-limit.js";
import { computePlan } from "../plan/compute-plan.js";
import type { Plan, PlanOptions } from "../plan/types.js";
import { Limiter } from "../util/concurrency.js";

/**
 * Reads the server for the declared rooms (observe) and computes the plan (pure). Rooms and user
 * statuses are read side by side through one limit of `concurrency` requests in flight.
 */
export async function makePlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<Plan> {
  const { identity } = connection;
  const client = limitReads(connection.client, new Limiter(concurrency));
  const [rooms, users] = await Promise.all([
    observeRooms(desired, client, concurrency),
    observeUsers(localUsersToCheck(desired, identity.serverName), client, concurrency),
  ]);
  return computePlan({ desired, admin: identity.userId, serverName: identity.serverName, rooms, users, options });
}
