import { formatPos } from "../declarations/diagnostic.js";
import { changeKey, isIntroducedBlock } from "../plan/item-keys.js";
import type { Blocked, Change, EnsureAdmin, Plan, RoomPlan } from "../plan/types.js";
import { describePowerDelta } from "./power-delta.js";
import { makeStyle, type Style } from "./style.js";
import { planSummaryLine, plural } from "./summary.js";

export interface TextOptions {
  colour: boolean;
  /** Marks items the pull request introduces (plan --base); keys from itemKey(). */
  introduced?: ReadonlySet<string>;
}

/** A Terraform-like plan: one block per room with something to say, then one summary line. */
export function renderPlanText(plan: Plan, options: TextOptions): string {
  const style = makeStyle(options.colour);
  const lines = [style.bold(`roster plan for ${plan.serverName}, acting as ${plan.admin}`), ""];
  const quiet: string[] = [];
  for (const room of plan.rooms) {
    const body = renderRoomBody(room, style, options.introduced);
    if (body.length === 0) quiet.push(room.room);
    else lines.push(roomTitle(room, style), ...body, "");
  }
  if (quiet.length > 0) lines.push(style.dim(`No changes in ${plural(quiet.length, "room")}: ${listNames(quiet)}.`), "");
  if (plan.summary.errors > 0) lines.push(style.red(`${plural(plan.summary.errors, "room")} could not be planned: see the errors above.`));
  lines.push(style.bold(planSummaryLine(plan.summary)));
  return lines.join("\n") + "\n";
}

function roomTitle(room: RoomPlan, style: Style): string {
  const id = room.roomId !== undefined && room.roomId !== room.room ? ` (${room.roomId})` : "";
  const prune = room.prune ? style.dim(" [prune]") : "";
  return `${style.bold(room.room)}${id}${prune}`;
}

function renderRoomBody(room: RoomPlan, style: Style, introduced: ReadonlySet<string> | undefined): string[] {
  const lines: string[] = [];
  const tag = (isNew: boolean) => (introduced === undefined ? "" : isNew ? " (new)" : style.dim(" (pending before this change)"));
  if (room.error !== undefined) lines.push(style.red(`  ✗ error     ${room.error}`));
  if (room.ensureAdmin !== undefined) lines.push(renderEnsureAdmin(room.ensureAdmin, style));
  const width = Math.max(0, ...room.changes.map((c) => c.user.length));
  for (const change of room.changes) lines.push(renderChange(change, width, style) + tag(introduced?.has(changeKey(room, change)) ?? false));
  for (const blocked of room.blocked) {
    const [first = "", ...rest] = renderBlocked(blocked, style);
    lines.push(first + tag(introduced !== undefined && isIntroducedBlock(room, blocked, introduced)), ...rest);
  }
  for (const info of room.info) lines.push(style.dim(`  · ${info.code.padEnd(9)} ${info.message}`));
  return lines;
}

const marks = { join: "+", invite: "+", kick: "-", power: "~" } as const;
const colours = { join: "green", invite: "green", kick: "red", power: "yellow" } as const;

function renderChange(change: Change, width: number, style: Style): string {
  const where = change.source ? ` (${formatPos(change.source)})` : "";
  const levels = change.power ? `  ${describePowerDelta(change.power)}` : "";
  return `${style[colours[change.action]](`  ${marks[change.action]} ${change.action.padEnd(9)} ${change.user.padEnd(width)}${levels}`)}  ${style.dim(change.reason + where)}`;
}

function renderEnsureAdmin(ensure: EnsureAdmin, style: Style): string {
  return `${style.green(`  ^ ensure_admin ${ensure.steps.join(" + ")}`)}  ${style.dim(ensure.reason)}`;
}

function renderBlocked(blocked: Blocked, style: Style): string[] {
  const who = blocked.user ?? listNames(blocked.users ?? []);
  return [style.yellow(`  ! blocked   ${blocked.code}: ${who}`), style.dim(`              ${blocked.hint}`)];
}

function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
