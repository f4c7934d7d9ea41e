import { booleanOption, dirOption, stringOption, verboseOption, type Command } from "../command.js";
import { connectionOptions } from "../../homeserver/connection.js";
import { hasPendingChanges } from "../../render/summary.js";
import { connect } from "../connect.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { makePlan } from "../make-plan.js";
import { concurrencyOption, parseChoice, parseConcurrency, parsePlanOptions, planningOptions } from "../options.js";
import { planFormats, renderPlan, savePlan } from "../plan-output.js";

export const planCommand: Command = {
  name: "plan",
  summary: "read the server and show what apply would do",
  usage: "roster plan [--dir DIR] [--format text|json|markdown] [--out FILE] [--detailed-exitcode]",
  description: [
    "Resolves every declared room, reads its state once, and compares the declared members with the",
    "actual ones. Prints joins (local users), invites (remote users), kicks (prune rooms only), blocked",
    "items with a hint each, and unmanaged members. Changes nothing on the server.",
    "--ensure-admin previews how apply --ensure-admin brings the admin into rooms it cannot act in yet.",
    "Exit code: 0 ok; 1 on errors or blocked items; 2 when changes are pending and --detailed-exitcode is given.",
  ].join("\n"),
  examples: [
    "MATRIX_HOMESERVER_URL=https://matrix.acme.test MATRIX_ADMIN_TOKEN_FILE=~/.roster-token roster plan",
    "roster plan --format markdown > plan.md",
    "roster plan --out plan.json && roster apply plan.json",
  ],
  options: {
    ...dirOption,
    format: { type: "string", valueName: "FORMAT", description: "text (default), json or markdown" },
    out: { type: "string", valueName: "FILE", description: "also save the plan as JSON, to apply later with `roster apply FILE`" },
    "detailed-exitcode": { type: "boolean", description: "exit 2 when changes are pending (0 means nothing to do)" },
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
    const plan = await makePlan(desired, connection, options, concurrency);
    const out = stringOption(values, "out");
    if (out !== undefined) await savePlan(plan, out, io);
    io.stdout.write(renderPlan(plan, format, io));
    if (plan.summary.errors > 0 || plan.summary.blocked > 0) return 1;
    return booleanOption(values, "detailed-exitcode") && hasPendingChanges(plan.summary) ? 2 : 0;
  },
};
