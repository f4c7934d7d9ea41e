// @ts-nocheck
import { lookupAlias } from "../rules/resolve.js";
import { domainOf, isValidAlias } from "../state/ids.js";
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
      const room = state.rooms.get(roomId);
      const servers = new Set<string>([state.serverName]);
      for (const member of room?.joined ?? []) servers.add(domainOf(member));
      return ok({ room_id: roomId, servers: [...servers] });
    },
  },
];
