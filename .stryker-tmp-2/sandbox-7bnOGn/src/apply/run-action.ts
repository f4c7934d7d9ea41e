// @ts-nocheck
import type { UserId } from "../declarations/model.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../homeserver/errors.js";
import type { Membership } from "../plan/observation.js";
import type { Action, Change, EnsureAdmin } from "../plan/types.js";
import type { ActionResult } from "./types.js";

/** The server calls apply needs: one per action, plus a membership re-read for ambiguous outcomes. */
export interface MembershipActions {
  perform(roomId: string, change: Change): Promise<void>;
  /** --ensure-admin: make_room_admin and/or the admin's own join; needed only for plans that have such steps. */
  ensureAdmin?(roomId: string, ensure: EnsureAdmin): Promise<void>;
  membershipOf(roomId: string, user: UserId): Promise<Membership | undefined>;
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
  return membership !== "join" && membership !== "invite";
}

/**
 * Runs one action and says what became of it. A refusal that may mean "already done" (Synapse answers
 * 403 for a join of a joined user in an invite-only room, or a kick of someone who already left), and
 * an answer lost on the way back, are settled by re-reading the user's membership.
 */
export async function runAction(roomId: string, change: Change, actions: MembershipActions, stop: StopSignal): Promise<ActionResult> {
  const base = { action: change.action, user: change.user };
  if (stop.reason !== undefined) return { ...base, status: "not_attempted", detail: `apply stopped early: ${stop.reason}` };
  try {
    await actions.perform(roomId, change);
    return { ...base, status: "done" };
  } catch (error) {
    if (error instanceof RateLimitedError) return { ...base, status: "deferred", detail: error.message };
    if (error instanceof ServerUnreachableError) {
      stop.stop(error.reason);
      return { ...base, status: "failed", detail: `${error.message}; whether it took effect is unknown, the next plan will show` };
    }
    if (!(error instanceof HomeserverError)) throw error;
    if (error.mayHaveReachedServer || error.status === 403) {
      const settled = await settleByMembership(roomId, change, actions);
      if (settled) return { ...base, status: "done", detail: "already so on the server" };
    }
    return { ...base, status: "failed", detail: describeRefusal(error) };
  }
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
