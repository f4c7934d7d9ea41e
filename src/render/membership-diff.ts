import { diffArrays } from "diff";
import type { UserId } from "../declarations/model.js";
import type { RoomPlan } from "../plan/types.js";

/** Rooms with more changes than this get a plain list instead of a computed diff (Myers is O(N·D)). */
const MAX_DIFFED_CHANGES = 2000;
const CONTEXT = 2;

/**
 * The room's membership before and after the plan as unified-diff lines (`+ @bob`, `- @ken`, `  @alice`),
 * unchanged runs folded to CONTEXT lines around each change.
 */
export function membershipDiffLines(room: RoomPlan): string[] {
  const before = room.currentMembers ?? [];
  const added = new Map(room.changes.filter((c) => c.action === "join" || c.action === "invite").map((c) => [c.user, c.action]));
  const removed = new Set(room.changes.filter((c) => c.action === "kick").map((c) => c.user));
  const present = new Set(before);
  const after = [...before.filter((u) => !removed.has(u)), ...[...added.keys()].filter((u) => !present.has(u))].sort();
  if (added.size + removed.size > MAX_DIFFED_CHANGES) return listOnly(added, removed);
  const lines: { mark: " " | "+" | "-"; user: UserId }[] = [];
  for (const part of diffArrays(before, after)) {
    const mark = part.added ? "+" : part.removed ? "-" : " ";
    for (const user of part.value) lines.push({ mark, user });
  }
  return foldContext(lines).map((line) =>
    typeof line === "string" ? line : `${line.mark} ${line.user}${line.mark === "+" ? `  (${added.get(line.user) ?? "join"})` : line.mark === "-" ? "  (kick)" : ""}`,
  );
}

function listOnly(added: Map<UserId, string>, removed: Set<UserId>): string[] {
  return [...[...added].map(([user, action]) => `+ ${user}  (${action})`), ...[...removed].map((user) => `- ${user}  (kick)`)];
}

type Line = { mark: " " | "+" | "-"; user: UserId };

function foldContext(lines: Line[]): (Line | string)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.mark === " ") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const out: (Line | string)[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (skipped > 0) out.push(`  … ${skipped} unchanged`);
      skipped = 0;
      out.push(line);
    } else skipped += 1;
  });
  if (skipped > 0) out.push(`  … ${skipped} unchanged`);
  return out;
}
