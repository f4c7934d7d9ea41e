/**
 * The differential test's ordered requests: every endpoint roster calls (src/homeserver/client.ts),
 * with its success and the error rows of the reference a request can trigger. Order matters: the
 * requests change the rooms, and both servers see the same changes. World: diff-world.ts.
 */
import type { DiffRequest } from "./diff-run.js";

type Body = Record<string, unknown>;
const list = (body: Body, key: string) => (Array.isArray(body[key]) ? (body[key] as Body[]) : []);

const pickRoomId = (b: Body) => b["room_id"];
const pickKeys = (b: Body) => Object.keys(b).sort();
const pickMembers = (b: Body) => ({ members: [...((b["members"] as string[] | undefined) ?? [])].sort(), total: b["total"] });
const pickUsersPage = (b: Body) => ({ names: list(b, "users").map((u) => u["name"]), next_token: b["next_token"] ?? null, total: b["total"] });
const pickRoomsPage = (b: Body) => ({ rooms: list(b, "rooms").map((r) => r["room_id"]), next_batch: b["next_batch"] ?? null, total: b["total_rooms"] });
/** Flags read as roster reads them (0/1 or booleans); the raw values are compared once ("user get flags"). */
const pickUser = (b: Body) => ({ name: b["name"], admin: Boolean(b["admin"]), deactivated: Boolean(b["deactivated"]) });
const pickRoom = (b: Body) => ({
  room_id: b["room_id"],
  name: b["name"],
  canonical_alias: b["canonical_alias"],
  join_rules: b["join_rules"],
  joined_members: b["joined_members"],
  joined_local_members: b["joined_local_members"],
  public: b["public"],
});
/** JSON with sorted keys, so that key order (which differs between servers) does not count. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
/**
 * Every current state event as type, state key, content and sender (member display names included);
 * the create event's content depends on the room version and is compared once ("room create event").
 */
export const pickState = (b: Body) =>
  list(b, "state")
    .map((e) => `${String(e["type"])}|${String(e["state_key"])}|${e["type"] === "m.room.create" ? "" : canonical(e["content"])}|${String(e["sender"])}`)
    .sort();
const pickCreate = (b: Body) => list(b, "state").find((e) => e["type"] === "m.room.create")?.["content"];

const usersQuery = "user_id={p}&deactivated=true&locked=true&limit=7";
const unknownRoom = "!nowhere{p}:{s}";

/** The admin kicks the eleven invited users of "crowd" before any override: kicks share rc_message (burst 10). */
const rateLimitedKicks: DiffRequest[] = Array.from({ length: 11 }, (_, i) => ({
  name: `rate limit: kick ${i + 1} of 11`,
  method: "POST",
  path: "/_matrix/client/v3/rooms/{r:crowd}/kick",
  body: { user_id: `{u:g${i + 1}}` },
}));

