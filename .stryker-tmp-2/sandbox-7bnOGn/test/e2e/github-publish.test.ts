// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { publishApplyResult, publishPlan } from "../../src/github/publish.js";
import { APPLY_MARKER, PLAN_MARKER } from "../../src/github/sticky-comment.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";

const timing = { msPerSecond: 1, spaceWrites: false };
const MERGE_SHA = "d".repeat(40);

/** The environment GitHub Actions gives a job, pointed at the fake API. */
async function actionsEnv(t: { after: (fn: () => Promise<void>) => void }, gh: FakeGitHub, eventName: string, event: unknown) {
  const dir = await mkdtemp(path.join(tmpdir(), "roster-actions-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, "event.json"), JSON.stringify(event));
  await writeFile(path.join(dir, "summary.md"), "");
  return {
    summary: path.join(dir, "summary.md"),
    env: {
      GITHUB_TOKEN: gh.token,
      GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
      GITHUB_API_URL: gh.url,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: path.join(dir, "event.json"),
      GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
      GITHUB_SHA: MERGE_SHA,
      GITHUB_SERVER_URL: "https://github.test",
      GITHUB_RUN_ID: "31",
    },
  };
}

function prEvent(number: number, headRepo: string) {
  return { repository: { default_branch: "main" }, pull_request: { number, head: { sha: "e".repeat(40), repo: { full_name: headRepo } }, base: { ref: "main", repo: { full_name: "acme/rooms" } } } };
}

test("a pull request's plan is commented once, then updated on the next push, and written to the job summary", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const { env, summary } = await actionsEnv(t, gh, "pull_request", prEvent(12, "acme/rooms"));
  const warnings: string[] = [];
  const first = await publishPlan({ env, markdown: "Plan: 1 to join, 0 to invite, 0 to kick, 0 blocked.", warn: (line) => warnings.push(line), timing });
  const second = await publishPlan({ env, markdown: "Plan: 2 to join, 0 to invite, 0 to kick, 0 blocked.", warn: (line) => warnings.push(line), timing });
  assert.equal(first.comment?.action, "created");
  assert.equal(second.comment?.action, "updated");
  assert.deepEqual(gh.comments.get(12)?.map((comment) => comment.body), [`${PLAN_MARKER}\nPlan: 2 to join, 0 to invite, 0 to kick, 0 blocked.`]);
  assert.equal(await readFile(summary, "utf8"), "Plan: 1 to join, 0 to invite, 0 to kick, 0 blocked.\nPlan: 2 to join, 0 to invite, 0 to kick, 0 blocked.\n");
  assert.deepEqual(warnings, []);
});

test("a pull request from a fork gets no comment and no GitHub call", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const { env } = await actionsEnv(t, gh, "pull_request", prEvent(13, "mallory/rooms"));
  const warnings: string[] = [];
  const result = await publishPlan({ env, markdown: "Plan", warn: (line) => warnings.push(line), timing });
  assert.equal(result.comment, undefined);
  assert.deepEqual(gh.requests, []);
  assert.match(warnings.join(""), /pull request #13 comes from a fork \(mallory\/rooms\)/);
});

test("apply after a merge comments its result on the merged pull request", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  gh.pullsByCommit.set(MERGE_SHA, [{ number: 12, title: "Add bob to #engineering", state: "closed", merged_at: "2024-05-02T10:00:00Z", merge_commit_sha: MERGE_SHA, base: { ref: "main" } }]);
  const { env, summary } = await actionsEnv(t, gh, "push", { repository: { default_branch: "main" }, after: MERGE_SHA });
  const result = await publishApplyResult({ env, markdown: "Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.", warn: () => undefined, timing });
  assert.equal(result.pullRequest?.number, 12);
  assert.deepEqual(gh.comments.get(12)?.map((comment) => comment.body), [`${APPLY_MARKER}\nApply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.`]);
  assert.match(await readFile(summary, "utf8"), /^Apply complete: 1 joined/);
});

test("a scheduled apply writes the job summary only", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const { env, summary } = await actionsEnv(t, gh, "schedule", { schedule: "17 5 * * *" });
  const result = await publishApplyResult({ env, markdown: "Apply complete: 0 joined", warn: () => undefined, timing });
  assert.deepEqual(result, { summaryWritten: true });
  assert.deepEqual(gh.requests, []);
  assert.equal(await readFile(summary, "utf8"), "Apply complete: 0 joined\n");
});

test("a direct push that no pull request merged warns and keeps the summary", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const { env } = await actionsEnv(t, gh, "push", { repository: { default_branch: "main" } });
  const warnings: string[] = [];
  const result = await publishApplyResult({ env, markdown: "Apply complete", warn: (line) => warnings.push(line), timing });
  assert.equal(result.pullRequest, undefined);
  assert.match(warnings.join(""), /no merged pull request contains dddddddddddd/);
});
