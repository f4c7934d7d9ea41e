import type { ApplyResult, RoomResult } from "../apply/types.js";
import { applySummaryLine, doneVerb } from "./apply-text.js";

/** The apply result for the merged pull request's comment and the job summary. */
export function renderApplyMarkdown(result: ApplyResult, serverName: string): string {
  const out = [`### roster apply — \`${serverName}\``, "", `**${applySummaryLine(result.summary)}**`, ""];
  if (result.stoppedEarly) out.push("> [!WARNING]", `> Apply stopped early: ${result.stoppedEarly}. A rerun picks up where it stopped.`, "");
  for (const room of result.rooms) out.push(...renderRoom(room));
  return out.join("\n") + "\n";
}

const diffMarks = { join: "+", invite: "+", kick: "-", power: "!" } as const;

function renderRoom(room: RoomResult): string[] {
  if (room.results.length === 0 && room.skipped === undefined) return [];
  const out = [`#### \`${room.room}\``, ""];
  if (room.skipped !== undefined) out.push(`Skipped: ${room.skipped}`, "");
  const done = room.results.filter((r) => r.status === "done");
  if (done.length > 0) {
    out.push("```diff", ...done.map((r) => `${diffMarks[r.action]} ${r.user}  (${doneVerb(r)})`), "```", "");
  }
  for (const r of room.results.filter((r) => r.status !== "done" && room.skipped === undefined)) {
    out.push(`- ${r.status === "failed" ? "❌" : "⏸️"} ${r.action} \`${r.user}\` ${r.status.replace("_", " ")}${r.detail ? `: ${r.detail}` : ""}`);
  }
  return [...out, ""];
}
