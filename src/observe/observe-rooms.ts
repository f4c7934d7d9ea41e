import type { Desired, DesiredRoom } from "../declarations/model.js";
import { HomeserverError } from "../homeserver/errors.js";
import type { SynapseClient } from "../homeserver/client.js";
import { toRoomSnapshot, type RoomSnapshot } from "../homeserver/room-state.js";
import type { StateEvent } from "../homeserver/types.js";
import type { Membership, ObservedRoom, PowerLevels, RoomObservation } from "../plan/observation.js";
import { mapConcurrent } from "../util/concurrency.js";
import { fingerprintRoom } from "./fingerprint.js";

export type RoomReader = Pick<SynapseClient, "resolveAlias" | "getRoomState">;

/**
 * Reads every declared room once: resolve the alias (rooms declared by ID skip it), then one state
 * read. A room that cannot be read becomes an `error` observation; the others are still read.
 */
export async function observeRooms(desired: Desired, client: RoomReader, concurrency: number): Promise<Map<string, RoomObservation>> {
  const observations = await mapConcurrent(desired.rooms, concurrency, (room) => observeRoom(room, client));
  return new Map(observations.map((o) => [o.ref, o]));
}

/**
 * One room's observation. `onResolved` hears the room's ID (undefined: it has none) as soon as the alias
 * is resolved, before the state is read: all it takes to tell rooms declared twice apart.
 */
export async function observeRoom(room: DesiredRoom, client: RoomReader, onResolved?: (roomId: string | undefined) => void): Promise<RoomObservation> {
  let roomId: string | undefined;
  try {
    const resolved = room.ref.startsWith("#") ? (await client.resolveAlias(room.ref))?.roomId : room.ref;
    onResolved?.(resolved);
    if (resolved === undefined) return { status: "alias_not_found", ref: room.ref, detail: `${room.ref} is not a known alias` };
    roomId = resolved;
    const state = await client.getRoomState(resolved);
    if (state === null) return { status: "room_not_found", ref: room.ref, roomId: resolved, detail: "the server does not know this room" };
    if (state.length === 0) return { status: "room_not_found", ref: room.ref, roomId: resolved, detail: "no local user is left in the room" };
    return observeState(room.ref, resolved, state);
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    if (roomId === undefined) onResolved?.(undefined);
    return { status: "error", ref: room.ref, ...(roomId !== undefined ? { roomId } : {}), detail: `could not read the room: ${error.message}` };
  }
}

/** The membership values a member event can hold; any other drops the user from the room. */
export const knownMemberships: ReadonlySet<string> = new Set<Membership>(["join", "invite", "leave", "ban", "knock"]);

/**
 * A room's state events as the planner sees them, in one pass over the member events without the
 * snapshot's per-member objects (a plan reads a hundred thousand of them). Its tests compare it with the
 * straightforward route through toRoomSnapshot (test/support/observed-from-snapshot.ts).
 */
export function observeState(ref: string, roomId: string, events: readonly StateEvent[]): ObservedRoom {
  const members = new Map<string, Membership>();
  const others: StateEvent[] = [];
  for (const event of events) {
    if (event.type !== "m.room.member") {
      others.push(event);
      continue;
    }
    const membership = event.content["membership"];
    // The snapshot's members are a plain object, which drops a `__proto__` state key (not a user ID anyway): drop it here too.
    if (typeof membership !== "string" || event.state_key === "__proto__") continue;
    // A later event for the same user replaces the earlier one, as in the snapshot; an unknown membership drops the user.
    if (knownMemberships.has(membership)) members.set(event.state_key, membership as Membership);
    else members.delete(event.state_key);
  }
  const snapshot = toRoomSnapshot(roomId, others);
  const powerLevels = effectivePowerLevels(snapshot);
  return { status: "ok", ref, roomId, joinRule: snapshot.joinRule, powerLevels, members, fingerprint: fingerprintRoom(members, powerLevels) };
}

/** Without a power-levels event the creator has 100 and everyone else 0 (reference §8.6). */
export function effectivePowerLevels(snapshot: RoomSnapshot): PowerLevels {
  const creators = snapshot.creatorsArePrivileged ? snapshot.creators : [];
  const levels = snapshot.powerLevels;
  if (levels === null) {
    const creator = snapshot.creators[0];
    return { users: creator !== undefined ? { [creator]: 100 } : {}, usersDefault: 0, invite: 0, kick: 50, creators, changeLevels: 50, hasEvent: false };
  }
  const changeLevels = levels.events["m.room.power_levels"] ?? levels.stateDefault;
  return { users: levels.users, usersDefault: levels.usersDefault, invite: levels.invite, kick: levels.kick, creators, changeLevels, hasEvent: true };
}
