// @ts-nocheck
import type { DoctorSummary, Finding } from "./checks.js";

export interface DoctorReport {
  serverName: string;
  admin: string;
  findings: Finding[];
  summary: DoctorSummary;
}

const labels = { ok: "ok   ", warn: "warn ", error: "error" } as const;

/** One line per finding (its fix indented below), then a summary naming the rooms roster cannot act in. */
export function renderDoctorText(report: DoctorReport): string {
  const lines = [`roster doctor for ${report.serverName || "(not connected)"}${report.admin ? `, acting as ${report.admin}` : ""}`, ""];
  for (const finding of report.findings) {
    lines.push(`${labels[finding.level]} ${finding.scope}: ${finding.message}`);
    if (finding.fix !== undefined && finding.level !== "ok") lines.push(`      fix: ${finding.fix}`);
  }
  const { ok, warn, error, blockedRooms } = report.summary;
  lines.push("", `Doctor: ${ok} ok, ${warn} warning${warn === 1 ? "" : "s"}, ${error} error${error === 1 ? "" : "s"}.`);
  if (blockedRooms.length > 0) lines.push(`Roster cannot act in ${blockedRooms.length} room${blockedRooms.length === 1 ? "" : "s"}: ${blockedRooms.join(", ")}.`);
  else if (error > 0) lines.push("Roster cannot work against this server until the errors above are fixed.");
  return lines.join("\n") + "\n";
}

export function renderDoctorJson(report: DoctorReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
