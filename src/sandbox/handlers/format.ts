import type { SandboxState } from "../state/model.js";
import type { Room, StateEvent, User } from "../state/types.js";

function unsignedOf(event: StateEvent, now: number): { age: number; replaces_state?: string } {
  const age = Math.max(0, now - event.ts);
  return event.previous ? { age, replaces_state: event.previous.eventId } : { age };
}

/** The "client v2" event format (format_event_for_client_v2): what `?format=event` answers. */
export function formatClientEvent(room: Room, event: StateEvent, now: number): Record<string, unknown> {
  const unsigned = unsignedOf(event, now);
  return {
    type: event.type,
    state_key: event.stateKey,
    content: event.content,
    sender: event.sender,
    event_id: event.eventId,
    room_id: room.roomId,
    origin_server_ts: event.ts,
    unsigned,
  };
}

/**
 * The legacy "client v1" event format of the admin state endpoint (reference §6.4): v2 plus copies of a
 * few keys. Built in one object: a plan reads a hundred thousand of these.
 */
export function formatEvent(room: Room, event: StateEvent, now: number): Record<string, unknown> {
  const unsigned = unsignedOf(event, now);
  return {
    type: event.type,
    state_key: event.stateKey,
    content: event.content,
    sender: event.sender,
    user_id: event.sender,
    event_id: event.eventId,
    room_id: room.roomId,
    origin_server_ts: event.ts,
    unsigned,
    ...unsigned,
  };
}

/**
 * A field the statistics tables take from current state: null once the server has left the room, as
 * leaving deletes the current state and the stats follow (Synapse 1.67: name, alias, join rules,
 * guest access and history visibility all null).
 */
function stateString(state: SandboxState, room: Room, type: string, key: string): string | null {
  if (!state.serverInRoom(room)) return null;
  const value = state.getState(room, type)?.content[key];
  return typeof value === "string" ? value : null;
}

/** A room row of the admin list (reference §6.1); the detail endpoint adds a few keys. */
export function formatRoomSummary(state: SandboxState, room: Room): Record<string, unknown> {
  return {
    room_id: room.roomId,
    name: stateString(state, room, "m.room.name", "name"),
    canonical_alias: stateString(state, room, "m.room.canonical_alias", "alias"),
    joined_members: room.joined.size,
    joined_local_members: room.joinedLocal,
    version: room.version,
    creator: room.creator,
    encryption: null,
    federatable: true,
    public: room.published,
    join_rules: stateString(state, room, "m.room.join_rules", "join_rule"),
    guest_access: stateString(state, room, "m.room.guest_access", "guest_access"),
    history_visibility: stateString(state, room, "m.room.history_visibility", "history_visibility"),
    state_events: 1 + room.state.size + room.members.size,
    room_type: null,
  };
}

export function formatRoomDetail(state: SandboxState, room: Room): Record<string, unknown> {
  return {
    ...formatRoomSummary(state, room),
    avatar: null,
    topic: stateString(state, room, "m.room.topic", "topic"),
    joined_local_devices: room.joinedLocal,
    forgotten: false,
    tombstoned: false,
    replacement_room: null,
  };
}

/** GET /_synapse/admin/v2/users/<id>; creation_ts in seconds (the list uses ms). */
export function formatUserDetail(user: User): Record<string, unknown> {
  return {
    name: user.userId,
    admin: user.admin,
    deactivated: user.deactivated,
    locked: user.locked,
    suspended: user.suspended,
    shadow_banned: user.shadowBanned,
    erased: user.erased,
    is_guest: false,
    user_type: null,
    appservice_id: null,
    creation_ts: Math.floor(user.creationTs / 1000),
    last_seen_ts: null,
    consent_server_notice_sent: null,
    consent_version: null,
    consent_ts: null,
    displayname: user.displayname,
    avatar_url: null,
    threepids: [],
    external_ids: [],
  };
}

export function formatUserListItem(user: User): Record<string, unknown> {
  return {
    name: user.userId,
    user_type: null,
    is_guest: false,
    admin: user.admin,
    deactivated: user.deactivated,
    shadow_banned: user.shadowBanned,
    displayname: user.displayname,
    avatar_url: null,
    creation_ts: user.creationTs,
    approved: true,
    erased: user.erased,
    last_seen_ts: null,
    locked: user.locked,
  };
}
