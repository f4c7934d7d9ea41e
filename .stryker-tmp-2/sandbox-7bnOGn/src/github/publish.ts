// @ts-nocheck
import { readActionsContext, requirePullRequest, type ActionsContext, type Env } from "./actions-env.js";
import { createGitHubClient, type GitHubTiming } from "./client.js";
import { appendJobSummary } from "./job-summary.js";
import { findMergedPullForCommit, type MergedPullRequest } from "./pull-for-commit.js";
import { APPLY_MARKER, PLAN_MARKER, upsertStickyComment, type StickyCommentResult } from "./sticky-comment.js";

/** What `--github-comment` needs from the CLI: the environment, the rendered markdown, a warning sink. */
export interface PublishOptions {
  env: Env;
  /** The plan or apply result rendered as markdown (`--format markdown`), summary line first. */
  markdown: string;
  /** Lines for stderr: skipped comments, rate limits waited out. */
  warn: (message: string) => void;
  timing?: GitHubTiming;
}

export interface PublishResult {
  summaryWritten: boolean;
  comment?: StickyCommentResult;
  /** The merged pull request the apply was commented on (apply only). */
  pullRequest?: MergedPullRequest;
}

/**
 * `roster plan --github-comment`: writes the job summary and upserts the one plan comment on the
 * pull request of this run. A pull request from a fork is skipped with a warning (its token cannot comment).
 */
export async function publishPlan(options: PublishOptions): Promise<PublishResult> {
  const context = await readActionsContext(options.env);
  const pull = requirePullRequest(context);
  const summaryWritten = await appendJobSummary(options.markdown, context.stepSummaryPath, whereFull(context, "log"));
  if (pull.isFork) {
    options.warn(`pull request #${pull.number} comes from a fork (${pull.headRepo ?? "deleted"}): its token is read-only, so the plan is not commented`);
    return { summaryWritten };
  }
  const comment = await upsertStickyComment(createClient(context, options), {
    owner: context.owner,
    repo: context.repo,
    issueNumber: pull.number,
    marker: PLAN_MARKER,
    body: options.markdown,
    fullTextAt: whereFull(context, "summary"),
  });
  return { summaryWritten, comment };
}

/**
 * `roster apply --github-comment`: writes the job summary and, when the run was triggered by a push
 * that merged a pull request, upserts the apply result comment on that pull request. Scheduled and
 * manual runs (drift repair) have no pull request to report to: summary only.
 */
export async function publishApplyResult(options: PublishOptions): Promise<PublishResult> {
  const context = await readActionsContext(options.env);
  const summaryWritten = await appendJobSummary(options.markdown, context.stepSummaryPath, whereFull(context, "log"));
  if (context.eventName !== "push" || context.sha === undefined) return { summaryWritten };
  const octokit = createClient(context, options);
  const query = { owner: context.owner, repo: context.repo, sha: context.sha, ...(context.defaultBranch === undefined ? {} : { defaultBranch: context.defaultBranch }) };
  const pullRequest = await findMergedPullForCommit(octokit, query);
  if (pullRequest === null) {
    options.warn(`no merged pull request contains ${context.sha.slice(0, 12)}: the result is in the job summary only`);
    return { summaryWritten };
  }
  const comment = await upsertStickyComment(octokit, {
    owner: context.owner,
    repo: context.repo,
    issueNumber: pullRequest.number,
    marker: APPLY_MARKER,
    body: options.markdown,
    fullTextAt: whereFull(context, "summary"),
  });
  return { summaryWritten, comment, pullRequest };
}

function createClient(context: ActionsContext, options: PublishOptions) {
  return createGitHubClient({ token: context.token, baseUrl: context.apiUrl, warn: options.warn, ...(options.timing === undefined ? {} : { timing: options.timing }) });
}

function whereFull(context: ActionsContext, place: "summary" | "log"): string {
  const run = context.runUrl === undefined ? "this workflow run" : `[this workflow run](${context.runUrl})`;
  return place === "summary" ? `the job summary of ${run}` : `the log of ${run}`;
}
