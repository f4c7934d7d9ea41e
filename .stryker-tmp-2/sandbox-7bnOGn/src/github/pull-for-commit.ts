// @ts-nocheck
import type { GitHubClient } from "./client.js";
import { callGitHub } from "./errors.js";

export interface MergedPullRequest {
  number: number;
  title: string;
  url: string;
  baseRef: string;
  mergeCommitSha: string | null;
}

export interface PullForCommitQuery {
  owner: string;
  repo: string;
  /** The pushed commit (GITHUB_SHA on push). */
  sha: string;
  /** The branch merges land on; read from the repository when not given. */
  defaultBranch?: string;
}

/**
 * The merged pull request that a commit on the default branch came from, via
 * `GET /repos/{owner}/{repo}/commits/{sha}/pulls`. A direct push, a schedule run or a commit no
 * merged pull request contains gives null, not an error. When several match (a commit that was on
 * more than one branch), the one whose merge commit is `sha` wins.
 */
export async function findMergedPullForCommit(octokit: GitHubClient, query: PullForCommitQuery): Promise<MergedPullRequest | null> {
  const { owner, repo, sha } = query;
  const defaultBranch = query.defaultBranch ?? (await readDefaultBranch(octokit, owner, repo));
  const pulls = await callGitHub(() => octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: sha, per_page: 100 }));
  const merged = pulls.filter((pull) => pull.merged_at !== null && pull.base.ref === defaultBranch);
  const chosen = merged.find((pull) => pull.merge_commit_sha === sha) ?? merged[0];
  if (chosen === undefined) return null;
  return { number: chosen.number, title: chosen.title, url: chosen.html_url, baseRef: chosen.base.ref, mergeCommitSha: chosen.merge_commit_sha ?? null };
}

async function readDefaultBranch(octokit: GitHubClient, owner: string, repo: string): Promise<string> {
  const response = await callGitHub(() => octokit.rest.repos.get({ owner, repo }));
  return response.data.default_branch;
}
