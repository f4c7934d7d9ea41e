// @ts-nocheck
import type { SandboxState } from "../state/model.js";
import type { Refusal } from "../state/refusal.js";

export interface SandboxRequest {
  method: string;
  /** Still percent-encoded, without the query string. */
  rawPath: string;
  /** Path parameters, each percent-decoded after matching (like Synapse). */
  params: string[];
  query: URLSearchParams;
  /** Every value of each header, lower-case names. */
  headers: Record<string, string[] | undefined>;
  body: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type AuthLevel = "none" | "user" | "admin";

export interface RouteContext {
  state: SandboxState;
  /** The authenticated requester; "" on routes without auth. */
  requester: string;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /**
   * Template such as "/_synapse/admin/v1/join/{roomIdOrAlias}"; also the request-counter key.
   * Client templates are written with "v3" and also answer on api/v1, r0 and unstable.
   */
  path: string;
  auth: AuthLevel;
  handle(request: SandboxRequest, context: RouteContext): Reply | Refusal;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}
