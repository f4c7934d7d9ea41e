import { aliasServers, lookupAlias } from "../rules/resolve.js";
import { isValidAlias } from "../state/ids.js";
import { isRefusal, refuse } from "../state/refusal.js";
import { ok, type Route } from "../http/types.js";

export const directoryRoutes: Route[] = [
  {
    method: "GET",
    path: "/_matrix/client/v3/directory/room/{roomAlias}",
    auth: "none",
    handle: ({ params }, { state }) => {
      const alias = params[0] ?? "";
      if (!isValidAlias(alias)) return refuse(400, "M_INVALID_PARAM", "Room alias invalid");
      const roomId = lookupAlias(state, alias);
      if (isRefusal(roomId)) return roomId;
      return ok({ room_id: roomId, servers: aliasServers(state, roomId) });
    },
  },
];
