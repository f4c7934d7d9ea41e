import { booleanOption, dirOption, stringOption, verboseOption, type Command } from "../command.js";
import { publishPlan } from "../../github/publish.js";
import { connectionOptions } from "../../homeserver/connection.js";
import { isIntroducedBlock } from "../../plan/item-keys.js";
import type { Plan } from "../../plan/types.js";
import { renderPlanMarkdown } from "../../render/plan-markdown.js";
import { hasPendingChanges } from "../../render/summary.js";
import { attributeToBase } from "../attribution.js";
import { connect } from "../connect.js";
import type { Io } from "../io.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { observe, planAgainst } from "../make-plan.js";
import { concurrencyOption, parseChoice, parseConcurrency, parsePlanOptions, planningOptions } from "../options.js";
import { declaredAtIn, planFormats, renderPlan, savePlan } from "../plan-output.js";

export const planCommand: Command = {
  name: "plan",
  summary: "read the server and show what apply would do",
  usage: "roster plan [--dir DIR] [--format text|json|markdown|github] [--out FILE] [--detailed-exitcode] [--base REF] [--github-comment]",
  description: [
    "Resolves every declared room, reads its state once, and compares the declared members with the",
    "actual ones. Prints joins (local users), invites (remote users), kicks (prune rooms only), blocked",
    "items with a hint each, and unmanaged members. Changes nothing on the server.",
    "--base REF also plans the declarations as they are at git REF against the same server state and",
    "marks which items this change introduces; only blocked items it introduces fail the run.",
    "--github-comment (in GitHub Actions) posts the plan as one pull-request comment, updated in place.",
    "--ensure-admin previews how apply --ensure-admin brings the admin into rooms it cannot act in yet.",
    "Exit code: 0 ok; 1 on errors or blocked items; 2 when changes are pending and --detailed-exitcode is given.",
  ].join("\n"),
  examples: [
    "MATRIX_HOMESERVER_URL=https://matrix.acme.test MATRIX_ADMIN_TOKEN_FILE=~/.roster-token roster plan",
    "roster plan --format markdown > plan.md",
    "roster plan --out plan.json && roster apply plan.json",
    "roster plan --base origin/main --github-comment",
  ],
  options: {
    ...dirOption,
    format: { type: "string", valueName: "FORMAT", description: "text (default), json, markdown, or github (the text plan plus annotations on the lines of blocked items)" },
    out: { type: "string", valueName: "FILE", description: "also save the plan as JSON, to apply later with `roster apply FILE`" },
    "detailed-exitcode": { type: "boolean", description: "exit 2 when changes are pending (0 means nothing to do)" },
    base: { type: "string", valueName: "REF", description: "git ref to compare with: mark what this change introduces" },
    "github-comment": { type: "boolean", description: "post the plan as the pull request's roster comment and job summary (GitHub Actions)" },
    ...planningOptions,
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  async run({ io: rawIo, values }) {
    const format = parseChoice(values, "format", planFormats, "text");
    const concurrency = parseConcurrency(values);
    const options = parsePlanOptions(values);
    const desired = await loadValidDeclarations(values, rawIo);
    const { connection, io } = await connect(values, rawIo, desired);
    const observed = await observe(desired, connection, concurrency);
    let plan = planAgainst(desired, observed, options);
    const base = stringOption(values, "base");
    const introduced = base === undefined ? undefined : await attributeToBase(plan, base, stringOption(values, "dir") ?? "rooms", io, observed, options);
    if (base !== undefined && introduced !== undefined) plan = { ...plan, attribution: { base, introduced: [...introduced].sort() } };
    const out = stringOption(values, "out");
    if (out !== undefined) await savePlan(plan, out, io);
    io.stdout.write(renderPlan(plan, format, io, introduced, declaredAtIn(desired)));
    if (booleanOption(values, "github-comment")) {
      await publishPlan({ env: io.env, markdown: renderPlanMarkdown(plan, introduced ? { introduced } : {}), warn: (line) => io.stderr.write(`warning: ${line}\n`) });
    }
    return planExitCode(plan, introduced, booleanOption(values, "detailed-exitcode"), io);
  },
};

/** SPEC §4 and §7: errors and blocked items fail; with --base only the blocked items this change introduces do. */
function planExitCode(plan: Plan, introduced: ReadonlySet<string> | undefined, detailed: boolean, io: Io): number {
  if (plan.summary.errors > 0) return 1;
  const blocked = plan.rooms.flatMap((room) => room.blocked.map((b) => ({ room, b })));
  const failing = introduced === undefined ? blocked : blocked.filter(({ room, b }) => isIntroducedBlock(room, b, introduced));
  if (failing.length > 0) return 1;
  if (blocked.length > 0) io.stderr.write(`warning: ${blocked.length} blocked item(s) were already pending before this change; they do not fail the check.\n`);
  return detailed && hasPendingChanges(plan.summary) ? 2 : 0;
}
