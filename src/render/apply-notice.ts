import type { ApplyResult, RoomResult } from "../apply/types.js";
import type { Plan } from "../plan/types.js";
import { applySummaryLine } from "./apply-text.js";

/** Where the run came from, in GitHub Actions: shown at the end of the notice. */
export interface NoticeOrigin {
  commit?: string;
  commitUrl?: string;
  pullRequest?: number;
  pullRequestUrl?: string;
  runUrl?: string;
}

export interface NoticeContent {
  msgtype: "m.notice";
  body: string;
  format: "org.matrix.custom.html";
  formatted_body: string;
}

/** A run that changed or attempted anything gets a notice; a no-op run (at most blocked items) does not. */
export function shouldNotify(result: ApplyResult): boolean {
  return result.rooms.some((room) => room.results.length > 0 || room.ensureAdmin !== undefined || room.skipped !== undefined);
}

const verbs = { join: "joined", invite: "invited", kick: "kicked" } as const;

/** The m.notice `roster apply --notify ROOM` posts: plain text and HTML, rooms and members changed, failures and blocks, and the origin. */
export function renderApplyNotice(plan: Plan, result: ApplyResult, origin: NoticeOrigin = {}): NoticeContent {
  const text: string[] = [];
  const html: string[] = [];
  const headline = `roster apply on ${plan.serverName}: ${applySummaryLine(result.summary).replace(/^Apply complete: /, "")}`;
  text.push(headline);
  html.push(`<p><strong>${escape(headline)}</strong></p>`);

  const changed = result.rooms.map(changedLine).filter((line): line is string => line !== undefined);
  const failed = result.rooms.flatMap((room) => room.results.filter((r) => r.status !== "done").map((r) => `${room.room}: ${r.action} ${r.user} ${r.status.replace("_", " ")}${r.detail ? ` — ${r.detail}` : ""}`));
  const blocked = plan.rooms.flatMap((room) => room.blocked.map((b) => `${room.room}: ${b.code} (${(b.user !== undefined ? [b.user] : (b.users ?? [])).join(", ")})`));
  const sections: [string, string[]][] = [
    ["Changed", changed],
    ["Not done", [...failed, ...result.rooms.filter((r) => r.skipped !== undefined).map((r) => `${r.room}: skipped — ${r.skipped ?? ""}`)]],
    ["Blocked", blocked],
  ];
  for (const [title, lines] of sections) {
    if (lines.length === 0) continue;
    text.push(`${title}:`, ...lines.map((line) => `- ${line}`));
    html.push(`<p>${title}:</p><ul>${lines.map((line) => `<li>${escape(line)}</li>`).join("")}</ul>`);
  }
  const from = originLine(origin);
  if (from !== undefined) {
    text.push(from.text);
    html.push(`<p>${from.html}</p>`);
  }
  return { msgtype: "m.notice", body: text.join("\n"), format: "org.matrix.custom.html", formatted_body: html.join("") };
}

function changedLine(room: RoomResult): string | undefined {
  const parts: string[] = [];
  if (room.ensureAdmin?.status === "done") parts.push("admin brought in");
  for (const action of ["join", "invite", "kick"] as const) {
    const users = room.results.filter((r) => r.status === "done" && r.action === action).map((r) => r.user);
    if (users.length > 0) parts.push(`${verbs[action]} ${users.join(", ")}`);
  }
  return parts.length > 0 ? `${room.room}: ${parts.join("; ")}` : undefined;
}

function originLine(origin: NoticeOrigin): { text: string; html: string } | undefined {
  const text: string[] = [];
  const html: string[] = [];
  if (origin.commit !== undefined) {
    const short = origin.commit.slice(0, 12);
    text.push(`commit ${short}`);
    html.push(origin.commitUrl ? `commit <a href="${escape(origin.commitUrl)}">${escape(short)}</a>` : `commit ${escape(short)}`);
  }
  if (origin.pullRequest !== undefined) {
    text.push(`pull request #${origin.pullRequest}`);
    html.push(origin.pullRequestUrl ? `pull request <a href="${escape(origin.pullRequestUrl)}">#${origin.pullRequest}</a>` : `pull request #${origin.pullRequest}`);
  }
  if (origin.runUrl !== undefined) {
    text.push(`run ${origin.runUrl}`);
    html.push(`<a href="${escape(origin.runUrl)}">workflow run</a>`);
  }
  if (text.length === 0) return undefined;
  return { text: `From ${text.join(", ")}.`, html: `From ${html.join(", ")}.` };
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
