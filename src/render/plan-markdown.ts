import { formatPos } from "../declarations/diagnostic.js";
import type { Blocked, Plan, RoomPlan } from "../plan/types.js";
import { changeKey, isIntroducedBlock } from "../plan/item-keys.js";
import { membershipDiffLines } from "./membership-diff.js";
import { describePowerDelta } from "./power-delta.js";
import { planSummaryLine, plural } from "./summary.js";

export interface MarkdownOptions {
  /** Item keys the pull request introduces (plan --base); when given, items are marked new or pre-existing. */
  introduced?: ReadonlySet<string>;
  title?: string;
}

/** Markdown for pull-request comments and job summaries: one fenced diff block per room that changes. */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const out = [`### ${options.title ?? "roster plan"} — \`${plan.serverName}\``, "", `**${planSummaryLine(plan.summary)}**`, ""];
  const quiet: string[] = [];
  for (const room of plan.rooms) {
    const section = renderRoom(room, options);
    if (section.length === 0) quiet.push(room.room);
    else out.push(...section, "");
  }
  if (quiet.length > 0) out.push(`<sub>No changes in ${plural(quiet.length, "room")}: ${quiet.map((r) => `\`${r}\``).join(", ")}.</sub>`, "");
  out.push(`<sub>Acting as \`${plan.admin}\`.</sub>`);
  return out.join("\n") + "\n";
}

function renderRoom(room: RoomPlan, options: MarkdownOptions): string[] {
  if (room.error === undefined && room.changes.length === 0 && room.blocked.length === 0 && room.info.length === 0) return [];
  const out = [`#### \`${room.room}\`${room.prune ? " (prune)" : ""}`, ""];
  if (room.error !== undefined) out.push(`> [!CAUTION]`, `> Could not be planned: ${room.error}`, "");
  if (room.ensureAdmin !== undefined) {
    out.push(`- 🔑 **ensure_admin** (${room.ensureAdmin.steps.join(" + ")}): ${room.ensureAdmin.reason}`, "");
  }
  // GitHub's diff highlighting shows `!` lines as changed.
  const powerLines = room.changes.flatMap((c) => (c.power ? [`! ${c.user}  power ${describePowerDelta(c.power)}  (${c.reason})`] : []));
  if (room.changes.length > powerLines.length) out.push("```diff", ...membershipDiffLines(room), "```");
  if (powerLines.length > 0) out.push("```diff", ...powerLines, "```");
  if (room.changes.length > 0) {
    if (options.introduced) out.push(...attributionNote(room, options.introduced));
    out.push("");
  }
  const notes = [
    ...room.blocked.map((blocked) => renderBlocked(room, blocked, options.introduced)),
    ...room.info.map((info) => `- ℹ️ ${info.message}`),
  ];
  if (notes.length > 0) out.push(...notes, "");
  out.push(`<sub>declared at ${formatPos(room.source)}</sub>`);
  return out;
}

function renderBlocked(room: RoomPlan, blocked: Blocked, introduced?: ReadonlySet<string>): string {
  const who = blocked.user ? `\`${blocked.user}\`` : (blocked.users ?? []).map((u) => `\`${u}\``).join(", ");
  const tag = introduced ? (isIntroducedBlock(room, blocked, introduced) ? " **(introduced by this pull request)**" : " (already pending)") : "";
  return `- ⛔ **${blocked.code}**${tag}: ${who} — ${blocked.hint}`;
}

function attributionNote(room: RoomPlan, introduced: ReadonlySet<string>): string[] {
  const pending = room.changes.filter((c) => !introduced.has(changeKey(room, c)));
  if (pending.length === 0) return [];
  return [`<sub>Already pending before this pull request (drift): ${pending.map((c) => `${c.action} \`${c.user}\``).join(", ")}.</sub>`];
}
