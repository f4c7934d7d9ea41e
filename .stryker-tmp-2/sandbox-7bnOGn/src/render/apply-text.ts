// @ts-nocheck
import type { ActionResult, ApplyResult, ApplySummary, RoomResult } from "../apply/types.js";
import { makeStyle } from "./style.js";

/** `Apply complete: 12 joined, 1 invited, 0 kicked, 1 failed, 2 blocked.` plus what was left undone. */
export function applySummaryLine(summary: ApplySummary): string {
  const extra = [
    ...(summary.deferred > 0 ? [`${summary.deferred} deferred`] : []),
    ...(summary.notAttempted > 0 ? [`${summary.notAttempted} not attempted`] : []),
    ...(summary.skippedRooms > 0 ? [`${summary.skippedRooms} rooms skipped`] : []),
    ...(summary.adminEnsured > 0 ? [`admin brought into ${summary.adminEnsured} room${summary.adminEnsured === 1 ? "" : "s"}`] : []),
  ];
  const base = `Apply complete: ${summary.joined} joined, ${summary.invited} invited, ${summary.kicked} kicked, ${summary.failed} failed, ${summary.blocked} blocked`;
  return `${base}${extra.length > 0 ? `, ${extra.join(", ")}` : ""}.`;
}

const verbs = { join: "joined", invite: "invited", kick: "kicked" } as const;

/** One line per completed action, printed as it completes. */
export function renderActionLine(room: RoomResult, result: ActionResult, colour: boolean): string {
  const style = makeStyle(colour);
  if (result.status === "done") return style.green(`✓ ${room.room}: ${verbs[result.action]} ${result.user}`);
  const label = result.status === "failed" ? style.red("✗ failed") : style.yellow(`… ${result.status.replace("_", " ")}`);
  return `${label} ${room.room}: ${result.action} ${result.user}${result.detail ? ` — ${result.detail}` : ""}`;
}

/** The --ensure-admin steps of one room, printed once they ran. */
export function renderEnsureAdminLine(room: RoomResult, colour: boolean): string {
  const style = makeStyle(colour);
  const ensured = room.ensureAdmin;
  if (ensured === undefined) return "";
  if (ensured.status === "done") return style.green(`✓ ${room.room}: admin ensured (make_room_admin, joined)`);
  const label = ensured.status === "failed" ? style.red("✗ failed") : style.yellow(`… ${ensured.status.replace("_", " ")}`);
  return `${label} ${room.room}: ensure_admin${ensured.detail ? ` — ${ensured.detail}` : ""}`;
}

export function renderSkippedRoom(room: RoomResult, colour: boolean): string {
  return makeStyle(colour).yellow(`! skipped ${room.room}: ${room.skipped ?? ""}`);
}

/** The end of an apply run: why it stopped early (if it did) and the summary line. */
export function renderApplyEnd(result: ApplyResult, colour: boolean): string {
  const style = makeStyle(colour);
  const lines: string[] = [];
  if (result.stoppedEarly) lines.push(style.red(`Apply stopped early: ${result.stoppedEarly}`));
  lines.push(style.bold(applySummaryLine(result.summary)));
  return lines.join("\n") + "\n";
}
