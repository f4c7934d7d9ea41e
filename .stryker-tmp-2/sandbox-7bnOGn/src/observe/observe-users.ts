// @ts-nocheck
import type { Desired, UserId } from "../declarations/model.js";
import type { SynapseClient } from "../homeserver/client.js";
import type { UserInfo, UserPage } from "../homeserver/types.js";
import type { RoomObservation, UserStatus } from "../plan/observation.js";
import { isLocalUser } from "../declarations/identifiers.js";
import { mapConcurrent } from "../util/concurrency.js";

export type UserReader = Pick<SynapseClient, "getUser" | "listUsers">;

/** Users per page when listing every account; one page answers small servers in a single request. */
export const USER_PAGE_SIZE = 1000;

/**
 * Declared local users: the ones whose status the plan needs. With `rooms`, only those of rooms that
 * could be read; without, every declared room's (so the lookups can start before the rooms are read).
 */
export function localUsersToCheck(desired: Desired, serverName: string, rooms?: ReadonlyMap<string, RoomObservation>): UserId[] {
  const users = new Set<UserId>();
  for (const room of desired.rooms) {
    if (rooms !== undefined && rooms.get(room.ref)?.status !== "ok") continue;
    for (const member of room.members) if (isLocalUser(member.user, serverName)) users.add(member.user);
  }
  return [...users].sort();
}

/**
 * Looks up the status of each user, choosing the cheaper way: one GET per user, or paging through
 * every account (USER_PAGE_SIZE per request) when that takes fewer requests. The first page is read
 * only when it can win, and it tells how many pages there are.
 */
export async function observeUsers(users: readonly UserId[], client: UserReader, concurrency: number): Promise<Map<UserId, UserStatus>> {
  if (users.length === 0) return new Map();
  if (users.length > 1) {
    const first = await client.listUsers({ from: 0, limit: USER_PAGE_SIZE });
    const pages = Math.ceil(first.total / USER_PAGE_SIZE);
    if (pages <= users.length) return statusesFromList(users, first, client, concurrency);
  }
  const statuses = await mapConcurrent(users, concurrency, async (user) => statusOf(await client.getUser(user)));
  return new Map(users.map((user, i) => [user, statuses[i] as UserStatus]));
}

async function statusesFromList(wanted: readonly UserId[], first: UserPage, client: UserReader, concurrency: number): Promise<Map<UserId, UserStatus>> {
  const wantedSet = new Set(wanted);
  const found = new Map<UserId, UserStatus>();
  const take = (page: readonly UserInfo[]) => {
    for (const user of page) if (wantedSet.has(user.userId)) found.set(user.userId, statusOf(user));
  };
  take(first.users);
  // Offset paging: every later page's offset is known from the first page, so they are read concurrently.
  const offsets: number[] = [];
  for (let from = first.users.length; first.nextToken !== undefined && from < first.total; from += USER_PAGE_SIZE) offsets.push(from);
  await mapConcurrent(offsets, concurrency, async (from) => take((await client.listUsers({ from, limit: USER_PAGE_SIZE })).users));
  return new Map(wanted.map((user) => [user, found.get(user) ?? "not_found"]));
}

function statusOf(user: UserInfo | null): UserStatus {
  if (user === null) return "not_found";
  if (user.deactivated) return "deactivated";
  if (user.suspended) return "suspended";
  return "active";
}
