import type { PlanSummary } from "../plan/types.js";

/** The plan's last line, e.g. `Plan: 3 to join, 1 to invite, 0 to kick, 1 blocked.` (power changes only when there are any). */
export function planSummaryLine(summary: PlanSummary): string {
  const ensure = summary.ensureAdmin ? `${plural(summary.ensureAdmin, "room")} to bring the admin into, ` : "";
  const power = summary.power > 0 ? `${plural(summary.power, "power level")} to change, ` : "";
  return `Plan: ${ensure}${summary.join} to join, ${summary.invite} to invite, ${summary.kick} to kick, ${power}${summary.blocked} blocked.`;
}

export function hasPendingChanges(summary: PlanSummary): boolean {
  return summary.join + summary.invite + summary.kick + summary.power + (summary.ensureAdmin ?? 0) > 0;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
