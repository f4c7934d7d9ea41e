// @ts-nocheck
import type { SandboxState } from "./model.js";
import type { Room } from "./types.js";

/** Synapse's createRoom power-levels template (synapse/handlers/room.py), before preset overrides. */
export function defaultPowerLevels(creator: string, preset: "public_chat" | "private_chat"): Record<string, unknown> {
  return {
    users: { [creator]: 100 },
    users_default: 0,
    events: {
      "m.room.name": 50,
      "m.room.power_levels": 100,
      "m.room.history_visibility": 100,
      "m.room.canonical_alias": 50,
      "m.room.avatar": 50,
      "m.room.tombstone": 100,
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
function toLevel(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export function powerLevelsContent(state: SandboxState, room: Room): Record<string, unknown> | undefined {
  return state.getState(room, "m.room.power_levels")?.content;
}

/** event_auth.get_user_power_level (reference §8.6). */
export function userLevel(state: SandboxState, room: Room, userId: string): number {
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

/** Whether `sender` may replace the power levels with `next` (_check_power_levels, users part). */
export function mayChangePowerLevels(state: SandboxState, room: Room, sender: string, next: Record<string, unknown>): boolean {
  const own = userLevel(state, room, sender);
  if (own < stateSendLevel(state, room, "m.room.power_levels")) return false;
  const current = powerLevelsContent(state, room) ?? {};
  const oldUsers = (current["users"] ?? {}) as Record<string, unknown>;
  const newUsers = (next["users"] ?? {}) as Record<string, unknown>;
  for (const userId of new Set([...Object.keys(oldUsers), ...Object.keys(newUsers)])) {
    const before = toLevel(oldUsers[userId]);
    const after = toLevel(newUsers[userId]);
    if (before === after) continue;
    if (userId !== sender && before !== undefined && before >= own) return false;
    if ((before ?? 0) > own || (after ?? 0) > own) return false;
  }
  return true;
}
