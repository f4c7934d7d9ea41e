// @ts-nocheck
import { executePlan } from "../../apply/execute-plan.js";
import { homeserverActions } from "../../apply/homeserver-actions.js";
import { checkPlanTarget, findStaleRooms, loadSavedPlan } from "../../apply/saved-plan.js";
import { applyFailed } from "../../apply/summarise.js";
import { UserError } from "../../errors.js";
import { renderApplyMarkdown } from "../../render/apply-markdown.js";
import type { Plan } from "../../plan/types.js";
import { renderApplyEnd, renderEnsureAdminLine, renderSkippedRoom } from "../../render/apply-text.js";
import { booleanOption, type OptionValues, type CommandContext } from "../command.js";
import { progressPrinter } from "../apply-progress.js";
import { connect } from "../connect.js";
import { wantsColour, type Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { makePlan } from "../make-plan.js";
import { parseConcurrency, parsePlanOptions } from "../options.js";
import { renderPlan } from "../plan-output.js";
import type { Connection } from "../../homeserver/startup-checks.js";

/** `roster apply`'s work, loaded only when the command runs (see apply.ts for its options). */
export async function runApply({ io: rawIo, values, positionals }: CommandContext): Promise<number> {
  if (positionals.length > 1) {
    throw new UserError(`apply takes at most one saved plan, got ${positionals.length} arguments`, "Usage: roster apply [PLANFILE] [--yes]; without PLANFILE it plans afresh.");
  }
  const concurrency = parseConcurrency(values);
  const planFile = positionals[0];
  const { plan, connection, io, skip } = planFile === undefined
    ? await freshPlan(values, rawIo, concurrency)
    : await savedPlan(planFile, values, rawIo, concurrency);
  io.stdout.write(renderPlan(plan, "text", io));
  for (const [room, reason] of skip) io.stdout.write(renderSkippedRoom({ room, results: [], skipped: reason }, wantsColour(io)) + "\n");
  const actionable = plan.rooms.filter((room) => !skip.has(room.room)).reduce((n, room) => n + room.changes.length, 0);
  if (actionable > 0 && !(await confirmed(values, io))) return 1;
  const result = await executePlan(plan, {
    actions: homeserverActions(connection.client),
    concurrency,
    skip,
    onResult: progressPrinter(io, actionable),
    onEnsureAdmin: (room) => io.stdout.write(renderEnsureAdminLine(room, wantsColour(io)) + "\n"),
  });
  io.stdout.write(renderApplyEnd(result, wantsColour(io)));
  if (booleanOption(values, "github-comment")) {
    // Loaded only here: the GitHub client is not needed without --github-comment.
    const { publishApplyResult } = await import("../../github/publish.js");
    await publishApplyResult({ env: io.env, markdown: renderApplyMarkdown(result, plan.serverName), warn: (line) => io.stderr.write(`warning: ${line}\n`) });
  }
  return applyFailed(result.summary) ? 1 : 0;
}

interface Prepared {
  plan: Plan;
  connection: Connection;
  io: Io;
  skip: Map<string, string>;
}

async function freshPlan(values: OptionValues, rawIo: Io, concurrency: number): Promise<Prepared> {
  const options = parsePlanOptions(values);
  const desired = await loadValidDeclarations(values, rawIo);
  const { connection, io } = await connect(values, rawIo, desired);
  return { plan: await makePlan(desired, connection, options, concurrency), connection, io, skip: new Map() };
}

async function savedPlan(file: string, values: OptionValues, rawIo: Io, concurrency: number): Promise<Prepared> {
  const plan = await loadSavedPlan(file, rawIo.cwd);
  const { connection, io } = await connect(values, rawIo);
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
