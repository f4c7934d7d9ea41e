/** Shapes roster reads from Synapse, normalised (camelCase, 0/1 integers turned into booleans). */
// @ts-nocheck


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

/** GET /_synapse/admin/v2/users/<id> (reference §7.1). */
export interface UserInfo {
  userId: string;
  admin: boolean;
  deactivated: boolean;
  locked: boolean;
  suspended: boolean;
  shadowBanned: boolean;
  erased: boolean;
  isGuest: boolean;
  userType: string | null;
  displayName: string | null;
}

/** GET /_synapse/admin/v1/rooms/<id> and list items (reference §6.1, §6.2); stats fields may be null. */
export interface RoomInfo {
  roomId: string;
  name: string | null;
  canonicalAlias: string | null;
  joinedMembers: number | null;
  joinedLocalMembers: number | null;
  version: string | null;
  creator: string | null;
  /** From the stats tables, which lag: decide from state, not from this. */
  joinRules: string | null;
  /** Published in the room directory (not the join rule). */
  public: boolean;
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

function toStringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function toNumberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function normaliseUser(raw: Record<string, unknown>, fallbackId: string): UserInfo {
  return {
    userId: toStringOrNull(raw["name"]) ?? fallbackId,
    admin: toBoolean(raw["admin"]),
    deactivated: toBoolean(raw["deactivated"]),
    locked: toBoolean(raw["locked"]),
    suspended: toBoolean(raw["suspended"]),
    shadowBanned: toBoolean(raw["shadow_banned"]),
    erased: toBoolean(raw["erased"]),
    isGuest: toBoolean(raw["is_guest"]),
    userType: toStringOrNull(raw["user_type"]),
    displayName: toStringOrNull(raw["displayname"]),
  };
}

export function normaliseRoom(raw: Record<string, unknown>, fallbackId: string): RoomInfo {
  return {
    roomId: toStringOrNull(raw["room_id"]) ?? fallbackId,
    name: toStringOrNull(raw["name"]),
    canonicalAlias: toStringOrNull(raw["canonical_alias"]),
    joinedMembers: toNumberOrNull(raw["joined_members"]),
    joinedLocalMembers: toNumberOrNull(raw["joined_local_members"]),
    version: toStringOrNull(raw["version"]),
    creator: toStringOrNull(raw["creator"]),
    joinRules: toStringOrNull(raw["join_rules"]),
    public: toBoolean(raw["public"]),
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
