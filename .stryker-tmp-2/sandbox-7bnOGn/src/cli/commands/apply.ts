// @ts-nocheck
import { connectionOptions } from "../../homeserver/connection.js";
import { dirOption, verboseOption, type Command } from "../command.js";
import { concurrencyOption, planningOptions } from "../options.js";

export const applyCommand: Command = {
  name: "apply",
  summary: "plan afresh (or load a saved plan) and carry it out",
  usage: "roster apply [PLANFILE] [--yes] [--dir DIR] [--concurrency N] [--github-comment]",
  description: [
    "Makes a fresh plan (or loads PLANFILE, saved by `roster plan --out`), shows it, and carries it out:",
    "joins through Synapse's admin join API, invites and kicks as the admin. Rooms run side by side, and",
    "so do a room's joins (after the admin's own); its invites and kicks run in order. At most",
    "--concurrency requests are in flight. On a terminal it asks before acting; elsewhere it needs --yes.",
    "A saved plan is applied only to rooms whose membership has not changed since it was made.",
    "--ensure-admin first brings the admin into rooms it is not in (make_room_admin, then a join).",
    "Exit code: 0 when everything was done; 1 when anything failed, was deferred, skipped or blocked.",
  ].join("\n"),
  examples: ["roster apply", "roster apply --yes --concurrency 16", "roster apply --ensure-admin --yes", "roster plan --out plan.json && roster apply plan.json --yes"],
  positionals: "PLANFILE",
  options: {
    ...dirOption,
    yes: { type: "boolean", short: "y", description: "do not ask for confirmation (required when not on a terminal)" },
    "github-comment": { type: "boolean", description: "comment the result on the merged pull request and write the job summary (GitHub Actions)" },
    ...planningOptions,
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  run: async (ctx) => (await import("./apply-run.js")).runApply(ctx),
};
