// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { createGitHubClient } from "../../src/github/client.js";
import { findMergedPullForCommit } from "../../src/github/pull-for-commit.js";
import { APPLY_MARKER, upsertStickyComment } from "../../src/github/sticky-comment.js";
import { startFakeGitHub, type FakePull } from "../support/fake-github.js";

const MERGE_SHA = "a".repeat(40);

function pull(number: number, fields: Partial<FakePull>): FakePull {
  return { number, title: `PR ${number}`, state: "closed", merged_at: null, merge_commit_sha: null, base: { ref: "main" }, ...fields };
}

test("the merge commit leads to its merged pull request, and the apply result is commented there", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const octokit = createGitHubClient({ token: gh.token, baseUrl: gh.url, timing: { msPerSecond: 1, spaceWrites: false } });
  gh.pullsByCommit.set(MERGE_SHA, [
    pull(3, { state: "open" }),
    pull(4, { merged_at: "2024-05-01T10:00:00Z", merge_commit_sha: "b".repeat(40), base: { ref: "release" } }),
    pull(5, { merged_at: "2024-05-02T10:00:00Z", merge_commit_sha: MERGE_SHA }),
  ]);
  const found = await findMergedPullForCommit(octokit, { owner: gh.owner, repo: gh.repo, sha: MERGE_SHA });
  assert.deepEqual(found, { number: 5, title: "PR 5", url: "https://github.test/acme/rooms/pull/5", baseRef: "main", mergeCommitSha: MERGE_SHA });
  assert.ok(gh.requests.includes("GET /repos/acme/rooms"), "read the default branch when not given");

  await upsertStickyComment(octokit, { owner: gh.owner, repo: gh.repo, issueNumber: found.number, marker: APPLY_MARKER, body: "Apply complete: 2 joined, 0 invited, 0 kicked, 0 failed, 0 blocked." });
  assert.deepEqual(gh.comments.get(5)?.map((comment) => comment.body), [`${APPLY_MARKER}\nApply complete: 2 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.`]);
});

test("a commit no merged pull request contains gives null, not an error", async (t) => {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const octokit = createGitHubClient({ token: gh.token, baseUrl: gh.url, timing: { msPerSecond: 1, spaceWrites: false } });
  gh.pullsByCommit.set(MERGE_SHA, [pull(3, { state: "open" })]);
  assert.equal(await findMergedPullForCommit(octokit, { owner: gh.owner, repo: gh.repo, sha: MERGE_SHA, defaultBranch: "main" }), null);
  assert.equal(await findMergedPullForCommit(octokit, { owner: gh.owner, repo: gh.repo, sha: "c".repeat(40), defaultBranch: "main" }), null);
  assert.ok(!gh.requests.includes("GET /repos/acme/rooms"), "a given default branch is not looked up");
});
