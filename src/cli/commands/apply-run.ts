import { executePlan } from "../../apply/execute-plan.js";
import type { ActionResult, ApplyResult, RoomResult } from "../../apply/types.js";
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
import { planAndApply } from "../plan-and-apply.js";
import type { RateLimitWait } from "../../render/rate-limit-wait.js";
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
  // Progress (each action's line, --ensure-admin lines, rate-limit waits) is held until the plan is printed.
  const progress = new HeldProgress();
  const events = (event: HttpEvent) => {
    if (event.type === "retry" && event.cause === "429") progress.onWait(event);
  };
  const prepared = planFile === undefined
    ? await freshPlan(values, rawIo, concurrency, events, progress)
    : await savedPlan(planFile, values, rawIo, concurrency, events, progress);
  const { connection, io, skip } = prepared;
  const plan = await prepared.plan.catch(async (error: unknown) => {
    // apply --yes acts on rooms planned before the rest: show what it did before the error.
    progress.tellAfterFailure(io, booleanOption(values, "quiet"));
    throw error;
  });
  // The text plan, as `roster plan` prints it (imported alone: the other formats' renderers are not loaded).
  io.stdout.write(renderPlanText(plan, { colour: wantsColour(io) }));
  for (const [room, reason] of skip) io.stdout.write(renderSkippedRoom({ room, results: [], skipped: reason }, wantsColour(io)) + "\n");
  const rooms = plan.rooms.filter((room) => !skip.has(room.room));
  const actionable = rooms.reduce((n, room) => n + room.changes.length, 0);
  const ensuring = rooms.some((room) => room.ensureAdmin !== undefined);
  if ((actionable > 0 || ensuring) && !(await confirmed(values, io))) return 1;
  const roomNames = new Map(rooms.flatMap((room) => (room.roomId !== undefined ? [[room.roomId, room.room] as const] : [])));
  const status = createApplyStatus(io, actionable, { quiet: booleanOption(values, "quiet"), roomNames });
  progress.attach(status);
  const result = await prepared.execute(plan);
  result.waitedMs = status.finish();
  io.stdout.write(renderApplyEnd(result, wantsColour(io)));
  const exitCode = applyFailed(result.summary) ? 1 : 0;
  await publishApplyOutcome({ plan, result, exitCode, values, io, reportStream: given.stdout, connection });
  return exitCode;
}

interface Prepared {
  /** The plan to show; with apply --yes its first rooms may be under way already. */
  plan: Promise<Plan>;
  /** Carries out the plan (what is left of it) once it is shown and confirmed. */
  execute(plan: Plan): Promise<ApplyResult>;
  connection: Connection;
  io: Io;
  skip: Map<string, string>;
}

async function freshPlan(values: OptionValues, rawIo: Io, concurrency: number, onHttpEvent: (event: HttpEvent) => void, progress: HeldProgress): Promise<Prepared> {
  const options = parsePlanOptions(values);
  const desired = await loadValidDeclarations(values, rawIo);
  const { connection, io } = await connect(values, rawIo, desired, onHttpEvent);
  const colour = wantsColour(io);
  const reporting = { onResult: progress.onResult, onEnsureAdmin: (room: RoomResult) => progress.print(() => renderEnsureAdminLine(room, colour)) };
  if (booleanOption(values, "yes")) {
    // Nothing to confirm: rooms start as soon as they are planned, while the others are still read.
    const pipeline = planAndApply(desired, connection, options, concurrency, reporting);
    return { plan: pipeline.plan, execute: pipeline.finish, connection, io, skip: new Map() };
  }
  const plan = makePlan(desired, connection, options, concurrency);
  const execute = (whole: Plan) => executePlan(whole, { actions: homeserverActions(connection.client), concurrency, ...reporting });
  return { plan, execute, connection, io, skip: new Map() };
}

async function savedPlan(
  file: string,
  values: OptionValues,
  rawIo: Io,
  concurrency: number,
  onHttpEvent: (event: HttpEvent) => void,
  progress: HeldProgress,
): Promise<Prepared> {
  const plan = await loadSavedPlan(file, rawIo.cwd);
  const { connection, io } = await connect(values, rawIo, undefined, onHttpEvent);
  checkPlanTarget(plan, file, connection.identity.serverName, connection.identity.userId);
  const skip = await findStaleRooms(plan, connection.client, concurrency);
  const colour = wantsColour(io);
  const execute = (whole: Plan) =>
    executePlan(whole, {
      actions: homeserverActions(connection.client),
      concurrency,
      skip,
      onResult: progress.onResult,
      onEnsureAdmin: (room) => progress.print(() => renderEnsureAdminLine(room, colour)),
    });
  return { plan: Promise.resolve(plan), execute, connection, io, skip };
}

/**
 * Apply's progress until the plan is printed: held in order, then handed to the status (SPEC §6: the
 * plan comes before any progress line). From then on every event goes straight through.
 */
class HeldProgress {
  private status: ApplyStatus | undefined;
  private readonly held: ((status: ApplyStatus) => void)[] = [];
  private results = 0;

  readonly onResult = (room: RoomResult, result: ActionResult): void => {
    this.results += 1;
    this.pass((status) => status.onResult(room, result));
  };

  readonly onWait = (wait: RateLimitWait): void => this.pass((status) => status.onWait(wait));

  print(line: () => string): void {
    this.pass((status) => status.print(line()));
  }

  attach(status: ApplyStatus): void {
    this.status = status;
    for (const event of this.held.splice(0)) event(status);
  }

  /** The run ends before its plan was complete: tells what was already done, as progress lines. */
  tellAfterFailure(io: Io, quiet: boolean): void {
    if (this.held.length === 0) return;
    io.stdout.write("apply stopped before its plan was complete; the rooms planned by then were acted on:\n");
    const status = createApplyStatus(io, this.results, { quiet });
    this.attach(status);
    status.finish();
  }

  private pass(event: (status: ApplyStatus) => void): void {
    if (this.status !== undefined) event(this.status);
    else this.held.push(event);
  }
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
