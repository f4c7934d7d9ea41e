import { inviteUser } from "../rules/invite.js";
import { joinUser } from "../rules/join.js";
import { kickUser } from "../rules/kick.js";
import { sendMessage } from "../rules/send-message.js";
import { aliasServers, parseUserIdValue, resolveRoomId } from "../rules/resolve.js";
import { isValidRoomId } from "../state/ids.js";
import type { SandboxState } from "../state/model.js";
import { isRefusal, type Outcome } from "../state/refusal.js";
import { parseJsonObject, requireParams } from "../http/params.js";
import { ok, type Route, type SandboxRequest } from "../http/types.js";

interface TargetBody {
  target: string;
  reason?: string;
}

/** RoomMembershipRestServlet: body may be empty, user_id required for invite/kick, reason copied. */
function parseTargetBody(request: SandboxRequest): Outcome<TargetBody> {
  const content = parseJsonObject(request.body, true);
  if (isRefusal(content)) return content;
  const missing = requireParams(content, ["user_id"]);
  if (missing) return missing;
  const target = parseUserIdValue(content["user_id"]);
  if (isRefusal(target)) return target;
  const reason = content["reason"];
  return typeof reason === "string" ? { target, reason } : { target };
}

export const clientMembershipRoutes: Route[] = [
  {
    method: "PUT",
    path: "/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}",
    auth: "user",
    handle: (request, { state, requester }) => {
      const content = parseJsonObject(request.body, false);
      if (isRefusal(content)) return content;
      const [roomId = "", type = "", txnId = ""] = request.params;
      const sent = sendMessage(state, { requester, roomId, type, content, txnKey: `${requester}\u0000${txnId}` });
      return isRefusal(sent) ? sent : ok({ event_id: sent.eventId });
    },
  },
  {
    method: "POST",
    path: "/_matrix/client/v3/rooms/{roomId}/invite",
    auth: "user",
    roomChange: true,
    handle: (request, { state, requester }) => {
      const body = parseTargetBody(request);
      if (isRefusal(body)) return body;
      const roomId = request.params[0] ?? "";
      const result = inviteUser(state, { requester, roomId, ...body, ratelimit: true, shadowBan: "fake-success" });
      return isRefusal(result) ? result : ok({});
    },
  },
  {
    method: "POST",
    path: "/_matrix/client/v3/rooms/{roomId}/kick",
    auth: "user",
    roomChange: true,
    handle: (request, { state, requester }) => {
      const body = parseTargetBody(request);
      if (isRefusal(body)) return body;
      const result = kickUser(state, { requester, roomId: request.params[0] ?? "", ...body });
      return isRefusal(result) ? result : ok({});
    },
  },
  {
    method: "POST",
    path: "/_matrix/client/v3/rooms/{roomId}/join",
    auth: "user",
    roomChange: true,
    handle: (request, { state, requester }) => clientJoin(request, state, requester, () => ({ roomId: request.params[0] ?? "", hosts: [] })),
  },
  {
    method: "POST",
    path: "/_matrix/client/v3/join/{roomIdOrAlias}",
    auth: "user",
    roomChange: true,
    handle: (request, { state, requester }) =>
      clientJoin(request, state, requester, () => {
        const roomIdOrAlias = request.params[0] ?? "";
        const roomId = resolveRoomId(state, roomIdOrAlias);
        if (isRefusal(roomId)) return roomId;
        // An alias's servers replace the query's (ResolveRoomIdMixin); via is preferred over server_name.
        const via = request.query.getAll("via");
        const hosts = isValidRoomId(roomIdOrAlias) ? (via.length > 0 ? via : request.query.getAll("server_name")) : aliasServers(state, roomId);
        return { roomId, hosts };
      }),
  },
];

/** The body is parsed before the room is resolved (JoinRoomAliasServlet._do). */
function clientJoin(request: SandboxRequest, state: SandboxState, requester: string, resolve: () => Outcome<{ roomId: string; hosts: string[] }>) {
  const content = parseJsonObject(request.body, true);
  if (isRefusal(content)) return content;
  const target = resolve();
  if (isRefusal(target)) return target;
  const result = joinUser(state, { target: requester, roomId: target.roomId, ratelimit: true, remoteHosts: target.hosts });
  return isRefusal(result) ? result : ok({ room_id: target.roomId });
}
