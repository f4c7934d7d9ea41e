import type { RoomSnapshot } from "../../src/homeserver/room-state.js";
import { fingerprintRoom } from "../../src/observe/fingerprint.js";
import { effectivePowerLevels, knownMemberships } from "../../src/observe/observe-rooms.js";
import type { Membership, ObservedRoom } from "../../src/plan/observation.js";

/**
 * The straightforward route from a room snapshot to what the planner sees, kept as the reference that
 * observeState's one-pass form must agree with (and to build observed rooms from snapshots in tests).
 */
export function toObservedRoom(ref: string, snapshot: RoomSnapshot): ObservedRoom {
  const members = new Map<string, Membership>();
  for (const [user, { membership }] of Object.entries(snapshot.members)) {
    if (knownMemberships.has(membership)) members.set(user, membership as Membership);
  }
  const powerLevels = effectivePowerLevels(snapshot);
  return { status: "ok", ref, roomId: snapshot.roomId, joinRule: snapshot.joinRule, powerLevels, members, fingerprint: fingerprintRoom(members, powerLevels) };
}
