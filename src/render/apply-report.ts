import { isLocalUser } from "../declarations/identifiers.js";
import type { ActionResult, ApplyResult, ApplySummary, RoomResult } from "../apply/types.js";
import { isPowerBlock, type Action, type Blocked, type BlockCode, type Plan, type RoomPlan } from "../plan/types.js";
import { plural } from "./summary.js";

/** `roster apply --format json` / `--report FILE`: schemas/apply.schema.json. */
export interface ApplyReport {
  formatVersion: 2;
  serverName: string;
  admin: string;
  exit: { code: 0 | 1; reason: string };
  summary: ApplySummary & { alreadyDone: number; waitedMs: number };
  stoppedEarly?: string;
  actions: ReportedAction[];
}

export type ReportedOutcome = "done" | "already_done" | "failed" | "deferred" | "not_attempted" | "blocked";

export interface ReportedAction {
  room: string;
  roomId?: string;
  user: string;
  kind: Action | "ensure_admin";
  outcome: ReportedOutcome;
  /** blocked only: the block's code. */
  code?: BlockCode;
  /** power only: the level set (or fallen back to, for a prune_power reset). */
  level?: number;
  errcode?: string;
  message?: string;
  attempts?: number;
  durationMs?: number;
}

/** Every action of the run, in plan order per room: what was done, refused, left over or blocked, and why. */
export function buildApplyReport(plan: Plan, result: ApplyResult, exitCode: 0 | 1): ApplyReport {
  const actions: ReportedAction[] = [];
  plan.rooms.forEach((roomPlan, i) => {
    const room = result.rooms[i];
    if (room !== undefined) actions.push(...roomActions(roomPlan, room, plan));
  });
  const alreadyDone = actions.filter((a) => a.outcome === "already_done").length;
  return {
    formatVersion: 2,
    serverName: plan.serverName,
    admin: plan.admin,
    exit: { code: exitCode, reason: exitReason(result, exitCode, actions.length) },
    summary: { ...result.summary, alreadyDone, waitedMs: Math.round(result.waitedMs ?? 0) },
    ...(result.stoppedEarly !== undefined ? { stoppedEarly: result.stoppedEarly } : {}),
    actions,
  };
}

function roomActions(roomPlan: RoomPlan, room: RoomResult, plan: Plan): ReportedAction[] {
  const where = { room: room.room, ...(room.roomId !== undefined ? { roomId: room.roomId } : {}) };
  const actions: ReportedAction[] = [];
  if (room.ensureAdmin !== undefined) {
    const { status, detail } = room.ensureAdmin;
    actions.push({ ...where, user: plan.admin, kind: "ensure_admin", outcome: status, ...(detail !== undefined ? { message: detail } : {}) });
  }
  for (const result of room.results) actions.push({ ...where, ...reportedResult(result) });
  const current = new Set(roomPlan.currentMembers ?? []);
  for (const block of roomPlan.blocked) {
    for (const user of blockedUsers(block)) {
      const kind = isPowerBlock(block.code) ? "power" : current.has(user) ? "kick" : isLocalUser(user, plan.serverName) ? "join" : "invite";
      actions.push({ ...where, user, kind, outcome: "blocked", code: block.code, message: block.hint });
    }
  }
  return actions;
}

function reportedResult(result: ActionResult): Omit<ReportedAction, "room" | "roomId"> {
  return {
    user: result.user,
    kind: result.action,
    outcome: result.already ? "already_done" : result.status,
    ...(result.level !== undefined ? { level: result.level } : {}),
    ...(result.errcode !== undefined ? { errcode: result.errcode } : {}),
    ...(result.detail !== undefined ? { message: result.detail } : {}),
    ...(result.attempts !== undefined ? { attempts: result.attempts } : {}),
    ...(result.durationMs !== undefined ? { durationMs: result.durationMs } : {}),
  };
}

function blockedUsers(block: Blocked): string[] {
  return block.user !== undefined ? [block.user] : (block.users ?? []);
}

function exitReason(result: ApplyResult, exitCode: 0 | 1, actions: number): string {
  if (exitCode === 0) return actions === 0 ? "nothing to do: the server already matches the declarations" : "everything planned was done";
  const s = result.summary;
  const parts = [
    ...(s.failed > 0 ? [`${s.failed} failed`] : []),
    ...(s.deferred > 0 ? [`${s.deferred} deferred (rate limited past --max-wait)`] : []),
    ...(s.notAttempted > 0 ? [`${s.notAttempted} not attempted`] : []),
    ...(s.blocked > 0 ? [`${s.blocked} blocked`] : []),
    ...(s.skippedRooms > 0 ? [`${plural(s.skippedRooms, "room")} skipped`] : []),
  ];
  const stopped = result.stoppedEarly !== undefined ? `apply stopped early (${result.stoppedEarly}); ` : "";
  return `${stopped}${parts.join(", ") || "not everything was done"}`;
}
