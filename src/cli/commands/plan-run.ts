import { booleanOption, stringOption, type CommandContext } from "../command.js";
import { isIntroducedBlock } from "../../plan/item-keys.js";
import type { Plan } from "../../plan/types.js";
import { renderPlanMarkdown } from "../../render/plan-markdown.js";
import { hasPendingChanges } from "../../render/summary.js";
import { attributeToBase } from "../attribution.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { observeAndPlan } from "../make-plan.js";
import { parseChoice, parseConcurrency, parsePlanOptions } from "../options.js";
import { declaredAtIn, planFormats, renderPlan, savePlan } from "../plan-output.js";

/** `roster plan`'s work, loaded only when the command runs (see plan.ts for its options). */
export async function runPlan({ io: rawIo, values }: CommandContext): Promise<number> {
  const format = parseChoice(values, "format", planFormats, "text");
  const concurrency = parseConcurrency(values);
  const options = parsePlanOptions(values);
  const desired = await loadValidDeclarations(values, rawIo);
  const { connection, io } = await connect(values, rawIo, desired);
  const observedAndPlanned = await observeAndPlan(desired, connection, options, concurrency);
  const { observed } = observedAndPlanned;
  let plan = observedAndPlanned.plan;
  const base = stringOption(values, "base");
  const introduced = base === undefined ? undefined : await attributeToBase(plan, base, stringOption(values, "dir") ?? "rooms", io, observed, options);
  if (base !== undefined && introduced !== undefined) plan = { ...plan, attribution: { base, introduced: [...introduced].sort() } };
  const out = stringOption(values, "out");
  if (out !== undefined) await savePlan(plan, out, io);
  io.stdout.write(renderPlan(plan, format, io, introduced, declaredAtIn(desired)));
  if (booleanOption(values, "github-comment")) {
    // Loaded only here: the GitHub client is not needed without --github-comment.
    const { publishPlan } = await import("../../github/publish.js");
    await publishPlan({ env: io.env, markdown: renderPlanMarkdown(plan, introduced ? { introduced } : {}), warn: (line) => io.stderr.write(`warning: ${line}\n`) });
  }
  return planExitCode(plan, introduced, booleanOption(values, "detailed-exitcode"), io);
}

/** SPEC §4 and §7: errors and blocked items fail; with --base only the blocked items this change introduces do. */
function planExitCode(plan: Plan, introduced: ReadonlySet<string> | undefined, detailed: boolean, io: Io): number {
  if (plan.summary.errors > 0) return 1;
  const blocked = plan.rooms.flatMap((room) => room.blocked.map((b) => ({ room, b })));
  const failing = introduced === undefined ? blocked : blocked.filter(({ room, b }) => isIntroducedBlock(room, b, introduced));
  if (failing.length > 0) return 1;
  if (blocked.length > 0) io.stderr.write(`warning: ${blocked.length} blocked item(s) were already pending before this change; they do not fail the check.\n`);
  return detailed && hasPendingChanges(plan.summary) ? 2 : 0;
}
