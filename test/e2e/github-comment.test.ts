import { test } from "node:test";
import assert from "node:assert/strict";
import { createGitHubClient } from "../../src/github/client.js";
import { GitHubError } from "../../src/github/errors.js";
import { PLAN_MARKER, upsertStickyComment } from "../../src/github/sticky-comment.js";
import { SECONDARY_RATE_LIMIT, startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";

const fastTiming = { msPerSecond: 1, spaceWrites: false };

async function setUp(t: { after: (fn: () => Promise<void>) => void }) {
  const gh = await startFakeGitHub();
  t.after(() => gh.close());
  const warnings: string[] = [];
  const octokit = createGitHubClient({ token: gh.token, baseUrl: gh.url, timing: fastTiming, warn: (line) => warnings.push(line) });
  return { gh, octokit, warnings };
}

function target(gh: FakeGitHub, body: string) {
  return { owner: gh.owner, repo: gh.repo, issueNumber: 7, marker: PLAN_MARKER, body };
}

function isGitHubError(check: (error: GitHubError) => void) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof GitHubError, String(error));
    check(error);
    return true;
  };
}

test("the first upsert creates the comment, later ones update that same comment", async (t) => {
  const { gh, octokit } = await setUp(t);
  // Enough discussion that roster's comment lands on the third page of 100.
  for (let i = 0; i < 230; i++) gh.addComment(7, `review remark ${i}`, "alice");
  const first = await upsertStickyComment(octokit, target(gh, "Plan: 1 to join, 0 to invite, 0 to kick, 0 blocked."));
  for (let i = 0; i < 5; i++) gh.addComment(7, `more discussion ${i}`, "bob");
  const second = await upsertStickyComment(octokit, target(gh, "Plan: 2 to join, 0 to invite, 0 to kick, 0 blocked."));
  const third = await upsertStickyComment(octokit, target(gh, "Plan: 2 to join, 0 to invite, 0 to kick, 0 blocked."));

  assert.equal(first.action, "created");
  assert.equal(second.action, "updated");
  assert.equal(third.action, "unchanged");
  assert.equal(second.id, first.id);
  const ours = (gh.comments.get(7) ?? []).filter((comment) => comment.body.includes(PLAN_MARKER));
  assert.equal(ours.length, 1);
  assert.equal(ours[0]?.body, `${PLAN_MARKER}\nPlan: 2 to join, 0 to invite, 0 to kick, 0 blocked.`);
  assert.ok(gh.requests.some((line) => /\/issues\/7\/comments\?.*page=3/.test(line)), "paged through the comments via Link headers");
  assert.ok(gh.requests.filter((line) => /\/issues\/7\/comments\?/.test(line)).every((line) => /per_page=100/.test(line)), "100 comments a page, GitHub's most");
});

test("roster's own comment is found even when its source starts with blank lines; a marker that is not one HTML comment line is refused before any request", async (t) => {
  const { gh, octokit } = await setUp(t);
  const old = gh.addComment(7, `\n  ${PLAN_MARKER}\nPlan: old`, "roster-bot");
  const result = await upsertStickyComment(octokit, target(gh, "Plan: new"));
  assert.deepEqual([result.action, result.id], ["updated", old.id]);
  const before = gh.requests.length;
  for (const marker of ["roster plan", "<!-- roster:plan\n-->", "<!-- a --> trailing"]) {
    await assert.rejects(upsertStickyComment(octokit, { ...target(gh, "x"), marker }), TypeError, marker);
  }
  assert.equal(gh.requests.length, before);
});

test("a person quoting the marker is never overwritten", async (t) => {
  const { gh, octokit } = await setUp(t);
  const quote = gh.addComment(7, `> ${PLAN_MARKER}\n> Plan: 1 to join\nWhy alice?`, "carol");
  const result = await upsertStickyComment(octokit, target(gh, "Plan: 1 to join"));
  assert.equal(result.action, "created");
  assert.notEqual(result.id, quote.id);
  assert.equal(gh.comments.get(7)?.[0]?.body, `> ${PLAN_MARKER}\n> Plan: 1 to join\nWhy alice?`);
});

