// @ts-nocheck
import { parseUserId } from "../rules/resolve.js";
import { deactivateUser } from "../rules/deactivate.js";
import type { SandboxState } from "../state/model.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
import type { User } from "../state/types.js";
import { parseBooleanParam, parseChoiceParam, parseIntegerParam, parseJsonObject } from "../http/params.js";
import { ok, type Route, type SandboxRequest } from "../http/types.js";
import { formatUserDetail, formatUserListItem } from "./format.js";
import { rateLimitRoutes } from "./admin-ratelimit.js";

export const adminUserRoutes: Route[] = [
  {
    method: "GET",
    path: "/_synapse/admin/v2/users/{userId}",
    auth: "admin",
    handle: ({ params }, { state }) => {
      const user = findLocalUser(state, params[0] ?? "", "Can only look up local users");
      return isRefusal(user) ? user : ok(formatUserDetail(user));
    },
  },
  { method: "GET", path: "/_synapse/admin/v2/users", auth: "admin", handle: (request, { state }) => listUsers(state, request, 2) },
  { method: "GET", path: "/_synapse/admin/v3/users", auth: "admin", handle: (request, { state }) => listUsers(state, request, 3) },
  {
    method: "POST",
    path: "/_synapse/admin/v1/deactivate/{userId}",
    auth: "admin",
    handle: ({ params, body }, { state }) => {
      const user = findLocalUser(state, params[0] ?? "", "Can only deactivate local users");
      if (isRefusal(user)) return user;
      const content = parseJsonObject(body, true);
      if (isRefusal(content)) return content;
      const erase = content["erase"] ?? false;
      if (typeof erase !== "boolean") return refuse(400, "M_BAD_JSON", "Param 'erase' must be a boolean, if given");
      deactivateUser(state, user.userId, erase);
      return ok({ id_server_unbind_result: "success" });
    },
  },
  ...rateLimitRoutes,
];

/** UserID parsing, local check, then existence — the order of the v2 user and deactivate servlets. */
export function findLocalUser(state: SandboxState, raw: string, remoteMessage: string): Outcome<User> {
  const userId = parseUserId(raw);
  if (isRefusal(userId)) return userId;
  if (!state.isLocal(userId)) return refuse(400, "M_UNKNOWN", remoteMessage);
  return state.users.get(userId) ?? refuse(404, "M_NOT_FOUND", "User not found");
}

const userOrderKeys = [
  "name", "displayname", "is_guest", "admin", "deactivated", "user_type", "avatar_url", "shadow_banned", "creation_ts", "last_seen_ts", "locked",
] as const;

/** v2 hides deactivated users unless deactivated=true; v3 treats the flag as a filter (reference §7.2). */
function listUsers(state: SandboxState, { query }: SandboxRequest, version: 2 | 3) {
  const from = parseIntegerParam(query, "from", 0);
  if (isRefusal(from)) return from;
  const limit = parseIntegerParam(query, "limit", 100);
  if (isRefusal(limit)) return limit;
  const orderBy = parseChoiceParam(query, "order_by", userOrderKeys, "name");
  if (isRefusal(orderBy)) return orderBy;
  const dir = parseChoiceParam(query, "dir", ["f", "b"] as const, "f");
  if (isRefusal(dir)) return dir;
  const flags: Record<string, boolean | undefined> = {};
  for (const name of ["deactivated", "locked", "admins", "guests"]) {
    const value = parseBooleanParam(query, name);
    if (isRefusal(value)) return value;
    flags[name] = value;
  }
  const userIdTerm = query.get("user_id")?.toLowerCase();
  const nameTerm = query.get("name");

  let users = orderBy === "name" ? state.usersByName() : [...state.users.values()];
  if (version === 2 && flags["deactivated"] !== true) users = users.filter((u) => !u.deactivated);
  if (version === 3 && flags["deactivated"] !== undefined) users = users.filter((u) => u.deactivated === flags["deactivated"]);
  if (flags["locked"] !== true) users = users.filter((u) => !u.locked);
  if (flags["admins"] !== undefined) users = users.filter((u) => u.admin === flags["admins"]);
  if (nameTerm !== null) users = users.filter((u) => u.localpart.includes(nameTerm) || (u.displayname ?? "").includes(nameTerm));
  else if (userIdTerm !== undefined) users = users.filter((u) => u.userId.toLowerCase().includes(userIdTerm));
  const sign = dir === "b" ? -1 : 1;
  let page: Array<Record<string, unknown>>;
  if (orderBy === "name") {
    // The default order needs no formatted rows and no sort: the users come sorted by ID (unique strings).
    // Only the page is formatted.
    const ordered = dir === "b" ? [...users].reverse() : users;
    page = ordered.slice(from, from + limit).map(formatUserListItem);
  } else {
    const rows = users.map(formatUserListItem);
    rows.sort((a, b) => sign * (compare(a[orderBy], b[orderBy]) || compare(a["name"], b["name"])));
    page = rows.slice(from, from + limit);
  }
  return ok({
    users: page,
    total: users.length,
    ...(from + limit < users.length ? { next_token: String(from + page.length) } : {}),
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
