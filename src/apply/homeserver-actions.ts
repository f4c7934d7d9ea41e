import type { SynapseClient } from "../homeserver/client.js";
import type { Membership } from "../plan/observation.js";
import type { Change } from "../plan/types.js";
import type { RequestStats } from "../homeserver/http.js";
import type { MembershipActions } from "./run-action.js";

export const KICK_REASON = "Not declared in roster (prune is on for this room)";

/**
 * The Synapse calls behind each action: joins through the admin join API (local users only; it invites
 * from the admin first in non-public rooms), invites and kicks through the client API as the admin.
 */
export function homeserverActions(
  client: Pick<SynapseClient, "adminJoin" | "invite" | "kick" | "getRoomState" | "makeRoomAdmin" | "clientJoin" | "getPowerLevels" | "setPowerLevels">,
): MembershipActions {
  return {
    async perform(roomId: string, change: Change, stats?: RequestStats) {
      if (change.action === "join") {
        if (change.inviteFirst) await client.invite(roomId, change.user, undefined, stats);
        await client.adminJoin(roomId, change.user, stats);
      }
      else if (change.action === "invite") await client.invite(roomId, change.user, undefined, stats);
      else if (change.action === "kick") await client.kick(roomId, change.user, KICK_REASON, stats);
      else throw new Error(`${change.action} is not a membership action: a room's power changes are sent together (runPowerChanges)`);
    },
    async ensureAdmin(roomId, ensure) {
      if (ensure.steps.includes("make_room_admin")) await client.makeRoomAdmin(roomId);
      // In non-public rooms make_room_admin only invites the admin (reference §5 step 9): it must join itself.
      if (ensure.steps.includes("join")) await client.clientJoin(roomId);
    },
    power: {
      readPowerLevels: (roomId) => client.getPowerLevels(roomId),
      async writePowerLevels(roomId, content, stats) {
        await client.setPowerLevels(roomId, content, stats);
      },
    },
    async membershipOf(roomId: string, user: string) {
      const state = (await client.getRoomState(roomId)) ?? [];
      const event = state.find((e) => e.type === "m.room.member" && e.state_key === user);
      const membership = event?.content["membership"];
      return typeof membership === "string" ? (membership as Membership) : undefined;
    },
  };
}
