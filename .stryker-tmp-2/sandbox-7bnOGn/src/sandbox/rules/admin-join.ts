// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
import { inviteUser } from "./invite.js";
import { joinUser } from "./join.js";
import { resolveRoomId } from "./resolve.js";

/**
 * POST /_synapse/admin/v1/join steps 5–11 (reference §4.1), once auth, body and user_id parsing
 * are done: local-user check, existence, resolution, invite-first for any non-public join rule
 * (no rollback if the join then fails), join. Neither step is rate limited.
 */
export function adminJoin(state: SandboxState, admin: string, userId: string, roomIdOrAlias: string): Outcome<{ room_id: string }> {
  if (!state.isLocal(userId)) return refuse(400, "M_UNKNOWN", "This endpoint can only be used with local users");
  if (!state.users.has(userId)) return refuse(404, "M_NOT_FOUND", "User not found");
  const roomId = resolveRoomId(state, roomIdOrAlias);
  if (isRefusal(roomId)) return roomId;
  const room = state.rooms.get(roomId);
  const joinRules = room ? state.joinRulesEvent(room) : undefined;
  if (joinRules && joinRules.content["join_rule"] !== "public") {
    const invited = inviteUser(state, { requester: admin, target: userId, roomId, ratelimit: false, shadowBan: "crash" });
    if (isRefusal(invited)) return invited;
  }
  const joined = joinUser(state, { target: userId, roomId, ratelimit: false });
  if (isRefusal(joined)) return joined;
  return { room_id: roomId };
}
