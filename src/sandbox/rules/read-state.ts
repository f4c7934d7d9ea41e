import type { SandboxState } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import type { Room, StateEvent } from "../state/types.js";

/**
 * GET /rooms/<room>/state/<type>/<key> (MessageHandler.get_room_data, reference §8.5): a joined user
 * reads current state, one who left the state as of their leave; everyone else is refused unless the
 * room is world-readable. Server admins get no bypass.
 */
export function readStateEvent(state: SandboxState, roomId: string, requester: string, type: string, stateKey: string): Outcome<{ room: Room; event: StateEvent }> {
  const room = state.rooms.get(roomId);
  const member = room?.members.get(requester);
  const membership = member?.content["membership"];
  let event: StateEvent | undefined;
  if (room && membership === "join") event = state.currentStateEvent(room, type, stateKey);
  else if (room && member && membership === "leave") event = stateAsOf(state.currentStateEvent(room, type, stateKey), member.order);
  else if (room && isWorldReadable(state, room)) event = state.currentStateEvent(room, type, stateKey);
  else return refuse(403, "M_FORBIDDEN", `User ${requester} not in room ${roomId}, and room previews are disabled`);
  return event ? { room, event } : refuse(404, "M_NOT_FOUND", "Event not found.");
}

/** The event that held this state key once the event numbered `order` had been sent. */
function stateAsOf(current: StateEvent | undefined, order: number): StateEvent | undefined {
  let event = current;
  while (event && event.order > order) event = event.previous;
  return event;
}

function isWorldReadable(state: SandboxState, room: Room): boolean {
  return state.serverInRoom(room) && state.getState(room, "m.room.history_visibility")?.content["history_visibility"] === "world_readable";
}
