import type { RoomRef, UserId } from "../declarations/model.js";

/**
 * What the server looked like when we read it: the Actual side of the plan. Plain data, produced by
 * src/observe/ from one state read per room and one user lookup per distinct local user.
 */

export type Membership = "join" | "invite" | "leave" | "ban" | "knock";

/** Effective power levels of a room (defaults of reference §8.6 already applied). */
export interface PowerLevels {
  users: Record<UserId, number>;
  usersDefault: number;
  invite: number;
  kick: number;
  /** v12 room creators: infinite power, never listed in `users`. */
  creators: UserId[];
  /** The level needed to change the power levels (`events["m.room.power_levels"]`, else `state_default`, else 50). */
  changeLevels?: number;
  /** false: the room has no power-levels event, and `users` is what Synapse implies (the creator at 100). */
  hasEvent?: boolean;
}

export interface ObservedRoom {
  status: "ok";
  ref: RoomRef;
  roomId: string;
  /** content.join_rule of m.room.join_rules; null when the room has no such event. */
  joinRule: string | null;
  powerLevels: PowerLevels;
  /** Current membership of every user that has a member event in the room (a Map: ~40% less heap than an object at 1M users). */
  members: ReadonlyMap<UserId, Membership>;
  /** A digest of `members`, used to refuse a saved plan whose room changed since. */
  fingerprint: string;
}

export interface UnreadableRoom {
  status: "alias_not_found" | "room_not_found" | "error";
  ref: RoomRef;
  roomId?: string;
  /** Why: the server's answer or the network failure, for humans. */
  detail: string;
}

export type RoomObservation = ObservedRoom | UnreadableRoom;

/** What the server says about a local user a join would need. */
export type UserStatus = "active" | "deactivated" | "suspended" | "not_found";
