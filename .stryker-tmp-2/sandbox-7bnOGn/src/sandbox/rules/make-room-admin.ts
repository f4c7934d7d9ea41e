// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { mayChangePowerLevels, powerLevelsContent, userLevel } from "../state/power.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
import type { Room } from "../state/types.js";
import { inviteUser } from "./invite.js";
import { parseId } from "../state/ids.js";
import { resolveRoomId } from "./resolve.js";

/** POST /_synapse/admin/v1/rooms/<room>/make_room_admin after auth and body parsing (reference §5). */
export function makeRoomAdmin(state: SandboxState, roomIdOrAlias: string, grantee: string): Outcome<Record<string, never>> {
  const roomId = resolveRoomId(state, roomIdOrAlias);
  if (isRefusal(roomId)) return roomId;
  const room = state.rooms.get(roomId);
  if (!room || !state.serverInRoom(room)) return refuse(400, "M_UNKNOWN", "Server not in room");
  const puppet = pickPuppet(state, room);
  if (isRefusal(puppet)) return puppet;
  if (parseId(grantee, "@") === undefined) return refuse(400, "M_UNKNOWN", `Not a valid user_id: ${grantee}`);
  const current = powerLevelsContent(state, room);
  const users = { ...((current?.["users"] ?? {}) as Record<string, unknown>) };
  users[grantee] = users[puppet] ?? 100;
  const next = current ? { ...current, users } : { users: { [grantee]: 100 } };
  const unchanged = current !== undefined && JSON.stringify(next) === JSON.stringify(current);
  if (!unchanged) {
    if (state.membershipOf(room, puppet) !== "join" || !mayChangePowerLevels(state, room, puppet, next)) {
      return refuse(400, "M_UNKNOWN", "No local admin user in room with power to update power levels.");
    }
    const limited = state.limiter.take("message", puppet, state.users.get(puppet)?.rateOverride);
    if (limited) return limited;
    state.setState(room, "m.room.power_levels", "", next, puppet);
  }
  const membership = state.membershipOf(room, grantee);
  if (membership === "join" || membership === "invite") return {};
  if (state.joinRuleOf(room) === "public") return {};
  const invited = inviteUser(state, { requester: puppet, target: grantee, roomId, ratelimit: true, shadowBan: "fake-success" });
  return isRefusal(invited) ? invited : {};
}

/** The most powerful local user listed in power levels whose membership is join; no fallback. */
function pickPuppet(state: SandboxState, room: Room): Outcome<string> {
  const content = powerLevelsContent(state, room);
  if (!content) {
    return state.isLocal(room.creator) ? room.creator : refuse(400, "M_UNKNOWN", "No local admin user in room");
  }
  const listed = Object.keys((content["users"] ?? {}) as Record<string, unknown>).filter((id) => state.isLocal(id));
  listed.sort((a, b) => userLevel(state, room, b) - userLevel(state, room, a));
  const puppet = listed.find((id) => state.membershipOf(room, id) === "join");
  return puppet ?? refuse(400, "M_UNKNOWN", "No local admin user in room");
}
