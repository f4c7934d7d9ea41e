// @ts-nocheck
import { adminJoin } from "../rules/admin-join.js";
import { makeRoomAdmin } from "../rules/make-room-admin.js";
import { parseUserId } from "../rules/resolve.js";
import { isRefusal, refuse } from "../state/refusal.js";
import { parseJsonObject, requireParams } from "../http/params.js";
import { ok, type Route } from "../http/types.js";

export const adminJoinRoutes: Route[] = [
  {
    method: "POST",
    path: "/_synapse/admin/v1/join/{roomIdOrAlias}",
    auth: "admin",
    handle: ({ params, body }, { state, requester }) => {
      const content = parseJsonObject(body, false);
      if (isRefusal(content)) return content;
      const missing = requireParams(content, ["user_id"]);
      if (missing) return missing;
      const raw = content["user_id"];
      // Synapse's parser crashes on a non-string (reference §4.1 step 4, code-read).
      if (typeof raw !== "string") return refuse(500, "M_UNKNOWN", "Internal server error");
      const userId = parseUserId(raw);
      if (isRefusal(userId)) return userId;
      const result = adminJoin(state, requester, userId, params[0] ?? "");
      return isRefusal(result) ? result : ok(result);
    },
  },
  {
    method: "POST",
    path: "/_synapse/admin/v1/rooms/{roomIdOrAlias}/make_room_admin",
    auth: "admin",
    handle: ({ params, body }, { state, requester }) => {
      const content = parseJsonObject(body, true);
      if (isRefusal(content)) return content;
      const raw = content["user_id"] ?? requester;
      const grantee = typeof raw === "string" ? raw : JSON.stringify(raw);
      const result = makeRoomAdmin(state, params[0] ?? "", grantee);
      return isRefusal(result) ? result : ok(result);
    },
  },
];
