// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readActionsContext, requirePullRequest } from "../../src/github/actions-env.js";
import { appendJobSummary } from "../../src/github/job-summary.js";
import { UserError } from "../../src/errors.js";

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "roster-gh-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function pullRequestEvent(headRepo: string | null) {
  return {
    action: "synchronize",
    repository: { full_name: "acme/rooms", default_branch: "main" },
    pull_request: { number: 42, head: { sha: "abc123", repo: headRepo === null ? null : { full_name: headRepo } }, base: { ref: "main", repo: { full_name: "acme/rooms" } } },
  };
}

test("a same-repository pull request is read from the event payload", async (t) => {
  const dir = await tempDir(t);
  await writeFile(path.join(dir, "event.json"), JSON.stringify(pullRequestEvent("acme/rooms")));
  const context = await readActionsContext({
    GITHUB_TOKEN: "ghs_x",
    GITHUB_REPOSITORY: "acme/rooms",
    GITHUB_EVENT_PATH: path.join(dir, "event.json"),
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_SHA: "merge123",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "99",
  });
  assert.deepEqual(context, {
    token: "ghs_x",
    apiUrl: "https://api.github.com",
    owner: "acme",
    repo: "rooms",
    sha: "merge123",
    eventName: "pull_request",
    runUrl: "https://github.com/acme/rooms/actions/runs/99",
    defaultBranch: "main",
    pullRequest: { number: 42, headRepo: "acme/rooms", baseRepo: "acme/rooms", isFork: false, headSha: "abc123", baseRef: "main" },
  });
  assert.equal(requirePullRequest(context).number, 42);
});

test("a pull request from a fork, or from a deleted fork, is marked as a fork", async (t) => {
  const dir = await tempDir(t);
  for (const [headRepo, isFork] of [["mallory/rooms", true], [null, true], ["ACME/rooms", false]] as const) {
    await writeFile(path.join(dir, "event.json"), JSON.stringify(pullRequestEvent(headRepo)));
    const context = await readActionsContext({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/rooms", GITHUB_EVENT_PATH: path.join(dir, "event.json") });
    assert.equal(context.pullRequest?.isFork, isFork, String(headRepo));
  }
});

test("GITHUB_API_URL points the client elsewhere (GHES, the tests' fake)", async () => {
  const context = await readActionsContext({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/rooms", GITHUB_API_URL: "http://127.0.0.1:4000/" });
  assert.equal(context.apiUrl, "http://127.0.0.1:4000");
  assert.equal(context.pullRequest, undefined);
});

const missing: { name: string; env: Record<string, string>; message: RegExp }[] = [
  { name: "no token", env: { GITHUB_REPOSITORY: "acme/rooms" }, message: /^GITHUB_TOKEN is not set$/ },
  { name: "an empty token", env: { GITHUB_TOKEN: " ", GITHUB_REPOSITORY: "acme/rooms" }, message: /^GITHUB_TOKEN is not set$/ },
  { name: "no repository", env: { GITHUB_TOKEN: "t" }, message: /^GITHUB_REPOSITORY is not set$/ },
  { name: "a malformed repository", env: { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme" }, message: /^GITHUB_REPOSITORY is "acme", not owner\/repo$/ },
  { name: "an unreadable event file", env: { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/rooms", GITHUB_EVENT_PATH: "/nonexistent/event.json" }, message: /cannot read the event payload GITHUB_EVENT_PATH=\/nonexistent\/event\.json/ },
];

for (const { name, env, message } of missing) {
  test(`the Actions environment with ${name} is a clear UserError`, async () => {
    await assert.rejects(readActionsContext(env), (error: unknown) => error instanceof UserError && message.test(error.message) && error.hint !== undefined);
  });
}

test("--github-comment outside a pull request says so", async () => {
  const context = await readActionsContext({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/rooms", GITHUB_EVENT_NAME: "push" });
  assert.throws(() => requirePullRequest(context), /--github-comment needs a pull request, but the push event has none/);
});

test("the job summary is appended when GITHUB_STEP_SUMMARY is set, skipped otherwise", async (t) => {
  const file = path.join(await tempDir(t), "summary.md");
  await writeFile(file, "# earlier step\n");
  assert.equal(await appendJobSummary("## roster plan", file), true);
  assert.equal(await appendJobSummary("## roster plan", undefined), false);
  assert.equal(await readFile(file, "utf8"), "# earlier step\n## roster plan\n");
});
