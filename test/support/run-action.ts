import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { repoRoot, spawnCaptured, type CliResult } from "./run-cli.js";

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  runs: { steps: { id?: string; run?: string; env?: Record<string, string> }[] };
}

export interface WorkflowStep {
  uses?: string;
  with?: Record<string, unknown>;
}

/** What `${{ … }}` expressions in a workflow may name: the values a runner would give them. */
export type ExpressionValues = Record<string, string>;

/** Replaces every `${{ name }}` with its value; an expression the test did not provide fails loudly. */
export function evaluate(text: string, values: ExpressionValues): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the test gives no value for \${{ ${name} }}`);
    return value;
  });
}

export interface ActionRun extends CliResult {
  outputs: Record<string, string>;
}

/**
 * Runs a workflow step that uses the roster action as a runner would: the step's `with:` (its
 * expressions evaluated) over the inputs' defaults, then action.yml's run step with its `env:`
 * evaluated, in the workspace `cwd`, with GITHUB_OUTPUT read back. (The install step, `npm ci` in the
 * action's folder, is what this checkout already did.)
 */
export async function runActionStep(step: WorkflowStep, cwd: string, values: ExpressionValues, runnerEnv: Record<string, string>): Promise<ActionRun> {
  const action = load(await readFile(join(repoRoot, "action.yml"), "utf8")) as ActionYaml;
  const inputs: ExpressionValues = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[`inputs.${name}`] = evaluate(spec.default ?? "", values);
  for (const [name, value] of Object.entries(step.with ?? {})) inputs[`inputs.${name}`] = evaluate(String(value), values);
  const runStep = action.runs.steps.find((s) => s.id === "roster");
  if (!runStep?.run) throw new Error("action.yml has no step with id roster");
  const stepEnv = Object.fromEntries(Object.entries(runStep.env ?? {}).map(([name, value]) => [name, evaluate(value, inputs)]));
  const outputFile = join(cwd, ".github-output");
  await writeFile(outputFile, "");
  const env = { PATH: process.env["PATH"] ?? "", ...runnerEnv, ...stepEnv, GITHUB_ACTION_PATH: repoRoot, GITHUB_WORKSPACE: cwd, GITHUB_OUTPUT: outputFile };
  const result = await spawnCaptured("bash", ["-c", runStep.run ?? ""], { cwd, env, timeoutMs: 60_000 });
  return { ...result, outputs: parseStepOutputs(await readFile(outputFile, "utf8")) };
}

/** Reads `name<<DELIM … DELIM` blocks, the form GITHUB_OUTPUT takes. */
export function parseStepOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const [, name, , value] of text.matchAll(pattern)) outputs[name ?? ""] = value ?? "";
  return outputs;
}
