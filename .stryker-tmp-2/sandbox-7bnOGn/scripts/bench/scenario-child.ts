/** Entry of the per-scenario process: argv[2] is the scenario as JSON; prints one JSON line on stdout. */
// @ts-nocheck

import { runScenario } from "./run-scenario.js";
import type { Scenario } from "./scenarios.js";

runScenario(JSON.parse(process.argv[2] ?? "{}") as Scenario).then(
  (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
