// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import type { JoinRule, Room } from "../state/types.js";
import { currentMembership } from "./resolve.js";

export interface JoinRequest {
  target: string;
  roomId: string;
  /** Client joins are rate limited (rc_joins, rc_message); the admin join API's are not. */
  ratelimit: boolean;
}

export type JoinResult = "joined" | "unchanged";

/** The room version that introduced each join rule; older rooms refuse the rule at auth. */
const ruleSince: Partial<Record<JoinRule, number>> = { knock: 7, restricted: 8, knock_restricted: 10 };

/** update_membership for action "join" (requester = target), reference §4.2 join step and §8.6. */
export function joinUser(state: SandboxState, request: JoinRequest): Outcome<JoinResult> {
  const { target, roomId } = request;
  const user = state.users.get(target);
  if (user?.suspended) return refuse(403, "M_USER_SUSPENDED", "Joining rooms while account is suspended is not allowed.");
  const room = state.rooms.get(roomId);
  if (room?.blocked) return refuse(403, "M_UNKNOWN", "This room has been blocked on this server");
  const membership = currentMembership(state, room, target);
  if (membership === "ban") return refuse(403, "M_BAD_STATE", "Cannot join user who was banned");
  if (!room || !state.serverInRoom(room)) {
    return refuse(404, "M_UNKNOWN", "Can't join remote room because no servers that are in the room have been provided.");
  }
  const refused = checkJoinAuth(state, room, membership);
  if (refused) return refused;
  if (membership === "join") return "unchanged";
  if (request.ratelimit) {
    const override = user?.rateOverride;
    const limited =
      state.limiter.take("joinsLocal", target, override) ??
      state.limiter.take("joinsPerRoom", roomId, override, false) ??
      state.limiter.take("message", target, override);
    if (limited) return limited;
  }
  state.setMembership(room, target, "join", target);
  state.limiter.record("joinsPerRoom", roomId);
  return "joined";
}

function checkJoinAuth(state: SandboxState, room: Room, membership: string | undefined) {
  const rule: JoinRule = state.joinRuleOf(room) ?? "invite";
  const since = ruleSince[rule];
  if (since !== undefined && !(Number(room.version) >= since)) {
    return refuse(403, "M_FORBIDDEN", "You are not allowed to join this room");
  }
  const inOrInvited = membership === "join" || membership === "invite";
  switch (rule) {
    case "public":
      return undefined;
    case "invite":
    case "knock":
      return inOrInvited ? undefined : refuse(403, "M_FORBIDDEN", "You are not invited to this room.");
    case "restricted":
    case "knock_restricted":
      return inOrInvited ? undefined : refuse(403, "M_FORBIDDEN", "You do not belong to any of the required rooms/spaces to join this room.");
    default:
      return refuse(403, "M_FORBIDDEN", "You are not allowed to join this room");
  }
}
