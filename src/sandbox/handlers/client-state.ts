import { readStateEvent } from "../rules/read-state.js";
import { sendStateEvent } from "../rules/send-state.js";
import { isRefusal, refuse } from "../state/refusal.js";
import { parseChoiceParam, parseJsonObject } from "../http/params.js";
import { ok, type Route, type SandboxRequest, type RouteContext } from "../http/types.js";
import { formatClientEvent } from "./format.js";

/** Create and member events go through other code paths in Synapse, which the sandbox does not serve here. */
const unservedTypes = new Set(["m.room.create", "m.room.member"]);

/** RoomStateEventRestServlet.on_PUT: auth, the body as a JSON object, then the send (reference §14.2). */
function putState({ params, body }: SandboxRequest, { state, requester }: RouteContext) {
  const [roomId = "", type = "", stateKey = ""] = params;
  if (unservedTypes.has(type)) return refuse(404, "M_UNRECOGNIZED", "Unrecognized request");
  const content = parseJsonObject(body, false);
  if (isRefusal(content)) return content;
  const sent = sendStateEvent(state, { sender: requester, roomId, type, stateKey, content, text: body });
  return isRefusal(sent) ? sent : ok({ event_id: sent.eventId });
}

/** RoomStateEventRestServlet.on_GET: the content, or with ?format=event the whole event (reference §8.5). */
function getState({ params, query }: SandboxRequest, { state, requester }: RouteContext) {
  const [roomId = "", type = "", stateKey = ""] = params;
  const format = parseChoiceParam(query, "format", ["content", "event"] as const, "content");
  if (isRefusal(format)) return format;
  const found = readStateEvent(state, roomId, requester, type, stateKey);
  if (isRefusal(found)) return found;
  return ok(format === "event" ? formatClientEvent(found.room, found.event, state.now()) : found.event.content);
}

const withKey = "/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}";
const withoutKey = "/_matrix/client/v3/rooms/{roomId}/state/{eventType}";

/** A trailing slash is the empty state key, as a path without one. State sends queue like membership changes. */
export const clientStateRoutes: Route[] = [
  { method: "PUT", path: withKey, auth: "user", roomChange: true, handle: putState },
  { method: "PUT", path: withoutKey, auth: "user", roomChange: true, handle: putState },
  { method: "GET", path: withKey, auth: "user", handle: getState },
  { method: "GET", path: withoutKey, auth: "user", handle: getState },
];
