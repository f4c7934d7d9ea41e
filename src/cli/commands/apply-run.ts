import { executePlan } from "../../apply/execute-plan.js";
import { homeserverActions } from "../../apply/homeserver-actions.js";
import { checkPlanTarget, findStaleRooms, loadSavedPlan } from "../../apply/saved-plan.js";
import { applyFailed } from "../../apply/summarise.js";
import { UserError } from "../../errors.js";
import type { Plan } from "../../plan/types.js";
import { renderApplyEnd, renderEnsureAdminLine, renderSkippedRoom } from "../../render/apply-text.js";
import { renderPlanText } from "../../render/plan-text.js";
import { booleanOption, type OptionValues, type CommandContext } from "../command.js";
import { createApplyStatus, type ApplyStatus } from "../apply-status.js";
import type { HttpEvent } from "../../homeserver/http.js";
import { publishApplyOutcome } from "../apply-outcome.js";
import { connect } from "../connect.js";
import { wantsColour, type Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { makePlan } from "../make-plan.js";
import { parseChoice, parseConcurrency, parsePlanOptions } from "../options.js";
import type { Connection } from "../../homeserver/startup-checks.js";

/** `roster apply`'s work, loaded only when the command runs (see apply.ts for its options). */
export async function runApply({ io: given, values, positionals }: CommandContext): Promise<number> {
  const format = parseChoice(values, "format", ["text", "json"] as const, "text");
  // With --format json, stdout carries the report alone and everything meant for people goes to stderr.
  const rawIo = format === "json" ? { ...given, stdout: given.stderr } : given;
  if (positionals.length > 1) {
    throw new UserError(`apply takes at most one saved plan, got ${positionals.length} arguments`, "Usage: roster apply [PLANFILE] [--yes]; without PLANFILE it plans afresh.");
  }
  const concurrency = parseConcurrency(values);
  const planFile = positionals[0];
  // Rate-limit waits are reported once acting starts (the plan's reads are never rate limited).
  const waits: { status?: ApplyStatus } = {};
  const events = (event: HttpEvent) => {
    if (event.type === "retry" && event.cause === "429") waits.status?.onWait(event);
  };
  const { plan, connection, io, skip } = planFile === undefined
    ? await freshPlan(values, rawIo, concurrency, events)
    : await savedPlan(planFile, values, rawIo, concurrency, events);
  // The text plan, as `roster plan` prints it (imported alone: the other formats' renderers are not loaded).
  io.stdout.write(renderPlanText(plan, { colour: wantsColour(io) }));
  for (const [room, reason] of skip) io.stdout.write(renderSkippedRoom({ room, results: [], skipped: reason }, wantsColour(io)) + "\n");
  const rooms = plan.rooms.filter((room) => !skip.has(room.room));
  const actionable = rooms.reduce((n, room) => n + room.changes.length, 0);
  const ensuring = rooms.some((room) => room.ensureAdmin !== undefined);
  if ((actionable > 0 || ensuring) && !(await confirmed(values, io))) return 1;
  const roomNames = new Map(rooms.flatMap((room) => (room.roomId !== undefined ? [[room.roomId, room.room] as const] : [])));
  const status = createApplyStatus(io, actionable, { quiet: booleanOption(values, "quiet"), roomNames });
  waits.status = status;
  const result = await executePlan(plan, {
    actions: homeserverActions(connection.client),
    concurrency,
    skip,
    onResult: status.onResult,
    onEnsureAdmin: (room) => status.print(renderEnsureAdminLine(room, wantsColour(io))),
  });
  result.waitedMs = status.finish();
  io.stdout.write(renderApplyEnd(result, wantsColour(io)));
  const exitCode = applyFailed(result.summary) ? 1 : 0;
  await publishApplyOutcome({ plan, result, exitCode, values, io, reportStream: given.stdout, connection });
  return exitCode;
}

interface Prepared {
  plan: Plan;
  connection: Connection;
  io: Io;
  skip: Map<string, string>;
}

async function freshPlan(values: OptionValues, rawIo: Io, concurrency: number, onHttpEvent: (event: HttpEvent) => void): Promise<Prepared> {
  const options = parsePlanOptions(values);
  const desired = await loadValidDeclarations(values, rawIo);
  const { connection, io } = await connect(values, rawIo, desired, onHttpEvent);
  return { plan: await makePlan(desired, connection, options, concurrency), connection, io, skip: new Map() };
}

async function savedPlan(file: string, values: OptionValues, rawIo: Io, concurrency: number, onHttpEvent: (event: HttpEvent) => void): Promise<Prepared> {
  const plan = await loadSavedPlan(file, rawIo.cwd);
  const { connection, io } = await connect(values, rawIo, undefined, onHttpEvent);
  checkPlanTarget(plan, file, connection.identity.serverName, connection.identity.userId);
  return { plan, connection, io, skip: await findStaleRooms(plan, connection.client, concurrency) };
}

/** A terminal asks; anywhere else --yes is required (SPEC §6). */
async function confirmed(values: OptionValues, io: Io): Promise<boolean> {
  if (booleanOption(values, "yes")) return true;
  if (!io.stdinIsTTY || io.ask === undefined) {
    io.stderr.write("error: not on a terminal, so apply will not ask for confirmation: nothing was changed.\n  Review the plan above, then rerun with --yes to apply it.\n");
    return false;
  }
  const answer = (await io.ask("Apply these changes? Only 'yes' is accepted: ")).trim().toLowerCase();
  if (answer === "yes") return true;
  io.stderr.write("Apply cancelled: nothing was changed.\n");
  return false;
}
