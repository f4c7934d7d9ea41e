import type { SandboxState } from "./model.js";
import { hasCreatorPower } from "./room-versions.js";
import type { Room } from "./types.js";

/** Synapse's CREATOR_POWER_LEVEL: above every legal level (levels are capped at 2^53 − 1). */
export const creatorPower = 2 ** 53;

/**
 * Synapse's createRoom power-levels template (synapse/handlers/room.py, reference §14.1), before preset
 * overrides. In creator-power rooms (v12) creators are not listed and the tombstone needs 150.
 */
export function defaultPowerLevels(creator: string, preset: "public_chat" | "private_chat", version: string): Record<string, unknown> {
  const creatorsOutrank = hasCreatorPower(version);
  return {
    users: creatorsOutrank ? {} : { [creator]: 100 },
    users_default: 0,
    events: {
      "m.room.name": 50,
      "m.room.power_levels": 100,
      "m.room.history_visibility": 100,
      "m.room.canonical_alias": 50,
      "m.room.avatar": 50,
      "m.room.tombstone": creatorsOutrank ? 150 : 100,
      "m.room.server_acl": 100,
      "m.room.encryption": 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: preset === "public_chat" ? 50 : 0,
    historical: 100,
  };
}

/** Integer conversion as Synapse does for pre-v10 rooms (int-like strings accepted). */
export function toLevel(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export function powerLevelsContent(state: SandboxState, room: Room): Record<string, unknown> | undefined {
  return state.getState(room, "m.room.power_levels")?.content;
}

/** The create event's sender and, in creator-power rooms, its `additional_creators` (is_creator). */
export function creatorsOf(room: Room): string[] {
  const additional = room.create.content["additional_creators"];
  const listed = Array.isArray(additional) ? additional.filter((id): id is string => typeof id === "string") : [];
  return [room.create.sender, ...listed];
}

/** event_auth.get_user_power_level (reference §14.1). */
export function userLevel(state: SandboxState, room: Room, userId: string): number {
  if (hasCreatorPower(room.version) && creatorsOf(room).includes(userId)) return creatorPower;
  const content = powerLevelsContent(state, room);
  if (!content) return userId === room.creator ? 100 : 0;
  const users = (content["users"] ?? {}) as Record<string, unknown>;
  return toLevel(users[userId]) ?? toLevel(content["users_default"]) ?? 0;
}

const namedDefaults: Record<string, number> = { invite: 0, kick: 50, ban: 50, redact: 50, events_default: 0, state_default: 50 };

/** event_auth.get_named_level: the key's value, else the auth-rule default (not the createRoom one). */
export function namedLevel(state: SandboxState, room: Room, name: string): number {
  return toLevel(powerLevelsContent(state, room)?.[name]) ?? namedDefaults[name] ?? 0;
}

/** Level needed to send a state event of `type` (get_send_level). */
export function stateSendLevel(state: SandboxState, room: Room, type: string): number {
  const content = powerLevelsContent(state, room);
  const events = (content?.["events"] ?? {}) as Record<string, unknown>;
  return toLevel(events[type]) ?? toLevel(content?.["state_default"]) ?? 50;
}
