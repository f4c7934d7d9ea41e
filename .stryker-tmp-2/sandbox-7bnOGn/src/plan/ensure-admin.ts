// @ts-nocheck
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
 */
export function pickPuppet(observed: ObservedRoom, serverName: string): Puppet | null {
  const levels = observed.powerLevels;
  const candidates = [...new Set([...Object.keys(levels.users), ...levels.creators])].filter((user) => isLocalUser(user, serverName));
  candidates.sort((a, b) => powerOf(levels, b) - powerOf(levels, a) || (a < b ? -1 : a > b ? 1 : 0));
  const first = candidates.find((user) => observed.members.get(user) === "join");
  if (first === undefined) return null;
  return { user: first, level: levels.users[first] ?? 100 };
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
  const blocked = plan.blocked.map((b): Blocked =>
    reachCodes.has(b.code)
      ? {
          ...b,
          hint:
            `--ensure-admin cannot help here: make_room_admin acts through a local user who is joined and listed in the room's power levels, ` +
            `and this room has none (Synapse answers 400 "No local admin user in room"). Ask a room admin to invite ${admin} and raise its power level, ` +
            `or join a local user who holds the room's top power level.`,
        }
      : b,
  );
  return { ...plan, blocked };
}
