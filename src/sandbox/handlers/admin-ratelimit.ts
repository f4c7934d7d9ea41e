import type { SandboxState } from "../state/model.js";
import { isRefusal, refuse, type Outcome } from "../state/refusal.js";
import type { User } from "../state/types.js";
import { parseJsonObject } from "../http/params.js";
import { pythonRepr } from "../http/python-repr.js";
import { ok, type Route } from "../http/types.js";

/**
 * RateLimitRestServlet: is_mine_id, then existence; the ID is never parsed, so a malformed one is just
 * "not local" (Synapse 1.67's is_mine_id crashed on an ID without ':' with a 500; current answers 400).
 */
function findRateLimitedUser(state: SandboxState, userId: string): Outcome<User> {
  if (!userId.includes(":") || !state.isLocal(userId)) return refuse(400, "M_UNKNOWN", "Only local users can be ratelimited");
  return state.users.get(userId) ?? refuse(404, "M_NOT_FOUND", "User not found");
}

/** GET/POST/DELETE /_synapse/admin/v1/users/<id>/override_ratelimit (reference §7.4). */
export const rateLimitRoutes: Route[] = [
  {
    method: "GET",
    path: "/_synapse/admin/v1/users/{userId}/override_ratelimit",
    auth: "admin",
    handle: ({ params }, { state }) => {
      const user = findRateLimitedUser(state, params[0] ?? "");
      if (isRefusal(user)) return user;
      const override = user.rateOverride;
      return ok(override ? { messages_per_second: override.messagesPerSecond, burst_count: override.burstCount } : {});
    },
  },
  {
    method: "POST",
    path: "/_synapse/admin/v1/users/{userId}/override_ratelimit",
    auth: "admin",
    handle: ({ params, body }, { state }) => {
      const user = findRateLimitedUser(state, params[0] ?? "");
      if (isRefusal(user)) return user;
      const content = parseJsonObject(body, true);
      if (isRefusal(content)) return content;
      const values: number[] = [];
      for (const name of ["messages_per_second", "burst_count"]) {
        const value = content[name] ?? 0;
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
          return refuse(400, "M_INVALID_PARAM", `${pythonRepr(value)} parameter must be a positive int`);
        }
        values.push(value);
      }
      const [messagesPerSecond = 0, burstCount = 0] = values;
      user.rateOverride = { messagesPerSecond, burstCount };
      return ok({ messages_per_second: messagesPerSecond, burst_count: burstCount });
    },
  },
  {
    method: "DELETE",
    path: "/_synapse/admin/v1/users/{userId}/override_ratelimit",
    auth: "admin",
    handle: ({ params }, { state }) => {
      const user = findRateLimitedUser(state, params[0] ?? "");
      if (isRefusal(user)) return user;
      delete user.rateOverride;
      return ok({});
    },
  },
];
