/**
 * The power-levels probes of the differential test (reference §14.2–§14.4, §8.5): a world of its own and
 * the ordered requests, as user keys and placeholders (diff-run.ts). Order matters: the requests change
 * the rooms, and both servers see the same changes.
 */
import type { DiffRequest } from "./diff-run.js";
import { pickState } from "./diff-requests.js";
import type { World } from "./diff-world.js";

type Body = Record<string, unknown>;
type Levels = Record<string, number | undefined>;

/** Sends of "boss" and the others are never rate-limited (not admins); "quota" (an admin) keeps Synapse's limits. */
export const powerLevelsWorld: World = {
  users: [{ key: "admin", admin: true }, { key: "quota", admin: true }, ...["boss", "mod", "peer", "low", "out", "inv", "gone", "banned", "lefty"].map((key) => ({ key }))],
  rooms: [
    // mod and peer at 50 may edit levels (send level 50); low at 25; one user of each membership that cannot send.
    { key: "pl", version: "10", creator: "boss", kind: "invite", powerLevels: { events: { "m.room.power_levels": 50 }, users: { mod: 50, peer: 50, low: 25 } }, members: { mod: "join", peer: "join", low: "join", inv: "invite", gone: "leave", banned: "ban" } },
    // createRoom's defaults: editing levels needs 100.
    { key: "strict", version: "10", creator: "boss", kind: "invite", powerLevels: { users: { mod: 50 } }, members: { mod: "join" } },
    { key: "nine", version: "9", creator: "boss", kind: "invite", powerLevels: { users: { mod: 100 } }, members: { mod: "join" } },
    { key: "dedup", version: "10", creator: "boss", kind: "invite", powerLevels: { users: { mod: 100 } }, members: { mod: "join" } },
    { key: "leftover", version: "10", creator: "boss", kind: "invite", powerLevels: { events: { "m.room.power_levels": 50 }, users: { lefty: 50 } }, members: { lefty: "join" } },
    { key: "quota", version: "10", creator: "quota", kind: "invite", members: {} },
  ],
};

const unknownRoom = "!nowhere{p}:{s}";
const path = (room: string, stateKey = "") => `/_matrix/client/v3/rooms/${room}/state/m.room.power_levels/${stateKey}`;
const pickError = (b: Body) => b["error"];
const eventIdOf = (b: Body | undefined) => b?.["event_id"];
/** The power-levels event ID in an admin state answer. */
const levelsEventIdOf = (b: Body | undefined) => (Array.isArray(b?.["state"]) ? (b["state"] as Body[]) : []).find((e) => e["type"] === "m.room.power_levels" && e["state_key"] === "")?.["event_id"];
const sameEvent = (earlierName: string, idOf = eventIdOf) => (b: Body, earlier: (name: string) => Body | undefined) => b["event_id"] === idOf(earlier(earlierName));
const newEvent = (earlierName: string) => (b: Body, earlier: (name: string) => Body | undefined) => typeof b["event_id"] === "string" && b["event_id"] !== earlier(earlierName)?.["event_id"];

/** Synapse's private_chat content for a room whose `users` are given (with the creator at 100). */
function createdLevels(users: Levels, events: Record<string, number> | undefined, changes: Body = {}): Body {
  const defaultEvents = { "m.room.name": 50, "m.room.power_levels": 100, "m.room.history_visibility": 100, "m.room.canonical_alias": 50, "m.room.avatar": 50, "m.room.tombstone": 100, "m.room.server_acl": 100, "m.room.encryption": 100 };
  const base = { users_default: 0, events: events ?? defaultEvents, events_default: 0, state_default: 50, ban: 50, kick: 50, redact: 50, invite: 0, historical: 100 };
  return { ...base, ...changes, users: Object.fromEntries(Object.entries(users).filter(([, level]) => level !== undefined)) };
}

/** zed is not in the seeded room: the first change that succeeds adds it at mod's own level, and it stays. */
const plUsers: Levels = { "{u:boss}": 100, "{u:mod}": 50, "{u:peer}": 50, "{u:low}": 25, "{u:zed}": 50 };
/** The "pl" room's levels with `changes` at the top level and `users` merged (undefined removes an entry). */
const pl = (changes: Body = {}, users: Levels = {}) => createdLevels({ ...plUsers, ...users }, { "m.room.power_levels": 50 }, changes);

