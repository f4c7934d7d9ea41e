import { isLocalUser } from "../declarations/identifiers.js";
import type { DesiredRoom, UserId } from "../declarations/model.js";
import type { ObservedRoom } from "./observation.js";
import { canInvite, powerOf } from "./power.js";
import type { Blocked, EnsureAdmin, EnsureAdminStep, RoomPlan } from "./types.js";

/** The block codes --ensure-admin can lift: the admin outside the room, or inside without the power. */
const reachCodes: ReadonlySet<string> = new Set(["admin_not_in_room", "admin_cannot_invite", "admin_cannot_kick", "admin_cannot_set_power"]);

export function needsAdminReach(plan: RoomPlan): boolean {
  return plan.blocked.some((b) => reachCodes.has(b.code));
}

/** What the admin lacks in a room where it must act: not joined; joined without invite, kick or power-levels power. */
export type ReachGap = "not_joined" | "cannot_invite" | "cannot_kick" | "cannot_set_power";

export interface AdminReach {
  /** Why the admin must be able to act here; empty when the admin join API needs nothing from it (a public room). */
  reasons: string[];
  gaps: ReachGap[];
}

/**
 * Whether the admin can act in a room whatever the next change is (what `roster doctor` checks, and what
 * --ensure-admin fixes even in a room with nothing pending): joined wherever joins are invites (not
 * public), remote members are invited, prune kicks, or the room declares power levels (which only a
 * joined sender can change); with invite power where it invites; with kick power where it prunes; with
 * the level `m.room.power_levels` needs where levels are declared (reference §14.2, §14.3).
 */
export function adminReach(room: DesiredRoom, observed: ObservedRoom, admin: UserId, serverName: string): AdminReach {
  const remote = room.members.some((m) => !isLocalUser(m.user, serverName));
  const nonPublic = observed.joinRule !== "public";
  const reasons = [
    ...(nonPublic ? [`the room is not public (join rule ${observed.joinRule ?? "absent"}), so every join is an invite from the admin`] : []),
    ...(remote ? ["remote members are invited by the admin"] : []),
    ...(room.prune ? ["prune kicks as the admin"] : []),
    ...(declaresPower(room, admin) ? ["the admin sets the declared power levels"] : []),
  ];
  if (reasons.length === 0) return { reasons, gaps: [] };
  const membership = observed.members.get(admin);
  if (membership !== "join") return { reasons, gaps: ["not_joined"] };
  const gaps: ReachGap[] = [];
  if ((remote || (nonPublic && room.members.length > 0)) && !canInvite(observed.powerLevels, membership, admin)) gaps.push("cannot_invite");
  if (room.prune && powerOf(observed.powerLevels, admin) < observed.powerLevels.kick) gaps.push("cannot_kick");
  if (declaresPower(room, admin) && powerOf(observed.powerLevels, admin) < changeLevel(observed)) gaps.push("cannot_set_power");
  return { reasons, gaps };
}

/** A level declared for someone other than the admin (whose own entry roster never changes), or prune_power. */
export function declaresPower(room: DesiredRoom, admin: UserId): boolean {
  return room.prunePower === true || room.members.some((m) => m.power !== undefined && m.user !== admin);
}

/** The level sending `m.room.power_levels` needs (reference §14.1). */
export function changeLevel(observed: ObservedRoom): number {
  return observed.powerLevels.changeLevels ?? 50;
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

/**
 * Why --ensure-admin cannot help in a room, or undefined when make_room_admin can raise the admin: nobody
 * to act through, a puppet below the admin's own level, or a puppet below the level the room needs to
 * change power levels (make_room_admin sends the power-levels event as the puppet, reference §14.5). make_room_admin gives the admin the puppet's
 * level, and a puppet may not lower a user above it: Synapse answers 400 "No local admin user in room
 * with power to update power levels." (checked on 1.67).
 */
export function whyEnsureAdminCannotHelp(observed: ObservedRoom, admin: UserId, puppet: Puppet | null): string | undefined {
  if (puppet === null) {
    return (
      `--ensure-admin cannot help here: make_room_admin acts through a local user who is joined and listed in the room's power levels, ` +
      `and this room has none (Synapse answers 400 "No local admin user in room"). Ask a room admin to invite ${admin} and raise its power level, ` +
      `or join a local user who holds the room's top power level.`
    );
  }
  const adminPower = powerOf(observed.powerLevels, admin);
  if (puppet.level < adminPower) {
    return (
      `--ensure-admin cannot help here: ${admin} already holds power ${adminPower}, above ${puppet.user} (${puppet.level}), the room's top joined local user, ` +
      `who therefore may not set it (Synapse answers 400 "No local admin user in room with power to update power levels."). Invite ${admin} from a Matrix client, then run roster again.`
    );
  }
  const puppetPower = powerOf(observed.powerLevels, puppet.user);
  if (puppetPower < changeLevel(observed)) {
    return (
      `--ensure-admin cannot help here: make_room_admin acts through ${puppet.user} (power ${puppetPower}), the room's top joined local user, ` +
      `who is below the level ${changeLevel(observed)} this room needs to change power levels (Synapse answers 400 "No local admin user in room with power to update power levels."). ` +
      `Have a room admin raise ${admin}, or join a local user who holds that level.`
    );
  }
  return undefined;
}

/** With --ensure-admin on but no way for it to help, the admin blocks say why. */
export function explainCannotEnsure(plan: RoomPlan, hint: string): RoomPlan {
  return { ...plan, blocked: plan.blocked.map((b): Blocked => (reachCodes.has(b.code) ? { ...b, hint } : b)) };
}
