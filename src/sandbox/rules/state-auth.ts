import { parseId } from "../state/ids.js";
import type { SandboxState } from "../state/model.js";
import { creatorsOf, powerLevelsContent, stateSendLevel, toLevel, userLevel } from "../state/power.js";
import { refuse, type Refusal } from "../state/refusal.js";
import { hasCreatorPower, isStrictVersion } from "../state/room-versions.js";
import type { Room } from "../state/types.js";

export interface StateEventDraft {
  sender: string;
  type: string;
  stateKey: string;
  content: Record<string, unknown>;
}

/**
 * The state-dependent auth rules for a non-member state event from a joined sender (event_auth.py
 * _can_send_event, then _check_power_levels for power levels; reference §14.3).
 */
export function authorizeStateEvent(state: SandboxState, room: Room, event: StateEventDraft): Refusal | undefined {
  const level = userLevel(state, room, event.sender);
  const required = stateSendLevel(state, room, event.type);
  if (level < required) {
    return refuse(403, "M_FORBIDDEN", `You don't have permission to post that to the room. user_level (${level}) < send_level (${required})`);
  }
  if (event.stateKey.startsWith("@") && event.stateKey !== event.sender) return refuse(403, "M_FORBIDDEN", "You are not allowed to set others state");
  return event.type === "m.room.power_levels" ? checkPowerLevels(state, room, event, level) : undefined;
}

/** _check_power_levels: user IDs, creators, then every compared level against the sender's own. */
function checkPowerLevels(state: SandboxState, room: Room, event: StateEventDraft, level: number): Refusal | undefined {
  const users = levelMap(event.content, "users");
  const invalid = Object.keys(users).find((key) => parseId(key, "@") === undefined);
  if (invalid !== undefined) return refuse(400, "M_UNKNOWN", `Not a valid user_id: ${invalid}`);
  if (hasCreatorPower(room.version)) {
    const [creator = "", ...additional] = creatorsOf(room);
    if (creator in users) return refuse(400, "M_UNKNOWN", `Creator user ${creator} must not appear in content.users`);
    if (additional.some((id) => id in users)) return refuse(400, "M_UNKNOWN", "Additional creators users must not appear in content.users");
  }
  // Only the event this one replaces is compared, and auth state holds the power levels of key "" alone.
  const current = event.stateKey === "" ? powerLevelsContent(state, room) : undefined;
  if (!current) return undefined;
  for (const [map, key] of comparedLevels(room, current, event.content)) {
    const before = toLevel((map ? levelMap(current, map) : current)[key]);
    const after = toLevel((map ? levelMap(event.content, map) : event.content)[key]);
    if (before !== undefined && before === after) continue;
    if (map === "users" && key !== event.sender && before === level) {
      return refuse(403, "M_FORBIDDEN", "You don't have permission to remove ops level equal to your own");
    }
    if ((before ?? -Infinity) > level || (after ?? -Infinity) > level) {
      return refuse(403, "M_FORBIDDEN", "You don't have permission to add ops level greater than your own");
    }
  }
  return undefined;
}

const topLevelKeys = ["users_default", "events_default", "state_default", "ban", "redact", "kick", "invite"];

/** [map, key] pairs in Synapse's order: top-level keys, then users, events and (v6+) notifications. */
function comparedLevels(room: Room, current: Record<string, unknown>, next: Record<string, unknown>): [string | undefined, string][] {
  const maps = isStrictVersion(room.version) ? ["users", "events", "notifications"] : ["users", "events"];
  const pairs: [string | undefined, string][] = topLevelKeys.map((key) => [undefined, key]);
  for (const map of maps) {
    const keys = new Set([...Object.keys(levelMap(current, map)), ...Object.keys(levelMap(next, map))]);
    for (const key of keys) pairs.push([map, key]);
  }
  return pairs;
}

function levelMap(content: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = content[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
