import type { SandboxState, SentMessage } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import { currentMembership } from "./resolve.js";

export interface SendRequest {
  requester: string;
  roomId: string;
  type: string;
  content: Record<string, unknown>;
  /** Token + transaction ID: what makes a retried send idempotent (Synapse's HttpTransactionCache). */
  txnKey: string;
}

/**
 * RoomSendEventRestServlet → create_and_send_nonmember_event: a repeated transaction answers its first
 * event; the sender's rc_message bucket is checked (not spent) first, then the sender must be joined,
 * then sending spends a token — the bucket kicks share.
 */
export function sendMessage(state: SandboxState, request: SendRequest): Outcome<SentMessage> {
  const repeated = state.messages.find((m) => m.txnKey === request.txnKey);
  if (repeated) return repeated;
  const override = state.users.get(request.requester)?.rateOverride;
  const full = state.limiter.take("message", request.requester, override, false);
  if (full) return full;
  const room = state.rooms.get(request.roomId);
  if (!room || currentMembership(state, room, request.requester) !== "join") {
    return refuse(403, "M_FORBIDDEN", `User ${request.requester} not in room ${request.roomId}`);
  }
  const limited = state.limiter.take("message", request.requester, override);
  if (limited) return limited;
  const message: SentMessage = { roomId: request.roomId, sender: request.requester, type: request.type, content: request.content, eventId: state.newEventId(), txnKey: request.txnKey };
  state.messages.push(message);
  return message;
}
