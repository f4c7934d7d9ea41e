// @ts-nocheck
import type { SynapseClient } from "../homeserver/client.js";
import type { Membership } from "../plan/observation.js";
import type { Change } from "../plan/types.js";
import type { MembershipActions } from "./run-action.js";

export const KICK_REASON = "Not declared in roster (prune is on for this room)";

/**
 * The Synapse calls behind each action: joins through the admin join API (local users only; it invites
 * from the admin first in non-public rooms), invites and kicks through the client API as the admin.
 */
export function homeserverActions(client: Pick<SynapseClient, "adminJoin" | "invite" | "kick" | "getRoomState" | "makeRoomAdmin" | "clientJoin">): MembershipActions {
  return {
    async perform(roomId: string, change: Change) {
      if (change.action === "join") {
        if (change.inviteFirst) await client.invite(roomId, change.user);
        await client.adminJoin(roomId, change.user);
      }
      else if (change.action === "invite") await client.invite(roomId, change.user);
      else await client.kick(roomId, change.user, KICK_REASON);
    },
    async ensureAdmin(roomId, ensure) {
      if (ensure.steps.includes("make_room_admin")) await client.makeRoomAdmin(roomId);
      // In non-public rooms make_room_admin only invites the admin (reference §5 step 9): it must join itself.
      if (ensure.steps.includes("join")) await client.clientJoin(roomId);
    },
    async membershipOf(roomId: string, user: string) {
      const state = (await client.getRoomState(roomId)) ?? [];
      const event = state.find((e) => e.type === "m.room.member" && e.state_key === user);
      const membership = event?.content["membership"];
      return typeof membership === "string" ? (membership as Membership) : undefined;
    },
  };
}