export const differentialRequests: DiffRequest[] = [
  // Rate limits, bounded: the admin starts with empty buckets on both sides (§9).
  ...rateLimitedKicks,
  // Rate limits: the acting admin is exempted on both sides (the seeding users are on Synapse; see the test).
  { name: "override_ratelimit none set", method: "GET", path: "/_synapse/admin/v1/users/{u:admin}/override_ratelimit", pick: (b) => b },
  { name: "override_ratelimit admin", method: "POST", path: "/_synapse/admin/v1/users/{u:admin}/override_ratelimit", body: { messages_per_second: 0, burst_count: 0 }, pick: (b) => b },
  { name: "override_ratelimit read", method: "GET", path: "/_synapse/admin/v1/users/{u:admin}/override_ratelimit", pick: (b) => b },
  { name: "override_ratelimit remote user", method: "POST", path: "/_synapse/admin/v1/users/@x:other.test/override_ratelimit", body: {} },
  { name: "override_ratelimit unknown user", method: "POST", path: "/_synapse/admin/v1/users/{u:nobody}/override_ratelimit", body: {} },
  { name: "override_ratelimit malformed user", method: "POST", path: "/_synapse/admin/v1/users/nobody/override_ratelimit", body: {} },
  { name: "override_ratelimit bad value", method: "POST", path: "/_synapse/admin/v1/users/{u:zed}/override_ratelimit", body: { messages_per_second: "x" } },
  { name: "override_ratelimit non-admin", as: "alice", method: "POST", path: "/_synapse/admin/v1/users/{u:alice}/override_ratelimit", body: {} },

  // Transport and authentication (§1, §2).
  { name: "server_version", as: "none", method: "GET", path: "/_synapse/admin/v1/server_version", pick: pickKeys },
  { name: "server_version bogus token", as: "bogus", method: "GET", path: "/_synapse/admin/v1/server_version" },
  { name: "whoami", method: "GET", path: "/_matrix/client/v3/account/whoami", pick: (b) => b["user_id"] },
  { name: "whoami r0", method: "GET", path: "/_matrix/client/r0/account/whoami", pick: (b) => b["user_id"] },
  { name: "whoami api/v1 (not registered)", method: "GET", path: "/_matrix/client/api/v1/account/whoami" },
  { name: "whoami no token", as: "none", method: "GET", path: "/_matrix/client/v3/account/whoami" },
  { name: "whoami unknown token", as: "bogus", method: "GET", path: "/_matrix/client/v3/account/whoami" },
  { name: "whoami header and query token", method: "GET", path: "/_matrix/client/v3/account/whoami?access_token={t:admin}" },
  { name: "whoami query token", as: "none", method: "GET", path: "/_matrix/client/v3/account/whoami?access_token={t:admin}", pick: (b) => b["user_id"] },
  { name: "whoami Basic header", authorization: "Basic abc", method: "GET", path: "/_matrix/client/v3/account/whoami" },
  { name: "whoami Bearer with two spaces", authorization: "Bearer  {t:admin}", method: "GET", path: "/_matrix/client/v3/account/whoami" },
  { name: "whoami unknown query token", as: "none", method: "GET", path: "/_matrix/client/v3/account/whoami?access_token=nope" },
  { name: "unknown path", as: "none", method: "GET", path: "/_synapse/admin/v1/nothing/here" },
  { name: "wrong method", method: "DELETE", path: "/_synapse/admin/v1/server_version" },
  { name: "is admin", method: "GET", path: "/_synapse/admin/v1/users/{u:admin}/admin", pick: (b) => b["admin"] },
  { name: "is admin of a non-admin", method: "GET", path: "/_synapse/admin/v1/users/{u:alice}/admin", pick: (b) => b["admin"] },
  { name: "is admin asked by a non-admin", as: "alice", method: "GET", path: "/_synapse/admin/v1/users/{u:alice}/admin" },
  { name: "is admin remote user", method: "GET", path: "/_synapse/admin/v1/users/@x:other.test/admin" },
  { name: "is admin unknown user", method: "GET", path: "/_synapse/admin/v1/users/{u:nobody}/admin", pick: (b) => b["admin"] },
  { name: "is admin malformed user", method: "GET", path: "/_synapse/admin/v1/users/nobody/admin" },

  // Users (§7).
  { name: "user get", method: "GET", path: "/_synapse/admin/v2/users/{u:alice}", pick: pickUser },
  { name: "user get flags", method: "GET", path: "/_synapse/admin/v2/users/{u:admin}", pick: (b) => ({ admin: b["admin"], deactivated: b["deactivated"] }) },
  { name: "user get non-admin token", as: "alice", method: "GET", path: "/_synapse/admin/v2/users/{u:alice}" },
  { name: "user get unknown token", as: "bogus", method: "GET", path: "/_synapse/admin/v2/users/{u:alice}" },
  { name: "user get malformed", method: "GET", path: "/_synapse/admin/v2/users/alice" },
  { name: "user get remote", method: "GET", path: "/_synapse/admin/v2/users/@x:other.test" },
  { name: "user get unknown", method: "GET", path: "/_synapse/admin/v2/users/{u:nobody}" },
  { name: "users page 1", method: "GET", path: `/_synapse/admin/v2/users?${usersQuery}`, pick: pickUsersPage },
  { name: "users page 2", method: "GET", path: `/_synapse/admin/v2/users?${usersQuery}&from=7`, pick: pickUsersPage },
  { name: "users page 3", method: "GET", path: `/_synapse/admin/v2/users?${usersQuery}&from=14`, pick: pickUsersPage },
  { name: "users negative limit", method: "GET", path: "/_synapse/admin/v2/users?limit=-1" },
  { name: "users non-integer from", method: "GET", path: "/_synapse/admin/v2/users?from=abc" },
  { name: "users unknown order", method: "GET", path: "/_synapse/admin/v2/users?order_by=nope" },
  { name: "users bad direction", method: "GET", path: "/_synapse/admin/v2/users?dir=x" },
  { name: "users non-admin", as: "alice", method: "GET", path: "/_synapse/admin/v2/users" },
  { name: "users v3", method: "GET", path: "/_synapse/admin/v3/users?user_id={p}&limit=3", pick: pickUsersPage },

  // Directory (§8.2): no authentication at all.
  { name: "alias lookup", method: "GET", path: "/_matrix/client/v3/directory/room/{a:pub}", pick: (b) => ({ room_id: b["room_id"], servers: b["servers"] }) },
  { name: "alias lookup unknown token", as: "bogus", method: "GET", path: "/_matrix/client/v3/directory/room/{a:priv}", pick: pickRoomId },
  { name: "alias lookup unknown alias", method: "GET", path: "/_matrix/client/v3/directory/room/%23{p}_nothing:{s}" },
  { name: "alias lookup without sigil", method: "GET", path: "/_matrix/client/v3/directory/room/{p}_pub:{s}" },
  { name: "alias lookup without colon", method: "GET", path: "/_matrix/client/v3/directory/room/%23{p}_pub" },
  { name: "alias lookup bad server name", method: "GET", path: "/_matrix/client/v3/directory/room/%23a:bad_name!" },
  { name: "alias lookup remote (federation off)", method: "GET", path: "/_matrix/client/v3/directory/room/%23x:other.test" },
  { name: "alias lookup of a room the server left", method: "GET", path: "/_matrix/client/v3/directory/room/{a:empty}", pick: pickRoomId },

  // Admin room reads (§6).
  { name: "room get", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}", pick: pickRoom },
  { name: "room get default version", method: "GET", path: "/_synapse/admin/v1/rooms/{r:norule}", pick: (b) => b["version"] },
  { name: "room get explicit version", method: "GET", path: "/_synapse/admin/v1/rooms/{r:priv}", pick: (b) => b["version"] },
  { name: "room create event", method: "GET", path: "/_synapse/admin/v1/rooms/{r:priv}/state", pick: pickCreate },
  { name: "room get invite-only", method: "GET", path: "/_synapse/admin/v1/rooms/{r:priv}", pick: pickRoom },
  { name: "room get rule without key", method: "GET", path: "/_synapse/admin/v1/rooms/{r:norule}", pick: pickRoom },
  { name: "room get left room", method: "GET", path: "/_synapse/admin/v1/rooms/{r:empty}", pick: pickRoom },
  { name: "room get by alias", method: "GET", path: "/_synapse/admin/v1/rooms/{a:pub}" },
  { name: "room get unknown", method: "GET", path: `/_synapse/admin/v1/rooms/${unknownRoom}` },
  { name: "room get non-admin", as: "alice", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}" },
  { name: "room state", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}/state", pick: pickState },
  { name: "room state invite-only", method: "GET", path: "/_synapse/admin/v1/rooms/{r:weak}/state", pick: pickState },
  { name: "room state filtered by type", method: "GET", path: "/_synapse/admin/v1/rooms/{r:weak}/state?type=m.room.member", pick: (b) => [...new Set(list(b, "state").map((e) => e["type"]))].sort() },
  { name: "room state left room", method: "GET", path: "/_synapse/admin/v1/rooms/{r:empty}/state", pick: pickState },
  { name: "room state unknown", method: "GET", path: `/_synapse/admin/v1/rooms/${unknownRoom}/state` },
  { name: "room members", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}/members", pick: pickMembers },
  { name: "room members left room", method: "GET", path: "/_synapse/admin/v1/rooms/{r:empty}/members", pick: pickMembers },
  { name: "room members unknown", method: "GET", path: `/_synapse/admin/v1/rooms/${unknownRoom}/members` },
  { name: "room members dead token", as: "bogus", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}/members" },
  { name: "rooms page 1", method: "GET", path: "/_synapse/admin/v1/rooms?search_term={p}&limit=4", pick: pickRoomsPage },
  { name: "rooms page 2", method: "GET", path: "/_synapse/admin/v1/rooms?search_term={p}&limit=4&from=4", pick: pickRoomsPage },
  { name: "rooms page 3", method: "GET", path: "/_synapse/admin/v1/rooms?search_term={p}&limit=4&from=8", pick: pickRoomsPage },
  { name: "rooms backwards", method: "GET", path: "/_synapse/admin/v1/rooms?search_term={p}&limit=4&dir=b", pick: pickRoomsPage },
  { name: "rooms empty search term", method: "GET", path: "/_synapse/admin/v1/rooms?search_term=" },
  { name: "rooms negative from", method: "GET", path: "/_synapse/admin/v1/rooms?search_term={p}&from=-1" },
  { name: "rooms non-integer limit", method: "GET", path: "/_synapse/admin/v1/rooms?limit=x" },
  { name: "rooms unknown order", method: "GET", path: "/_synapse/admin/v1/rooms?order_by=nope" },
  { name: "rooms non-admin", as: "alice", method: "GET", path: "/_synapse/admin/v1/rooms" },

  // Admin join (§4): body and identifier checks, in Synapse's order.
  { name: "join non-admin before body", as: "alice", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", raw: "nope" },
  { name: "join no token", as: "none", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:zed}" } },
  { name: "join unknown token", as: "bogus", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:zed}" } },
  { name: "join empty body", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", raw: "" },
  { name: "join body not JSON", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", raw: "nope" },
  { name: "join body not an object", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", raw: "[]" },
  { name: "join without user_id", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: {} },
  { name: "join user_id not a string", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: 5 } },
  { name: "join malformed user_id", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "zed" } },
  { name: "join remote user", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "@x:other.test" } },
  { name: "join unknown user", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:nobody}" } },
  { name: "join remote user before bad room", method: "POST", path: "/_synapse/admin/v1/join/garbage", body: { user_id: "@x:other.test" } },
  { name: "join not a room", method: "POST", path: "/_synapse/admin/v1/join/garbage", body: { user_id: "{u:zed}" } },
  { name: "join unknown alias", method: "POST", path: "/_synapse/admin/v1/join/%23{p}_nothing:{s}", body: { user_id: "{u:zed}" } },
  { name: "join remote alias (federation off)", method: "POST", path: "/_synapse/admin/v1/join/%23x:other.test", body: { user_id: "{u:zed}" } },
  { name: "join unknown room", method: "POST", path: `/_synapse/admin/v1/join/${unknownRoom}`, body: { user_id: "{u:zed}" } },
  { name: "join remote room", method: "POST", path: "/_synapse/admin/v1/join/!x:other.test", body: { user_id: "{u:zed}" } },
  // Admin join: memberships.
  { name: "join public: new", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:zed}" }, pick: pickRoomId },
  { name: "join public: invited", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:bob}" }, pick: pickRoomId },
  { name: "join public: already joined", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:alice}" }, pick: pickRoomId },
  { name: "join public: banned", method: "POST", path: "/_synapse/admin/v1/join/{r:pub}", body: { user_id: "{u:erin}" } },
  { name: "join public by alias: left", method: "POST", path: "/_synapse/admin/v1/join/{a:pub}", body: { user_id: "{u:carol}" }, pick: pickRoomId },
  { name: "join invite-only: new", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:zed}" }, pick: pickRoomId },
  { name: "join invite-only: already joined", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:alice}" } },
  { name: "join invite-only: banned", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:erin}" } },
  { name: "join invite-only: left", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:carol}" }, pick: pickRoomId },
  { name: "join invite-only: admin itself", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:admin}" } },
  { name: "join without invite power", method: "POST", path: "/_synapse/admin/v1/join/{r:weak}", body: { user_id: "{u:bob}" } },
  { name: "join without invite power: already joined", method: "POST", path: "/_synapse/admin/v1/join/{r:weak}", body: { user_id: "{u:alice}" } },
  { name: "join admin not in room", method: "POST", path: "/_synapse/admin/v1/join/{r:noadmin}", body: { user_id: "{u:bob}" } },
  { name: "join admin not in room: banned", method: "POST", path: "/_synapse/admin/v1/join/{r:noadmin}", body: { user_id: "{u:erin}" } },
  { name: "join room every local member left", method: "POST", path: "/_synapse/admin/v1/join/{r:empty}", body: { user_id: "{u:bob}" } },
  { name: "join room every local member left by alias", method: "POST", path: "/_synapse/admin/v1/join/{a:empty}", body: { user_id: "{u:bob}" } },
  { name: "join rule private: invited, then refused", method: "POST", path: "/_synapse/admin/v1/join/{r:closed}", body: { user_id: "{u:bob}" } },
  { name: "join rule private: again", method: "POST", path: "/_synapse/admin/v1/join/{r:closed}", body: { user_id: "{u:bob}" } },
  { name: "join rule private: already joined", method: "POST", path: "/_synapse/admin/v1/join/{r:closed}", body: { user_id: "{u:alice}" } },
  { name: "join admin not in room: creator left", method: "POST", path: "/_synapse/admin/v1/join/{r:headless}", body: { user_id: "{u:bob}" } },
  { name: "join rule without key", method: "POST", path: "/_synapse/admin/v1/join/{r:norule}", body: { user_id: "{u:bob}" }, pick: pickRoomId },
  { name: "deactivate dave", method: "POST", path: "/_synapse/admin/v1/deactivate/{u:dave}", body: { erase: false } },
  { name: "deactivated user get", method: "GET", path: "/_synapse/admin/v2/users/{u:dave}", pick: pickUser },
  { name: "deactivated token", as: "dave", method: "GET", path: "/_matrix/client/v3/account/whoami" },
  { name: "users without deactivated", method: "GET", path: "/_synapse/admin/v2/users?user_id={p}&limit=3&from=3", pick: pickUsersPage },
  { name: "users with deactivated", method: "GET", path: `/_synapse/admin/v2/users?${usersQuery}&from=3`, pick: pickUsersPage },
  { name: "join deactivated user", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:dave}" }, pick: pickRoomId },
  { name: "members after deactivation", method: "GET", path: "/_synapse/admin/v1/rooms/{r:pub}/members", pick: pickMembers },

  // Client invite (§8.3).
  { name: "invite: already invited by the admin", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:bob}" } },
  { name: "invite: joined", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:alice}" } },
  { name: "invite: banned", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:erin}" } },
  { name: "invite: remote (federation off)", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "@x:other.test" } },
  { name: "invite: new", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:owner}" } },
  { name: "join invite-only: invited", method: "POST", path: "/_synapse/admin/v1/join/{r:priv}", body: { user_id: "{u:owner}" }, pick: pickRoomId },
  { name: "invite: unknown local user", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:nobody}" } },
  { name: "invite: user_id not a string", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: ["x"] } },
  { name: "invite: no invite power (public)", method: "POST", path: "/_matrix/client/v3/rooms/{r:pub}/invite", body: { user_id: "{u:fay}" } },
  { name: "invite: no invite power", method: "POST", path: "/_matrix/client/v3/rooms/{r:weak}/invite", body: { user_id: "{u:fay}" } },
  { name: "invite: not in room", method: "POST", path: "/_matrix/client/v3/rooms/{r:noadmin}/invite", body: { user_id: "{u:fay}" } },
  { name: "invite: room every local member left", method: "POST", path: "/_matrix/client/v3/rooms/{r:empty}/invite", body: { user_id: "{u:fay}" } },
  { name: "invite: unknown room", method: "POST", path: `/_matrix/client/v3/rooms/${unknownRoom}/invite`, body: { user_id: "{u:fay}" } },
  { name: "invite: without user_id", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: {} },
  { name: "invite: empty body", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", raw: "" },
  { name: "invite: body not JSON", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", raw: "nope" },
  { name: "invite: malformed user_id", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "fay" } },
  { name: "invite: deactivated token", as: "dave", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:fay}" } },
  { name: "invite: by a member (invite level 0)", as: "alice", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/invite", body: { user_id: "{u:fay}" } },

  // Kick (§8.3).
  { name: "kick: joined", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "{u:alice}", reason: "bye" } },
  { name: "kick: again (left)", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "{u:alice}" } },
  { name: "kick: banned", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "{u:erin}" } },
  { name: "kick: never a member", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "{u:nobody}" } },
  { name: "kick: invited", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "{u:bob}" } },
  { name: "kick: remote never a member", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { user_id: "@x:other.test" } },
  { name: "kick: by a member without kick power", as: "alice", method: "POST", path: "/_matrix/client/v3/rooms/{r:pub}/kick", body: { user_id: "{u:zed}" } },
  { name: "kick: no kick power", method: "POST", path: "/_matrix/client/v3/rooms/{r:pub}/kick", body: { user_id: "{u:owner}" } },
  { name: "kick: not in room", method: "POST", path: "/_matrix/client/v3/rooms/{r:noadmin}/kick", body: { user_id: "{u:alice}" } },
  { name: "kick: room every local member left", method: "POST", path: "/_matrix/client/v3/rooms/{r:empty}/kick", body: { user_id: "{u:alice}" } },
  { name: "kick: remote user, room every local member left", method: "POST", path: "/_matrix/client/v3/rooms/{r:empty}/kick", body: { user_id: "@x:other.test" } },
  { name: "kick: unknown room", method: "POST", path: `/_matrix/client/v3/rooms/${unknownRoom}/kick`, body: { user_id: "{u:alice}" } },
  { name: "kick: without user_id", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/kick", body: { reason: "x" } },
  // apply --notify: a message as the admin (rc_message; the admin is exempt by now).
  { name: "send: joined", method: "PUT", path: "/_matrix/client/v3/rooms/{r:priv}/send/m.room.message/n1{p}", body: { msgtype: "m.notice", body: "roster apply: 1 joined" }, pick: pickKeys },
  { name: "send: same transaction again", method: "PUT", path: "/_matrix/client/v3/rooms/{r:priv}/send/m.room.message/n1{p}", body: { msgtype: "m.notice", body: "roster apply: 1 joined" }, pick: pickKeys },
  { name: "send: not in room", method: "PUT", path: "/_matrix/client/v3/rooms/{r:noadmin}/send/m.room.message/n2{p}", body: { msgtype: "m.notice", body: "roster apply: 1 joined" } },
  { name: "send: room every local member left", method: "PUT", path: "/_matrix/client/v3/rooms/{r:empty}/send/m.room.message/n3{p}", body: { msgtype: "m.notice", body: "roster apply: 1 joined" } },
  { name: "send: unknown room", method: "PUT", path: `/_matrix/client/v3/rooms/${unknownRoom}/send/m.room.message/n4{p}`, body: { msgtype: "m.notice", body: "roster apply: 1 joined" } },
  { name: "send: body not JSON", method: "PUT", path: "/_matrix/client/v3/rooms/{r:priv}/send/m.room.message/n5{p}", raw: "not json" },
  { name: "send: body a JSON array", method: "PUT", path: "/_matrix/client/v3/rooms/{r:priv}/send/m.room.message/n6{p}", raw: "[1]" },

  // make_room_admin (§5) and the admin's own client join (§8.3).
  { name: "make_room_admin: non-admin", as: "alice", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", body: {} },
  { name: "make_room_admin: body not JSON", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", raw: "nope" },
  { name: "make_room_admin: room every local member left", method: "POST", path: "/_synapse/admin/v1/rooms/{r:empty}/make_room_admin", body: {} },
  { name: "make_room_admin: unknown room", method: "POST", path: `/_synapse/admin/v1/rooms/${unknownRoom}/make_room_admin`, body: {} },
  { name: "make_room_admin: unknown alias", method: "POST", path: "/_synapse/admin/v1/rooms/%23{p}_nothing:{s}/make_room_admin", body: {} },
  { name: "make_room_admin: not a room", method: "POST", path: "/_synapse/admin/v1/rooms/garbage/make_room_admin", body: {} },
  { name: "make_room_admin: user_id without colon", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", body: { user_id: "nocolon" } },
  { name: "make_room_admin: the admin", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", raw: "" },
  { name: "make_room_admin: again", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", body: {} },
  { name: "make_room_admin: remote user (federation off)", method: "POST", path: "/_synapse/admin/v1/rooms/{r:noadmin}/make_room_admin", body: { user_id: "@x:other.test" } },
  { name: "make_room_admin: puppet without power", method: "POST", path: "/_synapse/admin/v1/rooms/{r:orphan}/make_room_admin", body: {} },
  { name: "make_room_admin: no listed local user joined", method: "POST", path: "/_synapse/admin/v1/rooms/{r:headless}/make_room_admin", body: {} },
  { name: "make_room_admin: private room", method: "POST", path: "/_synapse/admin/v1/rooms/{r:closed}/make_room_admin", body: { user_id: "{u:zed}" } },
  { name: "make_room_admin: another user", method: "POST", path: "/_synapse/admin/v1/rooms/{a:weak}/make_room_admin", body: { user_id: "{u:fay}" } },
  { name: "client join after make_room_admin", method: "POST", path: "/_matrix/client/v3/join/{a:noadmin}", body: {}, pick: pickRoomId },
  { name: "kick: target with equal power", method: "POST", path: "/_matrix/client/v3/rooms/{r:noadmin}/kick", body: { user_id: "{u:owner}" } },
  { name: "kick: target with lower power", method: "POST", path: "/_matrix/client/v3/rooms/{r:noadmin}/kick", body: { user_id: "{u:alice}" } },
  { name: "client join: already joined", method: "POST", path: "/_matrix/client/v3/join/{r:pub}", body: {}, pick: pickRoomId },
  { name: "client join: room every local member left", method: "POST", path: "/_matrix/client/v3/join/{r:empty}", body: {} },
  { name: "client join: unknown alias", method: "POST", path: "/_matrix/client/v3/join/%23{p}_nothing:{s}", body: {} },
  { name: "client join: remote alias (federation off)", method: "POST", path: "/_matrix/client/v3/join/%23x:other.test", body: {} },
  { name: "client join: remote room without servers", method: "POST", path: "/_matrix/client/v3/join/!x:other.test", body: {} },
  { name: "client join: remote room via its server (federation off)", method: "POST", path: "/_matrix/client/v3/join/!x:other.test?server_name=other.test&via=other.test", body: {} },
  { name: "client join: body not JSON", method: "POST", path: "/_matrix/client/v3/join/{r:pub}", raw: "nope" },
  { name: "client join: not invited", as: "zed", method: "POST", path: "/_matrix/client/v3/rooms/{r:noadmin}/join", body: {} },
  { name: "client join: banned", as: "erin", method: "POST", path: "/_matrix/client/v3/join/{a:pub}", body: {} },
  { name: "client join: invited", as: "fay", method: "POST", path: "/_matrix/client/v3/rooms/{r:priv}/join", raw: "", pick: pickRoomId },
  { name: "client join: unknown room", method: "POST", path: `/_matrix/client/v3/rooms/${unknownRoom}/join`, body: {} },
  { name: "client join: not a room", method: "POST", path: "/_matrix/client/v3/join/garbage", body: {} },

  // Where everything ended up.
  ...["pub", "priv", "weak", "noadmin", "empty", "closed", "orphan", "headless", "crowd", "norule"].flatMap((room): DiffRequest[] => [
    { name: `final members ${room}`, method: "GET", path: `/_synapse/admin/v1/rooms/{r:${room}}/members`, pick: pickMembers },
    { name: `final state ${room}`, method: "GET", path: `/_synapse/admin/v1/rooms/{r:${room}}/state`, pick: pickState },
  ]),
];
