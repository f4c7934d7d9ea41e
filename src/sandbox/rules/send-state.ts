import { isDeepStrictEqual } from "node:util";
import { checkCanonicalJson } from "../http/canonical-json.js";
import type { SandboxState } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import { isStrictVersion } from "../state/room-versions.js";
import { checkPowerLevelsSchema } from "./power-levels-schema.js";
import { currentMembership } from "./resolve.js";
import { authorizeStateEvent, type StateEventDraft } from "./state-auth.js";

export interface SendStateRequest extends StateEventDraft {
  roomId: string;
  /** The body as sent: canonical JSON is judged on the text (a float 1.0 parses as 1). */
  text: string;
  /** A requester the server made up (make_room_admin's puppet): never shadow-banned. */
  impersonated?: true;
}

/**
 * PUT /rooms/<room>/state/<type>/<key> once the body is a JSON object: reference §14.2 steps 5–14 in
 * the current order (1.67's differs, §14.7). Answers the new event's ID, or the current one's when the
 * same sender sends the same content again (no auth, no rate-limit token).
 */
export function sendStateEvent(state: SandboxState, request: SendStateRequest): Outcome<{ eventId: string }> {
  const { sender, roomId } = request;
  const user = state.users.get(sender);
  if (user?.shadowBanned && !request.impersonated) return { eventId: state.newEventId() };
  const room = state.rooms.get(roomId);
  const notInRoom = refuse(403, "M_FORBIDDEN", `User ${sender} not in room ${roomId}`);
  if (!room) return notInRoom;
  const full = state.limiter.take("message", sender, user?.rateOverride, false);
  if (full) return full;
  if (currentMembership(state, room, sender) !== "join") return notInRoom;
  if (user?.suspended) return refuse(403, "M_USER_SUSPENDED", "Sending messages while account is suspended is not allowed.");
  const invalid = (isStrictVersion(room.version) ? checkCanonicalJson(request.text) : undefined) ?? (request.type === "m.room.power_levels" ? checkPowerLevelsSchema(request.content) : undefined);
  if (invalid) return invalid;
  const current = state.getState(room, request.type, request.stateKey);
  if (current && current.sender === sender && isDeepStrictEqual(current.content, request.content)) return { eventId: current.eventId };
  const refused = authorizeStateEvent(state, room, request);
  if (refused) return refused;
  const limited = state.limiter.take("message", sender, user?.rateOverride);
  if (limited) return limited;
  return { eventId: state.setState(room, request.type, request.stateKey, request.content, sender).eventId };
}
