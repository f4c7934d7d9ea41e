import type { SandboxState } from "../state/model.js";
import { creatorsOf, powerLevelsContent, userLevel } from "../state/power.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
import { hasCreatorPower } from "../state/room-versions.js";
import type { Room } from "../state/types.js";
import { inviteUser } from "./invite.js";
import { resolveRoomId } from "./resolve.js";
import { sendStateEvent } from "./send-state.js";

/** POST /_synapse/admin/v1/rooms/<room>/make_room_admin after auth and body parsing (reference §5). */
export function makeRoomAdmin(state: SandboxState, roomIdOrAlias: string, grantee: string): Outcome<Record<string, never>> {
  const roomId = resolveRoomId(state, roomIdOrAlias);
  if (isRefusal(roomId)) return roomId;
  const room = state.rooms.get(roomId);
  if (!room || !state.serverInRoom(room)) return refuse(400, "M_UNKNOWN", "Server not in room");
  const puppet = pickPuppet(state, room);
  if (isRefusal(puppet)) return puppet;
  const current = powerLevelsContent(state, room);
  const users = { ...((current?.["users"] ?? {}) as Record<string, unknown>) };
  users[grantee] = users[puppet] ?? 100;
  const content = { ...current, users };
  const sent = sendStateEvent(state, { sender: puppet, impersonated: true, roomId, type: "m.room.power_levels", stateKey: "", content, text: JSON.stringify(content) });
  // Synapse turns only the auth refusals (403 M_FORBIDDEN) into this answer; 400s and 429s pass through.
  if (isRefusal(sent)) return sent.status === 403 && sent.errcode === "M_FORBIDDEN" ? refuse(400, "M_UNKNOWN", "No local admin user in room with power to update power levels.") : sent;
  const membership = state.membershipOf(room, grantee);
  if (membership === "join" || membership === "invite") return {};
  if (state.joinRuleOf(room) === "public") return {};
  const invited = inviteUser(state, { requester: puppet, target: grantee, roomId, ratelimit: true, shadowBan: "fake-success" });
  return isRefusal(invited) ? invited : {};
}

/**
 * The most powerful local user listed in power levels whose membership is join; no fallback. Synapse
 * sorts by level and walks the list backwards: among equal levels, the one listed last comes first.
 * In creator-power rooms the local creators come before them (the create sender first).
 */
function pickPuppet(state: SandboxState, room: Room): Outcome<string> {
  const content = powerLevelsContent(state, room);
  if (!content) {
    return state.isLocal(room.creator) ? room.creator : refuse(400, "M_UNKNOWN", "No local admin user in room");
  }
  const listed = Object.keys((content["users"] ?? {}) as Record<string, unknown>).filter((id) => state.isLocal(id));
  listed.reverse().sort((a, b) => userLevel(state, room, b) - userLevel(state, room, a));
  const creators = hasCreatorPower(room.version) ? creatorsOf(room).filter((id) => state.isLocal(id)) : [];
  const puppet = [creators[0], ...creators.slice(1).reverse(), ...listed].find((id) => id !== undefined && state.membershipOf(room, id) === "join");
  return puppet ?? refuse(400, "M_UNKNOWN", "No local admin user in room");
}
