import type { ApplySummary, RoomResult } from "./types.js";

const doneCounter = { join: "joined", invite: "invited", kick: "kicked", power: "powerChanged" } as const;

export function summariseApply(rooms: readonly RoomResult[], blocked: number): ApplySummary {
  const summary: ApplySummary = { joined: 0, invited: 0, kicked: 0, powerChanged: 0, failed: 0, deferred: 0, notAttempted: 0, blocked, skippedRooms: 0, adminEnsured: 0 };
  for (const room of rooms) {
    if (room.skipped !== undefined) summary.skippedRooms += 1;
    const ensure = room.ensureAdmin?.status;
    if (ensure === "done") summary.adminEnsured += 1;
    else if (ensure === "failed") summary.failed += 1;
    else if (ensure === "deferred") summary.deferred += 1;
    else if (ensure === "not_attempted") summary.notAttempted += 1;
    for (const result of room.results) {
      if (result.status === "done") summary[doneCounter[result.action]] += 1;
      else if (result.status === "failed") summary.failed += 1;
      else if (result.status === "deferred") summary.deferred += 1;
      else summary.notAttempted += 1;
    }
  }
  return summary;
}

/** Whether anything was left undone: apply exits 1 then (SPEC §4). */
export function applyFailed(summary: ApplySummary): boolean {
  return summary.failed + summary.deferred + summary.notAttempted + summary.blocked + summary.skippedRooms > 0;
}
