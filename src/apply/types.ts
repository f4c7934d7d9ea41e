import type { RoomRef, UserId } from "../declarations/model.js";
import type { Action, EnsureAdminStep } from "../plan/types.js";

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
  /** done: the server's answer was a refusal, but its state shows the action's goal already reached. */
  already?: true;
  /** The server's errcode of the last answer, for failed and deferred actions. */
  errcode?: string;
  /** Requests sent for the action (retries included); absent when it was not attempted. */
  attempts?: number;
  /** Time the action took, its retries and rate-limit waits included. */
  durationMs?: number;
  /** power only: the level set (or, for a prune_power reset, fallen back to). */
  level?: number;
}

/** What became of a room's --ensure-admin steps (make_room_admin, the admin's join). */
export interface EnsureAdminResult {
  status: ActionStatus;
  detail?: string;
  /** done only: the steps that ran (a join alone, or make_room_admin and a join). */
  steps?: EnsureAdminStep[];
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
  /** Power levels set (or found already so). */
  powerChanged: number;
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
  /** Time spent waiting out 429 answers (the edge that saw the waits fills it in). */
  waitedMs?: number;
}
