// @ts-nocheck
import { dirOption, verboseOption, type Command } from "../command.js";
import { connectionOptions } from "../../homeserver/connection.js";
import { concurrencyOption, planningOptions } from "../options.js";

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
  run: async (ctx) => (await import("./plan-run.js")).runPlan(ctx),
};
