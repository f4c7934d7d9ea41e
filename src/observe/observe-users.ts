import type { UserId } from "../declarations/model.js";
import type { SynapseClient } from "../homeserver/client.js";
import type { UserInfo, UserPage } from "../homeserver/types.js";
import type { UserStatus } from "../plan/observation.js";
import { mapConcurrent } from "../util/concurrency.js";

export type UserReader = Pick<SynapseClient, "getUser" | "listUsers">;

/** Users per page when listing every account; one page answers small servers in a single request. */
export const USER_PAGE_SIZE = 1000;

/**
 * Looks up the status of each user: one GET per user, or, for more users than a page holds, paging
 * through every account (USER_PAGE_SIZE per request) when that takes fewer requests. On Synapse a page
 * of the user list costs far more than one user's GET: its count and sort run over every account
 * whatever the page size (on a real Synapse 1.67 with 2,000 accounts, a page of 1 took as long as ~400
 * single lookups at 8 in flight), so the list is read only when the declared users fill a page at least.
 */
export async function observeUsers(
  users: readonly UserId[],
  client: UserReader,
  concurrency: number,
  onStatus?: (user: UserId, status: UserStatus) => void,
): Promise<Map<UserId, UserStatus>> {
  if (users.length === 0) return new Map();
  if (users.length >= USER_PAGE_SIZE) {
    const first = await client.listUsers({ from: 0, limit: USER_PAGE_SIZE });
    const pages = Math.ceil(first.total / USER_PAGE_SIZE);
    if (pages <= users.length) {
      const statuses = await statusesFromList(users, first, client, concurrency);
      if (onStatus) for (const [user, status] of statuses) onStatus(user, status);
      return statuses;
    }
  }
  // Looked up in the order given: a caller that acts on a room once its users are known lists them room by room.
  const statuses = await mapConcurrent(users, concurrency, async (user) => {
    const status = statusOf(await client.getUser(user));
    onStatus?.(user, status);
    return status;
  });
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
