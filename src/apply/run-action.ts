import type { UserId } from "../declarations/model.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../homeserver/errors.js";
import type { Membership } from "../plan/observation.js";
import type { Action, Change, EnsureAdmin } from "../plan/types.js";
import type { RequestStats } from "../homeserver/http.js";
import type { PowerActions } from "./run-power.js";
import type { ActionResult } from "./types.js";

/** The server calls apply needs: one per action, plus a membership re-read for ambiguous outcomes. */
export interface MembershipActions {
  /** `stats`, when given, counts the requests' attempts and rate-limit waits (for apply's report). */
  perform(roomId: string, change: Change, stats?: RequestStats): Promise<void>;
  /** --ensure-admin: make_room_admin and/or the admin's own join; needed only for plans that have such steps. */
  ensureAdmin?(roomId: string, ensure: EnsureAdmin): Promise<void>;
  membershipOf(roomId: string, user: UserId): Promise<Membership | undefined>;
  /** Power-level reads and writes; needed only for plans with power changes. */
  power?: PowerActions;
}

/** Shared by every room of a run: once the server is unreachable, nothing else is attempted. */
export class StopSignal {
  reason: string | undefined;
  stop(reason: string): void {
    this.reason ??= reason;
  }
}

/** Whether the room is already as the action wants it. */
function goalReached(action: Action, membership: Membership | undefined): boolean {
  if (action === "join") return membership === "join";
  if (action === "invite") return membership === "invite" || membership === "join";
  if (action === "kick") return membership !== "join" && membership !== "invite";
  return false;
}

/**
 * Runs one action and says what became of it. A refusal that may mean "already done" (Synapse answers
 * 403 for a join of a joined user in an invite-only room, or a kick of someone who already left), and
 * an answer lost on the way back, are settled by re-reading the user's membership.
 */
export async function runAction(roomId: string, change: Change, actions: MembershipActions, stop: StopSignal): Promise<ActionResult> {
  if (stop.reason !== undefined) return { action: change.action, user: change.user, status: "not_attempted", detail: `apply stopped early: ${stop.reason}` };
  const stats: RequestStats = { attempts: 0, rateLimitWaitMs: 0 };
  const started = performance.now();
  const result = await attempt(roomId, change, actions, stop, stats);
  return { ...result, ...(stats.attempts > 0 ? { attempts: stats.attempts } : {}), durationMs: Math.round(performance.now() - started) };
}

async function attempt(roomId: string, change: Change, actions: MembershipActions, stop: StopSignal, stats: RequestStats): Promise<ActionResult> {
  const base = { action: change.action, user: change.user };
  try {
    await actions.perform(roomId, change, stats);
    return { ...base, status: "done" };
  } catch (error) {
    const settle = (failure: HomeserverError) => (failure.mayHaveReachedServer || failure.status === 403) && settleByMembership(roomId, change, actions);
    return { ...base, ...(await outcomeOfFailure(error, stop, settle)) };
  }
}

export type FailureOutcome = Omit<ActionResult, "action" | "user">;

/**
 * What a request that threw became: deferred past the waiting budget; failed and apply stopped when the
 * server is unreachable; done when `settle` reads the goal back from the server (a refusal that means
 * "already so", an answer lost on the way back); else failed with the server's errcode. Errors that are
 * not the server's answer are rethrown.
 */
export async function outcomeOfFailure(error: unknown, stop: StopSignal, settle: (failure: HomeserverError) => Promise<boolean> | false): Promise<FailureOutcome> {
  const errcode = error instanceof HomeserverError && error.errcode !== undefined ? { errcode: error.errcode } : {};
  if (error instanceof RateLimitedError) return { ...errcode, status: "deferred", detail: error.message };
  if (error instanceof ServerUnreachableError) {
    stop.stop(error.where);
    return { status: "failed", detail: `${error.message}; whether it took effect is unknown, the next plan will show` };
  }
  if (!(error instanceof HomeserverError)) throw error;
  if (await settle(error)) return { status: "done", already: true, detail: "already so on the server" };
  return { ...errcode, status: "failed", detail: describeRefusal(error) };
}

async function settleByMembership(roomId: string, change: Change, actions: MembershipActions): Promise<boolean> {
  try {
    return goalReached(change.action, await actions.membershipOf(roomId, change.user));
  } catch {
    return false;
  }
}

export function describeRefusal(error: HomeserverError): string {
  const status = error.status !== undefined ? `${error.status} ` : "";
  const code = error.errcode ?? "no errcode";
  return `${status}${code}${error.serverMessage ? `: ${error.serverMessage}` : ""}`;
}
