import type { Route } from "../http/types.js";
import { adminJoinRoutes } from "./admin-join.js";
import { adminRoomRoutes } from "./admin-rooms.js";
import { adminUserRoutes } from "./admin-users.js";
import { authRoutes } from "./auth.js";
import { clientMembershipRoutes } from "./client-membership.js";
import { clientStateRoutes } from "./client-state.js";
import { directoryRoutes } from "./directory.js";

export const allRoutes: Route[] = [
  ...authRoutes,
  ...directoryRoutes,
  ...adminRoomRoutes,
  ...adminUserRoutes,
  ...adminJoinRoutes,
  ...clientMembershipRoutes,
  ...clientStateRoutes,
];
