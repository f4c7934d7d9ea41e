// @ts-nocheck
import { inviteUser } from "../rules/invite.js";
import { joinUser } from "../rules/join.js";
import { kickUser } from "../rules/kick.js";
import { parseUserId, resolveRoomId } from "../rules/resolve.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
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
  const raw = content["user_id"];
  if (typeof raw !== "string") return refuse(500, "M_UNKNOWN", "Internal server error");
  const target = parseUserId(raw);
  if (isRefusal(target)) return target;
  const reason = content["reason"];
  return typeof reason === "string" ? { target, reason } : { target };
}

export const clientMembershipRoutes: Route[] = [
  {
    method: "POST",
    path: "/_matrix/client/v3/rooms/{roomId}/invite",
    auth: "user",
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
    handle: (request, { state, requester }) => clientJoin(request, state, requester, request.params[0] ?? ""),
  },
  {
    method: "POST",
    path: "/_matrix/client/v3/join/{roomIdOrAlias}",
    auth: "user",
    handle: (request, { state, requester }) => {
      const roomId = resolveRoomId(state, request.params[0] ?? "");
      return isRefusal(roomId) ? roomId : clientJoin(request, state, requester, roomId);
    },
  },
];

function clientJoin(request: SandboxRequest, state: Parameters<typeof joinUser>[0], requester: string, roomId: string) {
  const content = parseJsonObject(request.body, true);
  if (isRefusal(content)) return content;
  const result = joinUser(state, { target: requester, roomId, ratelimit: true });
  return isRefusal(result) ? result : ok({ room_id: roomId });
}
