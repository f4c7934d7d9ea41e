import type { SourcePos, UserId } from "../declarations/model.js";
import { escapeData, escapeProperty } from "../declarations/format.js";
import { isIntroducedBlock } from "../plan/item-keys.js";
import type { Blocked, Plan, RoomPlan } from "../plan/types.js";
import { describePowerDelta } from "./power-delta.js";

/** Where a user is declared in a room (its first source), for annotations on the exact line. */
export type DeclaredAt = (room: string, user: UserId) => SourcePos | undefined;

/**
 * `plan --format github`: a workflow command per blocked item and per unreadable room, on the line
 * that declares it, so a pull request shows each problem in its diff. With --base, blocked items the
 * change introduces are errors and older ones warnings. Power-level changes are notices on the line that
 * declares the level, so a reviewer sees each promotion where it is made.
 */
export function renderPlanAnnotations(plan: Plan, declaredAt: DeclaredAt, introduced?: ReadonlySet<string>): string {
  const lines: string[] = [];
  for (const room of plan.rooms) {
    if (room.error !== undefined) lines.push(annotation("error", room.source, `${room.room} could not be planned: ${room.error}`));
    for (const change of room.changes) {
      if (change.power !== undefined) lines.push(annotation("notice", change.source ?? room.source, `${room.room}: power ${change.user} ${describePowerDelta(change.power)} (${change.reason})`));
    }
    for (const blocked of room.blocked) {
      const level = introduced === undefined || isIntroducedBlock(room, blocked, introduced) ? "error" : "warning";
      lines.push(annotation(level, placeOf(room, blocked, declaredAt), describe(room, blocked)));
    }
  }
  return lines.join("");
}

function placeOf(room: RoomPlan, blocked: Blocked, declaredAt: DeclaredAt): SourcePos {
  return (blocked.user !== undefined ? declaredAt(room.room, blocked.user) : undefined) ?? room.source;
}

function describe(room: RoomPlan, blocked: Blocked): string {
  const who = blocked.user ?? (blocked.users ?? []).join(", ");
  return `${room.room}: blocked ${blocked.code} (${who}). ${blocked.hint}`;
}

function annotation(level: "error" | "warning" | "notice", pos: SourcePos, message: string): string {
  const properties = [`file=${escapeProperty(pos.file)}`, `line=${pos.line}`, `col=${pos.column}`, `title=${escapeProperty("roster plan")}`].join(",");
  return `::${level} ${properties}::${escapeData(message)}\n`;
}
