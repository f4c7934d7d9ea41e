// @ts-nocheck
import type { UserId } from "../declarations/model.js";
import type { RoomBlockCode, UserBlockCode } from "./types.js";

/** What to do about each block, in one or two sentences a Synapse admin can act on. */
export function userBlockHint(code: UserBlockCode, user: UserId, serverName: string): string {
  switch (code) {
    case "user_not_found":
      return `${user} has no account on ${serverName}: create the account, or fix the name in the declarations.`;
    case "user_deactivated":
      return `${user} is deactivated; Synapse would still join it, roster will not: remove it from the declarations.`;
    case "user_banned":
      return `${user} is banned from this room: unban them in a Matrix client (needs ban and kick power), or remove the declaration.`;
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
    case "mass_removal": {
      const ratio = Math.round((facts.maxRemovalRatio ?? 0.25) * 100);
      return (
        `pruning would remove ${facts.removals ?? 0} of ${facts.members ?? 0} current members, more than ${ratio}%: ` +
        `check the declarations, then rerun with --allow-mass-removal (or a higher --max-removal-ratio).`
      );
    }
  }
}
