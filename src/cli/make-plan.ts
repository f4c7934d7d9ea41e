import type { Desired, DesiredRoom, UserId } from "../declarations/model.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRooms } from "../observe/observe-rooms.js";
import { localUsersToCheck, observeUsers } from "../observe/observe-users.js";
import { limitReads } from "../observe/shared-limit.js";
import { assemblePlan, computePlan, planDeclaredRoom, type RoomContext } from "../plan/compute-plan.js";
import type { RoomObservation, UserStatus } from "../plan/observation.js";
import type { Plan, PlanOptions, RoomPlan } from "../plan/types.js";
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
    observeUsers(localUsersToCheck(desired, identity.serverName), client, concurrency),
  ]);
  return { admin: identity.userId, serverName: identity.serverName, rooms, users };
}

export function planAgainst(desired: Desired, observed: Observed, options: PlanOptions): Plan {
  return computePlan({ desired, ...observed, options });
}

export async function makePlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<Plan> {
  return (await observeAndPlan(desired, connection, options, concurrency)).plan;
}

/**
 * observe + planAgainst with the same result, but each room is planned as soon as it is read (once the
 * users' statuses are known) while the other rooms are still being read, so that planning a large
 * declaration does not all wait for the last answer.
 */
export async function observeAndPlan(desired: Desired, connection: Connection, options: PlanOptions, concurrency: number): Promise<{ observed: Observed; plan: Plan }> {
  const { identity } = connection;
  const client = limitReads(connection.client, new Limiter(concurrency));
  const early = new Map<DesiredRoom, { observation: RoomObservation; plan: RoomPlan }>();
  const waiting: [DesiredRoom, RoomObservation][] = [];
  let context: RoomContext | undefined;
  const planEarly = (room: DesiredRoom, observation: RoomObservation, ready: RoomContext) => early.set(room, { observation, plan: planDeclaredRoom(room, observation, ready) });
  const usersRead = observeUsers(localUsersToCheck(desired, identity.serverName), client, concurrency).then((users) => {
    const ready: RoomContext = { admin: identity.userId, serverName: identity.serverName, users, options };
    context = ready;
    for (const [room, observation] of waiting.splice(0)) planEarly(room, observation, ready);
    return users;
  });
  const [rooms, users] = await Promise.all([
    observeRooms(desired, client, concurrency, (room, observation) => {
      if (context === undefined) waiting.push([room, observation]);
      else planEarly(room, observation, context);
    }),
    usersRead,
  ]);
  const observed: Observed = { admin: identity.userId, serverName: identity.serverName, rooms, users };
  const input = { desired, ...observed, options };
  const plan = assemblePlan(input, (room, observation) => {
    const planned = early.get(room);
    return planned !== undefined && planned.observation === observation ? planned.plan : planDeclaredRoom(room, observation, input);
  });
  return { observed, plan };
}
