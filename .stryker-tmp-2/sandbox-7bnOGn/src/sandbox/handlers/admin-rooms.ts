// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { isRefusal, refuse } from "../state/refusal.js";
import type { Room } from "../state/types.js";
import { parseBooleanParam, parseChoiceParam, parseIntegerParam } from "../http/params.js";
import { ok, type Reply, type Route, type SandboxRequest } from "../http/types.js";
import { formatEvent, formatRoomDetail, formatRoomSummary } from "./format.js";

const orderKeys = [
  "name", "canonical_alias", "joined_members", "joined_local_members", "version", "creator", "encryption",
  "federatable", "public", "join_rules", "guest_access", "history_visibility", "state_events", "alphabetical", "size",
] as const;
type OrderKey = (typeof orderKeys)[number];
/** Counts sort descending by default (RoomSortOrder in synapse/storage/databases/main/room.py). */
const descendingKeys = new Set(["joined_members", "joined_local_members", "version", "state_events"]);

export const adminRoomRoutes: Route[] = [
  { method: "GET", path: "/_synapse/admin/v1/rooms", auth: "admin", handle: (request, { state }) => listRooms(state, request) },
  {
    method: "GET",
    path: "/_synapse/admin/v1/rooms/{roomId}",
    auth: "admin",
    handle: ({ params }, { state }) => withRoom(state, params[0], (room) => ok(formatRoomDetail(state, room))),
  },
  {
    method: "GET",
    path: "/_synapse/admin/v1/rooms/{roomId}/members",
    auth: "admin",
    handle: ({ params }, { state }) =>
      withRoom(state, params[0], (room) => {
        const members = state.serverInRoom(room) ? [...room.joined] : [];
        return ok({ members, total: members.length });
      }),
  },
  {
    method: "GET",
    path: "/_synapse/admin/v1/rooms/{roomId}/state",
    auth: "admin",
    handle: ({ params, query }, { state }) =>
      withRoom(state, params[0], (room) => {
        if (!state.serverInRoom(room)) return ok({ state: [] });
        const type = query.get("type");
        const now = state.now();
        const events = state.allState(room).filter((event) => type === null || event.type === type);
        return ok({ state: events.map((event) => formatEvent(room, event, now)) });
      }),
  },
];

/** Room IDs only: an alias is not resolved here and gives 404 (reference §6.2). */
function withRoom(state: SandboxState, roomId: string | undefined, answer: (room: Room) => Reply) {
  const room = state.rooms.get(roomId ?? "");
  return room ? answer(room) : refuse(404, "M_NOT_FOUND", "Room not found");
}

function listRooms(state: SandboxState, { query }: SandboxRequest) {
  const from = parseIntegerParam(query, "from", 0);
  if (isRefusal(from)) return from;
  const limit = parseIntegerParam(query, "limit", 100);
  if (isRefusal(limit)) return limit;
  const orderBy = parseChoiceParam<OrderKey>(query, "order_by", orderKeys, "name");
  if (isRefusal(orderBy)) return orderBy;
  const dir = parseChoiceParam(query, "dir", ["f", "b"] as const, "f");
  if (isRefusal(dir)) return dir;
  const searchTerm = query.get("search_term");
  if (searchTerm === "") return refuse(400, "M_INVALID_PARAM", "search_term cannot be an empty string");
  const publicRooms = parseBooleanParam(query, "public_rooms");
  if (isRefusal(publicRooms)) return publicRooms;
  const emptyRooms = parseBooleanParam(query, "empty_rooms");
  if (isRefusal(emptyRooms)) return emptyRooms;

  let rows = [...state.rooms.values()].map((room) => formatRoomSummary(state, room));
  if (searchTerm !== null) rows = rows.filter((row) => matchesSearch(row, searchTerm));
  if (publicRooms !== undefined) rows = rows.filter((row) => row["public"] === publicRooms);
  if (emptyRooms !== undefined) rows = rows.filter((row) => (row["joined_members"] === 0) === emptyRooms);
  sortRooms(rows, orderBy, dir);

  const page = rows.slice(from, from + limit);
  return ok({
    offset: from,
    total_rooms: rows.length,
    ...(from + limit < rows.length ? { next_batch: from + limit } : {}),
    ...(from > 0 ? { prev_batch: Math.max(0, from - limit) } : {}),
    rooms: page,
  });
}

function matchesSearch(row: Record<string, unknown>, term: string): boolean {
  const name = typeof row["name"] === "string" ? row["name"].toLowerCase() : "";
  const alias = typeof row["canonical_alias"] === "string" ? row["canonical_alias"] : "";
  const aliasLocal = alias.slice(0, alias.includes(":") ? alias.indexOf(":") : alias.length);
  return name.includes(term.toLowerCase()) || aliasLocal.includes(term.toLowerCase()) || row["room_id"] === term;
}

/** Nulls sort last ascending, as on PostgreSQL; ties broken by room_id in the same direction. */
function sortRooms(rows: Record<string, unknown>[], orderBy: OrderKey, dir: "f" | "b"): void {
  const key = orderBy === "alphabetical" ? "name" : orderBy === "size" ? "joined_members" : orderBy;
  const sign = (descendingKeys.has(key) ? -1 : 1) * (dir === "b" ? -1 : 1);
  rows.sort((a, b) => sign * (compareValues(a[key], b[key]) || compareValues(a["room_id"], b["room_id"])));
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string" && /^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}
