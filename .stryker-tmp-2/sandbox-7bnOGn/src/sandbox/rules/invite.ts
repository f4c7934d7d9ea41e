// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { namedLevel, userLevel } from "../state/power.js";
import { refuse, type Outcome } from "../state/refusal.js";
import { domainOf } from "../state/ids.js";
import { currentMembership } from "./resolve.js";

export interface InviteRequest {
  requester: string;
  target: string;
  roomId: string;
  reason?: string;
  /** Client invites are rate limited; the admin join API's invite step is not (ratelimit=False). */
  ratelimit: boolean;
  /** A shadow-banned requester gets a fake 200 on the client API, an unhandled 500 in admin join. */
  shadowBan: "fake-success" | "crash";
}

export type InviteResult = "invited" | "unchanged";

/** update_membership + event auth for action "invite", in the order of reference §8.3. */
export function inviteUser(state: SandboxState, request: InviteRequest): Outcome<InviteResult> {
  const { requester, target, roomId } = request;
  const requesterUser = state.users.get(requester);
  const override = requesterUser?.rateOverride;
  if (request.ratelimit) {
    const limited =
      state.limiter.take("invitesPerRoom", roomId, override) ??
      state.limiter.take("invitesPerUser", target, override) ??
      state.limiter.take("invitesPerIssuer", requester, override);
    if (limited) return limited;
  }
  if (requesterUser?.shadowBanned) {
    return request.shadowBan === "fake-success" ? "unchanged" : refuse(500, "M_UNKNOWN", "Internal server error");
  }
  if (requesterUser?.suspended) return refuse(403, "M_USER_SUSPENDED", "Sending invites while account is suspended is not allowed.");
  const room = state.rooms.get(roomId);
  if (room?.blocked) return refuse(403, "M_UNKNOWN", "This room has been blocked on this server");
  const targetMembership = currentMembership(state, room, target);
  if (targetMembership === "ban") return refuse(403, "M_BAD_STATE", "Cannot invite user who was banned");
  const existing = room?.members.get(target);
  if (room && state.serverInRoom(room) && targetMembership === "invite" && existing?.sender === requester && existing.content["reason"] === request.reason) {
    return "unchanged";
  }
  if (!room) return refuse(403, "M_FORBIDDEN", "Unknown room");
  if (currentMembership(state, room, requester) !== "join") return refuse(403, "M_FORBIDDEN", `${requester} not in room ${roomId}.`);
  if (targetMembership === "join") return refuse(403, "M_FORBIDDEN", `${target} is already in the room.`);
  if (userLevel(state, room, requester) < namedLevel(state, room, "invite")) {
    return refuse(403, "M_FORBIDDEN", "You don't have permission to invite users");
  }
  if (request.ratelimit) {
    const limited = state.limiter.take("message", requester, override);
    if (limited) return limited;
  }
  if (!state.isLocal(target) && state.unreachableServers.has(domainOf(target))) {
    return refuse(502, "M_UNKNOWN", `Failed to send invite to ${domainOf(target)}`);
  }
  state.setMembership(room, target, "invite", requester, request.reason !== undefined ? { reason: request.reason } : {});
  return "invited";
}