const put = (name: string, as: string, room: string, body: unknown, extra: Partial<DiffRequest> = {}): DiffRequest => ({ name, as, method: "PUT", path: path(room), body, ...extra });
const putRaw = (name: string, as: string, room: string, raw: string, extra: Partial<DiffRequest> = {}): DiffRequest => ({ name, as, method: "PUT", path: path(room), raw, ...extra });
/** Compared on the error text too. */
const withText = { pick: pickError, pickOnError: true } as const;

/** §14.4: refused and deduplicated sends are free; 10 real changes, then 429, also for what would be refused. */
const quotaUsers: Levels = { "{u:quota}": 100 };
const quotaRequests: DiffRequest[] = [
  { name: "quota: current state", method: "GET", path: "/_synapse/admin/v1/rooms/{r:quota}/state", pick: pickState },
  ...[1, 2, 3].map((i) => put(`quota: dedup ${i}`, "quota", "{r:quota}", createdLevels(quotaUsers, undefined), { pick: sameEvent("quota: current state", levelsEventIdOf) })),
  ...[1, 2, 3].map((i) => put(`quota: schema refused ${i}`, "quota", "{r:quota}", createdLevels(quotaUsers, undefined, { ban: "50" }))),
  ...[1, 2, 3].map((i) => put(`quota: greater refused ${i}`, "quota", "{r:quota}", createdLevels({ ...quotaUsers, "{u:boss}": 101 }, undefined))),
  ...[1, 2, 3].map((i) => put(`quota: invalid user refused ${i}`, "quota", "{r:quota}", createdLevels({ ...quotaUsers, nobody: 1 }, undefined))),
  ...Array.from({ length: 11 }, (_, i) => put(`quota: change ${i + 1} of 11`, "quota", "{r:quota}", createdLevels(quotaUsers, undefined, { kick: i + 1 }))),
  put("quota: refused change after the limit", "quota", "{r:quota}", createdLevels({ ...quotaUsers, "{u:boss}": 101 }, undefined)),
  put("quota: dedup after the limit", "quota", "{r:quota}", createdLevels(quotaUsers, undefined, { kick: 10 })),
  put("quota: unknown room after the limit", "quota", unknownRoom, {}),
];

