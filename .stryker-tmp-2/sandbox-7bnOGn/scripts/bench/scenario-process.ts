// @ts-nocheck
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./result.js";
import type { Scenario } from "./scenarios.js";

const childScript = fileURLToPath(new URL("./scenario-child.js", import.meta.url));

/**
 * Runs one scenario in a fresh node process (its peak RSS is then its own) and parses its JSON line.
 * --expose-gc: the scenario collects garbage between its timed runs (see runScenario).
 */
export function runScenarioProcess(scenario: Scenario): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", childScript, JSON.stringify(scenario)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || line === "") return reject(new Error(`scenario ${scenario.name} failed (exit ${code}): ${stderr.trim() || "no output"}`));
      try {
        resolve(JSON.parse(line) as BenchResult);
      } catch {
        reject(new Error(`scenario ${scenario.name} printed something that is not JSON: ${line.slice(0, 200)}`));
      }
    });
  });
}
