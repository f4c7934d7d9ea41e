// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import type { AuthLevel, SandboxRequest } from "./types.js";

/** get_access_token_from_request: header or query, never both, header exactly "Bearer <token>". */
function extractToken(request: SandboxRequest): Outcome<string> {
  const headers = request.headers["authorization"] ?? [];
  const queryTokens = request.query.getAll("access_token");
  if (headers.length > 0) {
    if (queryTokens.length > 0) return refuse(401, "M_MISSING_TOKEN", "Mixing Authorization headers and access_token query parameters.");
    if (headers.length > 1) return refuse(401, "M_MISSING_TOKEN", "Too many Authorization headers.");
    const parts = (headers[0] ?? "").split(" ");
    if (parts[0] === "Bearer" && parts.length === 2 && parts[1] !== undefined) return parts[1];
    return refuse(401, "M_MISSING_TOKEN", "Invalid Authorization header.");
  }
  const token = queryTokens[0];
  if (token === undefined) return refuse(401, "M_MISSING_TOKEN", "Missing access token");
  return token;
}

/** Reference §2 in order: token, known token (deactivation kills tokens), locked, admin. */
export function authenticate(state: SandboxState, request: SandboxRequest, level: AuthLevel): Outcome<string> {
  if (level === "none") return "";
  const token = extractToken(request);
  if (typeof token !== "string") return token;
  const userId = state.userIdByToken(token);
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (!user || user.deactivated) return refuse(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", { soft_logout: false });
  if (user.locked) return refuse(401, "M_USER_LOCKED", "User account has been locked", { soft_logout: true });
  if (level === "admin" && !user.admin) return refuse(403, "M_FORBIDDEN", "You are not a server admin");
  return user.userId;
}
