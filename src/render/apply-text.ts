import type { ActionResult, ApplyResult, ApplySummary, RoomResult } from "../apply/types.js";
import { describePowerLevel } from "../declarations/power.js";
import { formatMs } from "../util/duration.js";
import { makeStyle } from "./style.js";
import { plural } from "./summary.js";

/** `Apply complete: 12 joined, 1 invited, 0 kicked, 1 failed, 2 blocked.` plus what was left undone. */
export function applySummaryLine(summary: ApplySummary): string {
  const extra = [
    ...(summary.deferred > 0 ? [`${summary.deferred} deferred`] : []),
    ...(summary.notAttempted > 0 ? [`${summary.notAttempted} not attempted`] : []),
    ...(summary.skippedRooms > 0 ? [`${plural(summary.skippedRooms, "room")} skipped`] : []),
    ...(summary.adminEnsured > 0 ? [`admin brought into ${plural(summary.adminEnsured, "room")}`] : []),
  ];
  const power = summary.powerChanged > 0 ? `${plural(summary.powerChanged, "power level")} changed, ` : "";
  const base = `Apply complete: ${summary.joined} joined, ${summary.invited} invited, ${summary.kicked} kicked, ${power}${summary.failed} failed, ${summary.blocked} blocked`;
  return `${base}${extra.length > 0 ? `, ${extra.join(", ")}` : ""}.`;
}

/** One line per completed action, printed as it completes. */
export function renderActionLine(room: RoomResult, result: ActionResult, colour: boolean): string {
  const style = makeStyle(colour);
  if (result.status === "done") return style.green(`✓ ${room.room}: ${describeDone(result)}`);
  const label = result.status === "failed" ? style.red("✗ failed") : style.yellow(`… ${result.status.replace("_", " ")}`);
  return `${label} ${room.room}: ${result.action} ${result.user}${result.detail ? ` — ${result.detail}` : ""}`;
}

/** `joined @bob:acme.test`, `power of @bob:acme.test set to 50 (moderator)`. */
function describeDone(result: ActionResult): string {
  return result.action === "power" ? `power of ${result.user} set to ${describeLevelSet(result)}` : `${doneVerb(result)} ${result.user}`;
}

/** `joined`, `power set to 50 (moderator)`. */
export function doneVerb(result: ActionResult): string {
  return result.action === "power" ? `power set to ${describeLevelSet(result)}` : doneVerbs[result.action];
}

function describeLevelSet(result: ActionResult): string {
  return result.level !== undefined ? describePowerLevel(result.level) : "the declared level";
}

const doneVerbs = { join: "joined", invite: "invited", kick: "kicked" } as const;

/** The --ensure-admin steps of one room, printed once they ran. */
export function renderEnsureAdminLine(room: RoomResult, colour: boolean): string {
  const style = makeStyle(colour);
  const ensured = room.ensureAdmin;
  if (ensured === undefined) return "";
  if (ensured.status === "done") {
    const steps = (ensured.steps ?? ["make_room_admin", "join"]).map((step) => (step === "join" ? "joined" : step));
    return style.green(`✓ ${room.room}: admin ensured (${steps.join(", ")})`);
  }
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
  if (result.waitedMs) lines.push(style.yellow(`Waited ${formatMs(result.waitedMs)} on Synapse's rate limits in all; ${"roster doctor --fix-rate-limits"} exempts the admin.`));
  lines.push(style.bold(applySummaryLine(result.summary)));
  return lines.join("\n") + "\n";
}
