import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { PLAN_MARKER } from "../../src/github/sticky-comment.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { acmeUsers, declarationsDir } from "../support/e2e.js";
import { startFakeGitHub } from "../support/fake-github.js";
import { runActionStep, type WorkflowStep } from "../support/run-action.js";
import { runCli } from "../support/run-cli.js";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } }).trim();
}

async function workflowSteps(cwd: string, file: string, job: string): Promise<WorkflowStep[]> {
  const workflow = load(await readFile(join(cwd, ".github", "workflows", file), "utf8")) as { jobs: Record<string, { steps: WorkflowStep[] }> };
  return workflow.jobs[job]?.steps ?? [];
}

async function rosterStep(cwd: string, file: string, job: string): Promise<WorkflowStep> {
  const step = (await workflowSteps(cwd, file, job)).find((s) => s.uses?.includes("/roster@"));
  assert.ok(step, `${file} ${job} has a step using the roster action`);
  return step;
}

const files = [".github/CODEOWNERS", ".github/workflows/roster-apply.yml", ".github/workflows/roster-pr.yml", "README.md", "rooms/rooms.yaml", "schemas/rooms.schema.json"];

test("roster init scaffolds a membership repository that validates; a rerun changes nothing and never overwrites", async (t) => {
  const cwd = await declarationsDir(t, {});
  const first = await runCli(["init", "--server-name", "acme.test"], { cwd });
  assert.equal(first.code, 0, first.stderr);
  for (const file of files) assert.match(first.stdout, new RegExp(`^wrote +${file.replace(/\./g, "\\.")}$`, "m"));
  assert.match(first.stdout, /roster import --all --write/);
  assert.match(first.stdout, /MATRIX_ADMIN_TOKEN/);
  assert.match(await readFile(join(cwd, "rooms", "rooms.yaml"), "utf8"), /^server_name: acme\.test$/m);
  assert.equal(await readFile(join(cwd, "schemas", "rooms.schema.json"), "utf8"), await readFile(join(process.cwd(), "schemas", "rooms.schema.json"), "utf8"));
  assert.equal((await runCli(["validate"], { cwd })).code, 0);

  await writeFile(join(cwd, "README.md"), "our own readme\n");
  const again = await runCli(["init", "--server-name", "acme.test"], { cwd });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Init: 0 written/);
  assert.match(again.stdout, /^kept +README\.md/m);
  assert.equal(await readFile(join(cwd, "README.md"), "utf8"), "our own readme\n");
});

test("roster init reads the server name from the token's server, and refuses to guess without one", async (t) => {
  const hs = await startSandbox(acmeUsers().build());
  t.after(() => hs.close());
  const cwd = await declarationsDir(t, {});
  const connected = await runCli(["init"], { cwd, env: hs.env });
  assert.equal(connected.code, 0, connected.stderr);
  assert.match(await readFile(join(cwd, "rooms", "rooms.yaml"), "utf8"), /^server_name: acme\.test$/m);
  const unknown = await runCli(["init"], { cwd: await declarationsDir(t, {}) });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /--server-name/);
});

async function initRepository(t: TestContext) {
  const hs = await startSandbox(acmeUsers().room({ alias: "general", creator: "admin", join_rule: "public" }).build());
  t.after(() => hs.close());
  const gh = await startFakeGitHub({ owner: "acme", repo: "membership" });
  t.after(() => gh.close());
  const cwd = await declarationsDir(t, {});
  assert.equal((await runCli(["init", "--server-name", "acme.test", "--action", "acme/roster@v1"], { cwd })).code, 0);
  git(cwd, "init", "-q", "-b", "main");
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", "roster init");
  git(cwd, "update-ref", "refs/remotes/origin/main", "HEAD");
  await writeFile(join(cwd, "rooms", "general.yaml"), 'rooms:\n  "#general":\n    members: [alice]\n');
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", "alice joins #general");
  const sha = git(cwd, "rev-parse", "HEAD");
  const runner = async (eventName: string, event: unknown) => {
    await writeFile(join(cwd, "..", `${eventName}.json`), JSON.stringify(event));
    return {
      GITHUB_REPOSITORY: "acme/membership",
      GITHUB_API_URL: gh.url,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: join(cwd, "..", `${eventName}.json`),
      GITHUB_SHA: sha,
    };
  };
  const values = { "secrets.MATRIX_HOMESERVER_URL": hs.url, "secrets.MATRIX_ADMIN_TOKEN": hs.adminToken, "github.base_ref": "main", "github.token": gh.token };
  return { hs, gh, cwd, sha, runner, values };
}

test("a repository made by roster init runs its workflows through the action: validate, plan with a comment, apply", async (t) => {
  const { hs, gh, cwd, sha, runner, values } = await initRepository(t);
  const pull = { repository: { default_branch: "main" }, pull_request: { number: 3, head: { sha, repo: { full_name: "acme/membership" } }, base: { ref: "main", repo: { full_name: "acme/membership" } } } };

  const validateStep = await rosterStep(cwd, "roster-pr.yml", "validate");
  assert.equal(validateStep.uses, "acme/roster@v1");
  const validate = await runActionStep(validateStep, cwd, values, await runner("pull_request", pull));
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  assert.deepEqual(validate.outputs, { "exit-code": "0", summary: "rooms: 2 files valid — 1 room, 0 groups, server_name acme.test." });

  const plan = await runActionStep(await rosterStep(cwd, "roster-pr.yml", "plan"), cwd, values, await runner("pull_request", pull));
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.deepEqual(plan.outputs, { "exit-code": "0", summary: "Plan: 1 to join, 0 to invite, 0 to kick, 0 blocked." });
  const comments = gh.comments.get(3) ?? [];
  assert.equal(comments.length, 1);
  assert.ok(comments[0]?.body.startsWith(PLAN_MARKER));
  assert.match(comments[0]?.body ?? "", /@alice:acme\.test/);
  assert.ok(!(plan.stdout + plan.stderr).includes(hs.adminToken));

  const push = { repository: { default_branch: "main" }, head_commit: { id: sha } };
  const apply = await runActionStep(await rosterStep(cwd, "roster-apply.yml", "apply"), cwd, values, await runner("push", push));
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.deepEqual(apply.outputs, { "exit-code": "0", summary: "Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked." });
  assert.deepEqual(hs.joinedMembers("#general:acme.test"), ["@admin:acme.test", "@alice:acme.test"]);

  const after = await runActionStep(await rosterStep(cwd, "roster-pr.yml", "plan"), cwd, values, await runner("pull_request", pull));
  assert.equal(after.outputs["summary"], "Plan: 0 to join, 0 to invite, 0 to kick, 0 blocked.");
});

test("the action reports a failing run's exit code as its output, and refuses an unknown command", async (t) => {
  const { cwd, runner, values } = await initRepository(t);
  await writeFile(join(cwd, "rooms", "broken.yaml"), "rooms:\n  \"#x\":\n    members: [Alice]\n");
  const validate = await runActionStep({ uses: "acme/roster@v1", with: { command: "validate", token: "${{ secrets.MATRIX_ADMIN_TOKEN }}" } }, cwd, values, await runner("push", {}));
  assert.equal(validate.code, 1);
  assert.equal(validate.outputs["exit-code"], "1");
  assert.match(validate.stdout, /^::error file=rooms\/broken\.yaml,line=3/m);
  const bogus = await runActionStep({ uses: "acme/roster@v1", with: { command: "destroy" } }, cwd, values, await runner("push", {}));
  assert.equal(bogus.code, 1);
  assert.match(bogus.stderr, /command input is "destroy"/);
});
