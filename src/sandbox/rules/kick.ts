import type { SandboxState } from "../state/model.js";
import { namedLevel, userLevel } from "../state/power.js";
import { refuse, type Outcome } from "../state/refusal.js";
import { currentMembership } from "./resolve.js";

export interface KickRequest {
  requester: string;
  target: string;
  roomId: string;
  reason?: string;
}

/** update_membership for action "kick" plus event auth, in the order of reference §8.3. */
export function kickUser(state: SandboxState, request: KickRequest): Outcome<"kicked"> {
  const { requester, target, roomId } = request;
  const room = state.rooms.get(roomId);
  const serverInRoom = room !== undefined && state.serverInRoom(room);
  if (!serverInRoom && !state.isLocal(target)) return refuse(400, "M_BAD_JSON", `Provided user_id ${target} is a non-local user`);
  if (!room || (!serverInRoom && room.members.get(target) === undefined)) return refuse(404, "M_UNKNOWN", "Not a known room");
  const membership = state.membershipOf(room, target);
  if (membership === undefined || membership === "leave") return refuse(403, "M_FORBIDDEN", "The target user is not in the room");
  if (membership === "ban") return refuse(403, "M_BAD_STATE", "Cannot kick user who was banned");
  const requesterMembership = currentMembership(state, room, requester);
  const selfLeave = requester === target && (membership === "join" || membership === "invite" || membership === "knock");
  if (!selfLeave) {
    if (requesterMembership !== "join") return refuse(403, "M_FORBIDDEN", `${requester} not in room ${roomId}.`);
    const own = userLevel(state, room, requester);
    if (own < namedLevel(state, room, "kick") || own <= userLevel(state, room, target)) {
      return refuse(403, "M_FORBIDDEN", `You cannot kick user ${target}.`);
    }
  }
  const limited = state.limiter.take("message", requester, state.users.get(requester)?.rateOverride);
  if (limited) return limited;
  state.setMembership(room, target, "leave", requester, request.reason !== undefined ? { reason: request.reason } : {});
  return "kicked";
}