export const powerLevelsRequests: DiffRequest[] = [
  // Rate limits first, while quota's bucket is still empty on both sides.
  ...quotaRequests,

  // §14.2 steps 1–3: token, JSON, object.
  put("pl: no token", "none", "{r:pl}", pl()),
  putRaw("pl: body not JSON", "mod", "{r:pl}", "nope", withText),
  putRaw("pl: empty body", "mod", "{r:pl}", "", withText),
  putRaw("pl: body a list", "mod", "{r:pl}", "[1,2]", withText),
  putRaw("pl: body a string", "mod", "{r:pl}", '"x"', withText),
  // Step 10, canonical JSON (room versions 6+).
  putRaw("pl: float", "mod", "{r:pl}", '{"kick": 50.5}', withText),
  putRaw("pl: float written as 50.0", "mod", "{r:pl}", '{"kick": 50.0}', withText),
  putRaw("pl: float deep in another key", "mod", "{r:pl}", '{"custom": {"x": [1e3]}}', withText),
  putRaw("pl: integer out of range", "mod", "{r:pl}", '{"users_default": 9007199254740992}', withText),
  putRaw("pl: float in room version 9", "mod", "{r:nine}", '{"kick": 1.5}', withText),
  // Step 11, the schema.
  put("pl: kick as a string", "mod", "{r:pl}", pl({ kick: "50" }), withText),
  put("pl: user level a word", "mod", "{r:pl}", { users: { "{u:low}": "fifty" } }, withText),
  put("pl: user level a boolean", "mod", "{r:pl}", { users: { "{u:low}": true } }, withText),
  put("pl: users a string", "mod", "{r:pl}", { users: "nope" }, withText),
  put("pl: ban null", "mod", "{r:pl}", { ban: null }, withText),
  put("pl: events value a list", "mod", "{r:pl}", { events: { "m.room.name": [50] } }, withText),
  put("pl: shallowest schema error first", "mod", "{r:pl}", { users: { "{u:low}": "x" }, users_default: "0", ban: false }, withText),
  put("pl: schema in room version 9", "mod", "{r:nine}", { kick: "50" }, withText),
  // Steps 6 and 8: the room, the sender's membership.
  put("pl: unknown room", "mod", unknownRoom, pl()),
  put("pl: not a room ID", "mod", "notaroomid", pl()),
  put("pl: never a member", "out", "{r:pl}", pl({ kick: 40 })),
  put("pl: invited", "inv", "{r:pl}", pl({ kick: 40 })),
  put("pl: left", "gone", "{r:pl}", pl({ kick: 40 })),
  put("pl: banned", "banned", "{r:pl}", pl({ kick: 40 })),
  put("pl: never a member, invalid content", "out", "{r:pl}", pl({ kick: "40" })),
  // §14.3 rule 1, then 2.
  put("pl: under-powered sender", "mod", "{r:strict}", createdLevels({ "{u:boss}": 100, "{u:mod}": 50 }, undefined, { kick: 40 }), withText),
  put("pl: under-powered sender, invalid user key", "mod", "{r:strict}", createdLevels({ "{u:boss}": 100, "{u:mod}": 50, dave: 0 }, undefined), withText),
  put("pl: user key without @", "mod", "{r:pl}", pl({}, { dave: 0 }), withText),
  put("pl: user key without colon", "mod", "{r:pl}", pl({}, { "@dave": 0 }), withText),
  // §14.3 rule 5, the table, for mod at 50 (zed: absent → 50, N == L).
  put("pl: remote, unknown and new users (one at own level)", "mod", "{r:pl}", pl({}, { "@x:other.test": 10, "{u:nobody}": 0 })),
  put("pl: other user 25 → 0", "mod", "{r:pl}", pl({}, { "{u:low}": 0 })),
  put("pl: anyone above own level", "mod", "{r:pl}", pl({}, { "{u:low}": 51 }), withText),
  put("pl: equal other lowered", "mod", "{r:pl}", pl({}, { "{u:peer}": 0 }), withText),
  put("pl: equal other to 49", "mod", "{r:pl}", pl({}, { "{u:peer}": 49 }), withText),
  put("pl: equal other removed", "mod", "{r:pl}", pl({}, { "{u:peer}": undefined }), withText),
  put("pl: demoting a higher user", "mod", "{r:pl}", pl({}, { "{u:boss}": 10 }), withText),
  put("pl: own level raised", "mod", "{r:pl}", pl({}, { "{u:mod}": 60 }), withText),
  put("pl: kick 50 → 40", "mod", "{r:pl}", pl({ kick: 40 })),
  put("pl: events entry added at 1", "mod", "{r:pl}", pl({ events: { "m.room.power_levels": 50, "m.room.tombstone": 1 } })),
  put("pl: ban above own level", "mod", "{r:pl}", pl({ ban: 60 }), withText),
  put("pl: power-levels send level to 100", "mod", "{r:pl}", pl({ events: { "m.room.power_levels": 100 } }), withText),
  put("pl: historical 100 → 0", "mod", "{r:pl}", pl({ historical: 0 })),
  { name: "pl: another state key", as: "mod", method: "PUT", path: path("{r:pl}", "foo"), body: { users: { "{u:boss}": 0, "{u:mod}": 1000 } } },
  { name: "pl: another user's state key", as: "mod", method: "PUT", path: path("{r:pl}", "{u:peer}"), body: {}, ...withText },
  { name: "pl: no state key, no slash", as: "mod", method: "PUT", path: "/_matrix/client/v3/rooms/{r:pl}/state/m.room.power_levels", body: pl({ kick: 45 }) },
  { name: "pl: r0 prefix", as: "mod", method: "PUT", path: "/_matrix/client/r0/rooms/{r:pl}/state/m.room.power_levels/", body: pl({ kick: 46 }) },
  put("pl: own level lowered", "peer", "{r:pl}", pl({}, { "{u:peer}": 10 })),
  put("pl: after lowering oneself", "peer", "{r:pl}", pl({}, { "{u:peer}": 10, "{u:low}": 1 }), withText),
  put("pl: users_default raised to own level", "mod", "{r:pl}", pl({ users_default: 50 }, { "{u:peer}": 10 })),

  // §8.5: reading state.
  { name: "get: content", as: "low", method: "GET", path: path("{r:pl}"), pick: (b) => b },
  { name: "get: no slash", as: "low", method: "GET", path: "/_matrix/client/v3/rooms/{r:pl}/state/m.room.power_levels", pick: (b) => b },
  { name: "get: format=event", as: "low", method: "GET", path: `${path("{r:pl}")}?format=event`, pick: (b) => ({ type: b["type"], state_key: b["state_key"], sender: b["sender"], content: b["content"], room_id: b["room_id"] }) },
  { name: "get: format=event keys", as: "low", method: "GET", path: `${path("{r:pl}")}?format=event`, pick: (b) => Object.keys(b).sort() },
  { name: "get: another state key", as: "low", method: "GET", path: path("{r:pl}", "foo"), pick: (b) => b },
  { name: "get: left, state at the leave", as: "gone", method: "GET", path: path("{r:pl}"), pick: (b) => b },
  { name: "get: never a member", as: "out", method: "GET", path: path("{r:pl}") },
  { name: "get: invited", as: "inv", method: "GET", path: path("{r:pl}") },
  { name: "get: banned", as: "banned", method: "GET", path: path("{r:pl}") },
  { name: "get: server admin not in the room", method: "GET", path: path("{r:pl}") },
  { name: "get: unknown room", as: "low", method: "GET", path: path(unknownRoom) },
  { name: "get: no such event", as: "low", method: "GET", path: "/_matrix/client/v3/rooms/{r:pl}/state/m.room.topic/", ...withText },
  { name: "get: unknown format", as: "low", method: "GET", path: `${path("{r:pl}")}?format=json`, ...withText },

  // §14.4 dedup: same sender and content → the current event; another sender → a new one.
  put("dedup: first", "boss", "{r:dedup}", { users: { "{u:boss}": 100, "{u:mod}": 100 }, kick: 40 }),
  put("dedup: same sender, same content", "boss", "{r:dedup}", { users: { "{u:boss}": 100, "{u:mod}": 100 }, kick: 40 }, { pick: sameEvent("dedup: first") }),
  put("dedup: keys in another order", "boss", "{r:dedup}", { kick: 40, users: { "{u:mod}": 100, "{u:boss}": 100 } }, { pick: sameEvent("dedup: first") }),
  put("dedup: another sender, same content", "mod", "{r:dedup}", { users: { "{u:boss}": 100, "{u:mod}": 100 }, kick: 40 }, { pick: newEvent("dedup: first") }),
  put("dedup: that sender again", "mod", "{r:dedup}", { users: { "{u:boss}": 100, "{u:mod}": 100 }, kick: 40 }, { pick: sameEvent("dedup: another sender, same content") }),

  // §14.7: a user who left re-sends the content of the event they sent.
  put("leftover: sent", "lefty", "{r:leftover}", { users: { "{u:boss}": 100, "{u:lefty}": 50 }, events: { "m.room.power_levels": 50 } }),
  { name: "leftover: kicked", as: "boss", method: "POST", path: "/_matrix/client/v3/rooms/{r:leftover}/kick", body: { user_id: "{u:lefty}" } },
  put("leftover: same content after leaving", "lefty", "{r:leftover}", { users: { "{u:boss}": 100, "{u:lefty}": 50 }, events: { "m.room.power_levels": 50 } }),

  // Where everything ended up.
  ...powerLevelsWorld.rooms.map((room): DiffRequest => ({ name: `final state ${room.key}`, method: "GET", path: `/_synapse/admin/v1/rooms/{r:${room.key}}/state`, pick: pickState })),
];

/** Rows whose pick is true when the answer's event is the one the row expects (the same as an earlier one, or a new one). */
export const eventIdentityRows = powerLevelsRequests.filter((r) => r.pick && (r.name.startsWith("quota: dedup ") || r.name.startsWith("dedup: "))).map((r) => r.name);
