import type { UserId } from "../declarations/model.js";
import { describePowerLevel } from "../declarations/power.js";
import type { PowerBlockCode, RoomBlockCode, UserBlockCode } from "./types.js";

/** What to do about each block, in one or two sentences a Synapse admin can act on. */
export function userBlockHint(code: Exclude<UserBlockCode, PowerBlockCode>, user: UserId, serverName: string): string {
  switch (code) {
    case "user_not_found":
      return `${user} has no account on ${serverName}: create the account, or fix the name in the declarations.`;
    case "user_deactivated":
      return `${user} is deactivated; Synapse would still join it, roster will not: remove it from the declarations.`;
    case "user_suspended":
      return `${user} is suspended: Synapse refuses its joins (403 M_USER_SUSPENDED, after leaving the admin's invite behind in a non-public room): lift the suspension, or remove it from the declarations.`;
    case "user_banned":
      return `${user} is banned from this room: unban them in a Matrix client (needs ban and kick power), or remove the declaration.`;
  }
}

export interface PowerHintFacts {
  user: UserId;
  admin: UserId;
  adminPower: number;
  /** The user's explicit level now (its `users` entry). */
  current?: number | undefined;
  wanted: number;
}

/** Why Synapse would refuse one user's level change (reference §14.3), and what to do instead. */
export function powerBlockHint(code: PowerBlockCode, facts: PowerHintFacts): string {
  const { user, admin, adminPower } = facts;
  switch (code) {
    case "power_of_creator":
      return `${user} created this room (room version 12 or later), which gives it a power above every level, kept outside the power levels: remove "power" from its declaration here.`;
    case "power_not_below_admin":
      return (
        `${user} holds power ${describePowerLevel(facts.current ?? 0)}, ${facts.current === adminPower ? "equal to" : "above"} ${admin}'s ${describePowerLevel(adminPower)}, ` +
        `and Synapse lets nobody change a level at or above their own: a user above both must change it, or raise the admin first.`
      );
    case "power_above_admin":
      return (
        `${describePowerLevel(facts.wanted)} is above ${admin}'s own power ${describePowerLevel(adminPower)}, and Synapse refuses to grant more than the sender holds: ` +
        `declare at most ${adminPower}, or raise the admin's level first.`
      );
  }
}

export interface RoomHintFacts {
  admin: UserId;
  room: string;
  roomId?: string | undefined;
  detail?: string | undefined;
  adminPower?: number;
  inviteLevel?: number;
  kickLevel?: number;
  removals?: number;
  /** mass_removal: how many of `removals` are prune_power demotions. */
  demotions?: number;
  changeLevel?: number;
  members?: number;
  maxRemovalRatio?: number;
}

export function roomBlockHint(code: RoomBlockCode, facts: RoomHintFacts): string {
  const target = facts.roomId ?? facts.room;
  switch (code) {
    case "alias_not_found":
      return `${facts.room} does not resolve on this server: create the room or the alias, or fix the name in the declarations.`;
    case "room_not_found":
      return `${facts.room} is unknown to this server or no local user is left in it (${facts.detail ?? "no state"}): check the room ID, or declare the room by its alias.`;
    case "admin_not_in_room":
      return (
        `${facts.admin} is not joined to ${facts.room}, and invite-only rooms (and kicks) need the admin inside: ` +
        `run \`roster apply --ensure-admin\`, or POST /_synapse/admin/v1/rooms/${target}/make_room_admin and then join the admin.`
      );
    case "admin_cannot_invite":
      return (
        `${facts.admin} has power ${facts.adminPower ?? 0}, below this room's invite level ${facts.inviteLevel ?? 0}: ` +
        `raise the admin's power level (make_room_admin) or lower the room's invite level.`
      );
    case "admin_cannot_kick":
      return (
        `${facts.admin} (power ${facts.adminPower ?? 0}) needs at least the kick level ${facts.kickLevel ?? 50} and more power than each user: ` +
        `raise the admin's power level (make_room_admin), or declare these users.`
      );
    case "join_rule_private":
      return (
        `${facts.room}'s join rule is private, so Synapse refuses every join there, even after the admin's invite (which it leaves behind): ` +
        `change the room's join rule (for example to invite), or remove these declarations.`
      );
    case "mass_removal": {
      const ratio = Math.round((facts.maxRemovalRatio ?? 0.25) * 100);
      const removals = facts.removals ?? 0;
      const demotions = facts.demotions ?? 0;
      const what = demotions === 0 ? `remove ${removals}` : demotions === removals ? `demote ${removals}` : `remove or demote ${removals}`;
      return (
        `pruning would ${what} of ${facts.members ?? 0} current members, more than ${ratio}%: ` +
        `check the declarations, then rerun with --allow-mass-removal (or a higher --max-removal-ratio).`
      );
    }
    case "admin_cannot_set_power":
      return (
        `${facts.admin} has power ${facts.adminPower ?? 0}, below the level ${facts.changeLevel ?? 50} this room needs to change power levels: ` +
        `run \`roster apply --ensure-admin\` (make_room_admin), or have a room admin raise ${facts.admin}.`
      );
    case "last_power_holder":
      return (
        `prune_power would leave nobody but ${facts.admin} able to change this room's power levels (level ${facts.changeLevel ?? 50}): ` +
        `declare at least one of these users with their level, or turn prune_power off for this room.`
      );
  }
}
