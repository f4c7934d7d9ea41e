/** Shapes roster reads from Synapse, normalised (camelCase, 0/1 integers turned into booleans). */

/** One state event as the admin state endpoint returns it (reference §6.4, legacy client v1 format). */
export interface StateEvent {
  type: string;
  state_key: string;
  content: Record<string, unknown>;
  sender: string;
  event_id?: string;
  room_id?: string;
  origin_server_ts?: number;
}

export interface ResolvedAlias {
  roomId: string;
  servers: string[];
}

/** GET /_synapse/admin/v2/users/<id> (reference §7.1): what roster decides on. */
export interface UserInfo {
  userId: string;
  admin: boolean;
  deactivated: boolean;
  suspended: boolean;
}

/** An item of the room list (reference §6.1): only its ID is used (the stats fields lag; decide from state). */
export interface RoomInfo {
  roomId: string;
}

export interface UserPage {
  users: UserInfo[];
  total: number;
  /** Pass back as `from`; absent on the last page. */
  nextToken?: string;
}

export interface RoomPage {
  rooms: RoomInfo[];
  total: number;
  /** Pass back as `from`; absent on the last page. */
  nextBatch?: number;
}

export interface RatelimitOverride {
  messagesPerSecond: number;
  burstCount: number;
}

/** Old Synapse releases send 0/1 for booleans (reference §12). */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === "true";
}

export function normaliseUser(raw: Record<string, unknown>, fallbackId: string): UserInfo {
  return {
    userId: typeof raw["name"] === "string" ? raw["name"] : fallbackId,
    admin: toBoolean(raw["admin"]),
    deactivated: toBoolean(raw["deactivated"]),
    suspended: toBoolean(raw["suspended"]),
  };
}

/** A valid state event, or undefined for anything malformed (skipped rather than trusted). */
export function readStateEvent(raw: unknown): StateEvent | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const event = raw as Record<string, unknown>;
  const content = event["content"];
  if (typeof event["type"] !== "string" || typeof event["state_key"] !== "string" || typeof event["sender"] !== "string") return undefined;
  if (content === null || typeof content !== "object" || Array.isArray(content)) return undefined;
  // Assigned one by one rather than spread: this runs for every state event of every room read.
  const read: StateEvent = { type: event["type"], state_key: event["state_key"], sender: event["sender"], content: content as Record<string, unknown> };
  if (typeof event["event_id"] === "string") read.event_id = event["event_id"];
  if (typeof event["room_id"] === "string") read.room_id = event["room_id"];
  if (typeof event["origin_server_ts"] === "number") read.origin_server_ts = event["origin_server_ts"];
  return read;
}
