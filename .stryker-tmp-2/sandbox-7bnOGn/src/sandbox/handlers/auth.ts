// @ts-nocheck
import { parseUserId } from "../rules/resolve.js";
import { isRefusal, refuse } from "../state/refusal.js";
import { ok, type Route } from "../http/types.js";

/** The version string the sandbox reports; it behaves like this Synapse release (reference header). */
export const emulatedServerVersion = "1.157.1 (roster sandbox)";

export const authRoutes: Route[] = [
  {
    method: "GET",
    path: "/_matrix/client/v3/account/whoami",
    auth: "user",
    handle: (_request, { requester }) => ok({ user_id: requester, is_guest: false, device_id: "SANDBOX" }),
  },
  {
    method: "GET",
    path: "/_synapse/admin/v1/server_version",
    auth: "none",
    handle: () => ok({ server_version: emulatedServerVersion }),
  },
  {
    method: "GET",
    path: "/_synapse/admin/v1/users/{userId}/admin",
    auth: "admin",
    handle: ({ params }, { state }) => {
      const userId = parseUserId(params[0] ?? "");
      if (isRefusal(userId)) return userId;
      if (!state.isLocal(userId)) return refuse(400, "M_UNKNOWN", "Only local users can be admins of this homeserver");
      return ok({ admin: state.users.get(userId)?.admin ?? false });
    },
  },
];