test("a plan larger than a comment is cut below 65,536 characters and says where the rest is", async (t) => {
  const { gh, octokit } = await setUp(t);
  const rooms = Array.from({ length: 900 }, (_, i) => `### #room-${i}:acme.test\n\n\`\`\`diff\n${Array.from({ length: 6 }, (_, j) => `+ @user-${i}-${j}:acme.test 🙂`).join("\n")}\n\`\`\`\n`);
  const body = `## roster plan\n\nPlan: 5400 to join, 0 to invite, 0 to kick, 0 blocked.\n\n${rooms.join("\n")}`;
  assert.ok(body.length > 150_000);
  const result = await upsertStickyComment(octokit, { ...target(gh, body), fullTextAt: "the job summary of [this run](https://github.test/run/1)" });
  const posted = gh.comments.get(7)?.[0]?.body ?? "";
  assert.equal(result.action, "created");
  assert.ok(posted.length < 65_536, `posted ${posted.length} code units`);
  assert.ok(posted.startsWith(`${PLAN_MARKER}\n## roster plan\n\nPlan: 5400 to join`));
  assert.match(posted, /Summarised to fit a GitHub comment.*the job summary of \[this run\]\(https:\/\/github\.test\/run\/1\)/);
  assert.equal((posted.match(/```/g) ?? []).length % 2, 0, "every code fence is closed");
  // The same huge plan again finds the same comment (the marker survived the cut).
  assert.equal((await upsertStickyComment(octokit, target(gh, body))).action, "updated");
  assert.equal(gh.comments.get(7)?.length, 1);
});

test("a 403 secondary rate limit is waited out and retried", async (t) => {
  const { gh, octokit, warnings } = await setUp(t);
  gh.faults.push({ ...SECONDARY_RATE_LIMIT, match: /^POST / });
  const result = await upsertStickyComment(octokit, target(gh, "Plan: nothing to do."));
  assert.equal(result.action, "created");
  assert.equal(gh.requests.filter((line) => line.startsWith("POST ")).length, 2);
  assert.equal(gh.comments.get(7)?.length, 1);
  assert.match(warnings.join("\n"), /secondary rate limit on POST .*retrying in 1 s \(retry 1 of 2\)/);
});

test("the rate-limit retries are bounded: the third refusal is a clear error", async (t) => {
  const { gh, octokit } = await setUp(t);
  gh.faults.push(SECONDARY_RATE_LIMIT, SECONDARY_RATE_LIMIT, SECONDARY_RATE_LIMIT);
  await assert.rejects(
    upsertStickyComment(octokit, target(gh, "Plan")),
    isGitHubError((error) => {
      assert.equal(error.status, 403);
      assert.match(error.message, /^GitHub GET \/repos\/acme\/rooms\/issues\/7\/comments answered 403: You have exceeded a secondary rate limit/);
      assert.match(error.hint ?? "", /re-run the job later/);
    }),
  );
  assert.equal(gh.requests.length, 3);
});

test("a primary rate limit (x-ratelimit-remaining: 0) is retried after the reset", async (t) => {
  const { gh, octokit } = await setUp(t);
  const reset = String(Math.floor(Date.now() / 1000));
  gh.faults.push({ status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, body: { message: "API rate limit exceeded for installation ID 1." } });
  assert.equal((await upsertStickyComment(octokit, target(gh, "Plan"))).action, "created");
  assert.equal(gh.requests.filter((line) => line.startsWith("GET ")).length, 2);
});

test("a refused token is an error that names the call and never the token", async (t) => {
  const { gh } = await setUp(t);
  const octokit = createGitHubClient({ token: "ghs_wrong-secret", baseUrl: gh.url, timing: fastTiming });
  await assert.rejects(
    upsertStickyComment(octokit, target(gh, "Plan")),
    isGitHubError((error) => {
      assert.equal(error.message, "GitHub GET /repos/acme/rooms/issues/7/comments answered 401: Bad credentials");
      assert.doesNotMatch(`${error.message} ${error.hint ?? ""}`, /ghs_wrong-secret/);
    }),
  );
});

test("a 403 without a rate limit (a fork's read-only token) says which permission is missing", async (t) => {
  const { gh, octokit } = await setUp(t);
  gh.faults.push({ status: 403, match: /^POST /, body: { message: "Resource not accessible by integration" } });
  await assert.rejects(
    upsertStickyComment(octokit, target(gh, "Plan")),
    isGitHubError((error) => {
      assert.match(error.message, /POST \/repos\/acme\/rooms\/issues\/7\/comments answered 403: Resource not accessible by integration$/);
      assert.match(error.hint ?? "", /pull-requests: write/);
    }),
  );
  assert.equal(gh.requests.filter((line) => line.startsWith("POST ")).length, 1, "a permission refusal is not retried");
});
