import type { StateEvent } from "./types.js";

/** Pure helpers over one room's current state (reference §6.4, §8.6, §10). No I/O. */

export interface MemberState {
  /** `join`, `invite`, `leave`, `ban` or `knock` (kept as sent). */
  membership: string;
  sender: string;
}

export interface PowerLevels {
  users: Record<string, number>;
  usersDefault: number;
  invite: number;
  kick: number;
  stateDefault: number;
  events: Record<string, number>;
}

export interface RoomSnapshot {
  roomId: string;
  /** `m.room.create` content.room_version (absent ⇒ "1"); null when there is no create event. */
  version: string | null;
  /** The create event's sender plus (v12+) `additional_creators`. */
  creators: string[];
  /** true in room versions where creators have infinite power (v12 and later, org.matrix.hydra.11). */
  creatorsArePrivileged: boolean;
  /** The join rule; null when there is no `m.room.join_rules` event (an event without the key counts as `invite`). */
  joinRule: string | null;
  /** Levels with Synapse's defaults filled in; null when there is no power-levels event. */
  powerLevels: PowerLevels | null;
  members: Record<string, MemberState>;
  /** false when the state is empty: no local member is left, so the server cannot act in the room. */
  serverInRoom: boolean;
}

const DEFAULT_LEVELS = { invite: 0, kick: 50, stateDefault: 50, usersDefault: 0 };

export function toRoomSnapshot(roomId: string, events: readonly StateEvent[]): RoomSnapshot {
  const members: Record<string, MemberState> = {};
  let create: StateEvent | undefined;
  let joinRules: StateEvent | undefined;
  let powerLevels: StateEvent | undefined;
  for (const event of events) {
    if (event.type === "m.room.member") {
      const membership = event.content["membership"];
      if (typeof membership === "string" && event.state_key !== "__proto__") members[event.state_key] = { membership, sender: event.sender };
    } else if (event.state_key === "") {
      if (event.type === "m.room.create") create = event;
      else if (event.type === "m.room.join_rules") joinRules = event;
      else if (event.type === "m.room.power_levels") powerLevels = event;
    }
  }
  const version = create ? readVersion(create.content["room_version"]) : null;
  const privileged = version !== null && hasPrivilegedCreators(version);
  return {
    roomId,
    version,
    creators: create ? readCreators(create, privileged) : [],
    creatorsArePrivileged: privileged,
    joinRule: joinRules ? readJoinRule(joinRules.content["join_rule"]) : null,
    powerLevels: powerLevels ? readPowerLevels(powerLevels.content) : null,
    members,
    serverInRoom: events.length > 0,
  };
}

/** Synapse parses levels with int(): integers and int-like strings (room versions < 10). */
export function parseLevel(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

function readVersion(value: unknown): string {
  return typeof value === "string" && value !== "" ? value : "1";
}

function hasPrivilegedCreators(version: string): boolean {
  if (version === "org.matrix.hydra.11") return true;
  return /^\d+$/.test(version) && Number(version) >= 12;
}

function readCreators(create: StateEvent, privileged: boolean): string[] {
  const creators = [create.sender];
  const additional = create.content["additional_creators"];
  if (privileged && Array.isArray(additional)) {
    for (const user of additional) if (typeof user === "string" && !creators.includes(user)) creators.push(user);
  }
  return creators;
}

function readJoinRule(value: unknown): string {
  return typeof value === "string" ? value : "invite";
}

function readPowerLevels(content: Record<string, unknown>): PowerLevels {
  const level = (key: string, fallback: number): number => parseLevel(content[key]) ?? fallback;
  return {
    users: readLevelMap(content["users"]),
    usersDefault: level("users_default", DEFAULT_LEVELS.usersDefault),
    invite: level("invite", DEFAULT_LEVELS.invite),
    kick: level("kick", DEFAULT_LEVELS.kick),
    stateDefault: level("state_default", DEFAULT_LEVELS.stateDefault),
    events: readLevelMap(content["events"]),
  };
}

function readLevelMap(value: unknown): Record<string, number> {
  const map: Record<string, number> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return map;
  for (const [key, raw] of Object.entries(value)) {
    const parsed = parseLevel(raw);
    if (parsed !== undefined && key !== "__proto__") map[key] = parsed;
  }
  return map;
}
