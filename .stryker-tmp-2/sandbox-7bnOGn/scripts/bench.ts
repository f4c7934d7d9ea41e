/**
 * `npm run bench [-- --json] [--scenario NAME]... [--full] [--runs N]`: plan and apply at scale against the sandbox
 * with injected latency (issue 7). Each scenario runs in its own process (scenario-child.js), which runs
 * roster in-process and the sandbox in a further child process. Prints a table, or with --json one JSON
 * object per scenario and line. Benchmarks measure; they never fail on a slow figure.
 */
// @ts-nocheck

import { parseArgs } from "node:util";
import { runScenarioProcess } from "./bench/scenario-process.js";
import { renderTable, type BenchResult } from "./bench/result.js";
import { scenarios, tinyScenarios, type Scenario } from "./bench/scenarios.js";

async function bench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean" },
      scenario: { type: "string", multiple: true },
      full: { type: "boolean" },
      runs: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`usage: npm run bench -- [--json] [--scenario NAME]... [--full] [--runs N]\nscenarios: ${scenarios.map((s) => s.name).join(", ")}\n--full: run the apply scenarios' --concurrency 1 comparison over everything instead of a 10% sample\n--runs N: timed runs per HTTP scenario, the median one reported (default 3)\n`);
    return 0;
  }
  // The tiny scenarios (a few rooms, no latency) run only when named: the harness test uses them.
  const known = [...scenarios, ...tinyScenarios];
  const wanted = values.scenario ?? scenarios.map((s) => s.name);
  const unknown = wanted.filter((name) => !known.some((s) => s.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown scenario ${unknown.join(", ")}; known: ${known.map((s) => s.name).join(", ")}\n`);
    return 2;
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1 && runs <= 20)) {
    process.stderr.write(`bench: --runs takes a whole number from 1 to 20, not ${values.runs}\n`);
    return 2;
  }
  const chosen: Scenario[] = known
    .filter((s) => wanted.includes(s.name))
    .map((s) => ({ ...s, ...(values.full ? { sequentialSample: 1 } : {}), ...(runs !== undefined && s.kind !== "planner" ? { runs } : {}) }));
  const results: BenchResult[] = [];
  for (const scenario of chosen) {
    if (!values.json) process.stderr.write(`running ${scenario.name}…\n`);
    const result = await runScenarioProcess(scenario);
    results.push(result);
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  if (!values.json) process.stdout.write(renderTable(results));
  return 0;
}

bench(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
