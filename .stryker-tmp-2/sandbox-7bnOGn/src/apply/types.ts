// @ts-nocheck
import type { RoomRef, UserId } from "../declarations/model.js";
import type { Action } from "../plan/types.js";

/**
 * done: the server did it (or it was already so); failed: the server refused (errcode and message);
 * deferred: rate limited past the run's waiting budget (--max-wait); not_attempted: apply stopped early
 * (server unreachable) or the room was refused as stale.
 */
export type ActionStatus = "done" | "failed" | "deferred" | "not_attempted";

export interface ActionResult {
  action: Action;
  user: UserId;
  status: ActionStatus;
  /** Why it failed / was deferred / was skipped, with the server's errcode when there is one. */
  detail?: string;
}

/** What became of a room's --ensure-admin steps (make_room_admin, the admin's join). */
export interface EnsureAdminResult {
  status: ActionStatus;
  detail?: string;
}

export interface RoomResult {
  room: RoomRef;
  roomId?: string;
  /** Present when the plan had ensure_admin steps for the room; they ran before `results`. */
  ensureAdmin?: EnsureAdminResult;
  results: ActionResult[];
  /** The whole room was not touched: stale saved plan, or the room could not be planned. */
  skipped?: string;
}

export interface ApplySummary {
  joined: number;
  invited: number;
  kicked: number;
  failed: number;
  deferred: number;
  notAttempted: number;
  blocked: number;
  /** Rooms refused or unplannable. */
  skippedRooms: number;
  /** Rooms the admin was brought into (--ensure-admin); its failures count under failed/deferred. */
  adminEnsured: number;
}

export interface ApplyResult {
  rooms: RoomResult[];
  summary: ApplySummary;
  /** Set when apply stopped early because the server could not be reached. */
  stoppedEarly?: string;
}
