import type { Desired } from "../declarations/model.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRooms } from "../observe/observe-rooms.js";
import { localUsersToCheck, observeUsers } from "../observe/observe-users.js";
import { computePlan } from "../plan/compute-plan.js";
import type { Plan, PlanOptions } from "../plan/types.js";

/** Reads the server for the declared rooms (observe) and computes the plan (pure). */
export async function makePlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<Plan> {
  const { client, identity } = connection;
  const rooms = await observeRooms(desired, client, concurrency);
  const users = await observeUsers(localUsersToCheck(desired, identity.serverName, rooms), client, concurrency);
  return computePlan({ desired, admin: identity.userId, serverName: identity.serverName, rooms, users, options });
}
