import { isLocalUser } from "../declarations/identifiers.js";
import type { UserId } from "../declarations/model.js";
import type { ObservedRoom } from "./observation.js";
import { powerOf } from "./power.js";
import type { Blocked, EnsureAdmin, EnsureAdminStep, RoomPlan } from "./types.js";

/** The block codes --ensure-admin can lift: the admin outside the room, or inside without the power. */
const reachCodes: ReadonlySet<string> = new Set(["admin_not_in_room", "admin_cannot_invite", "admin_cannot_kick"]);

export function needsAdminReach(plan: RoomPlan): boolean {
  return plan.blocked.some((b) => reachCodes.has(b.code));
}

export interface Puppet {
  user: UserId;
  /** What make_room_admin gives the grantee: the puppet's entry in `users`, or 100 without one (a v12 creator). */
  level: number;
}

/**
 * The user make_room_admin would act through (reference §5 step 5): local users listed in the power
 * levels (plus v12 local creators), highest level first, and the first whose membership is join — no
 * fallback to the next. Null when there is none: Synapse then answers 400 "No local admin user in room".
 * Synapse sorts the listed users by level (a stable sort, in the order the event lists them) and walks
 * that list backwards, so among equal levels the one listed last comes first (checked on 1.67).
 */
export function pickPuppet(observed: ObservedRoom, serverName: string): Puppet | null {
  const levels = observed.powerLevels;
  const candidates = [...new Set([...Object.keys(levels.users), ...levels.creators])].filter((user) => isLocalUser(user, serverName));
  candidates.reverse().sort((a, b) => powerOf(levels, b) - powerOf(levels, a));
  const first = candidates.find((user) => observed.members.get(user) === "join");
  if (first === undefined) return null;
  return { user: first, level: levels.users[first] ?? 100 };
}

/**
 * Whether the admin can enter by a join of its own, without make_room_admin: the room is public, or the
 * admin holds an invite (which a `private` join rule still refuses).
 */
export function mayJoinAlone(observed: ObservedRoom, admin: UserId): boolean {
  const membership = observed.members.get(admin);
  if (membership === "join" || membership === "ban") return false;
  return observed.joinRule === "public" || (membership === "invite" && observed.joinRule !== "private");
}

/** The room as it will be once the admin has joined, with the power it has now. */
export function joinAdmin(observed: ObservedRoom, admin: UserId): ObservedRoom {
  return { ...observed, members: new Map(observed.members).set(admin, "join") };
}

export function describeJoinAlone(observed: ObservedRoom, admin: UserId): EnsureAdmin {
  const why = observed.members.get(admin) === "invite" ? "holds an invite" : "may join this public room";
  return { steps: ["join"], reason: `${admin} is not joined but ${why}, and its power ${powerOf(observed.powerLevels, admin)} is enough: the admin joins` };
}

/** The room as it will be once make_room_admin and the admin's join have worked. */
export function grantAdmin(observed: ObservedRoom, admin: UserId, puppet: Puppet): ObservedRoom {
  const users = { ...observed.powerLevels.users, [admin]: puppet.level };
  return { ...observed, members: new Map(observed.members).set(admin, "join"), powerLevels: { ...observed.powerLevels, users } };
}

export function describeEnsureAdmin(observed: ObservedRoom, admin: UserId, puppet: Puppet): EnsureAdmin {
  const joined = observed.members.get(admin) === "join";
  const steps: EnsureAdminStep[] = joined ? ["make_room_admin"] : ["make_room_admin", "join"];
  const now = joined ? `has power ${powerOf(observed.powerLevels, admin)}` : "is not joined";
  const invite = !joined && observed.joinRule !== "public" && observed.members.get(admin) !== "invite" ? ", which invites it here," : "";
  return {
    steps,
    puppet: puppet.user,
    grantedPower: puppet.level,
    reason:
      `${admin} ${now}: make_room_admin (acting through ${puppet.user})${invite} raises it to power ${puppet.level}` +
      (joined ? "" : ", then the admin joins"),
  };
}

/** With --ensure-admin on but nobody to act through, the admin blocks say why the flag cannot help. */
export function explainNoPuppet(plan: RoomPlan, admin: UserId): RoomPlan {
  return withReachHint(
    plan,
    `--ensure-admin cannot help here: make_room_admin acts through a local user who is joined and listed in the room's power levels, ` +
      `and this room has none (Synapse answers 400 "No local admin user in room"). Ask a room admin to invite ${admin} and raise its power level, ` +
      `or join a local user who holds the room's top power level.`,
  );
}

/**
 * make_room_admin gives the admin the puppet's level; when that is below the admin's own, the puppet may
 * not lower it and Synapse answers 400 "No local admin user in room with power to update power levels."
 */
export function explainWeakPuppet(plan: RoomPlan, admin: UserId, adminPower: number, puppet: Puppet): RoomPlan {
  return withReachHint(
    plan,
    `--ensure-admin cannot help here: ${admin} already holds power ${adminPower}, above ${puppet.user} (${puppet.level}), the room's top joined local user, ` +
      `who therefore may not set it (Synapse answers 400 "No local admin user in room with power to update power levels."). Invite ${admin} from a Matrix client, then run roster again.`,
  );
}

function withReachHint(plan: RoomPlan, hint: string): RoomPlan {
  return { ...plan, blocked: plan.blocked.map((b): Blocked => (reachCodes.has(b.code) ? { ...b, hint } : b)) };
}
