// @ts-nocheck
import type { GitHubClient } from "./client.js";
import { callGitHub } from "./errors.js";
import { fitCommentBody } from "./fit-body.js";

export { fitCommentBody, GITHUB_COMMENT_LIMIT } from "./fit-body.js";

/** Hidden markers that identify roster's own comments; one sticky comment per marker and pull request. */
export const PLAN_MARKER = "<!-- roster:plan -->";
export const APPLY_MARKER = "<!-- roster:apply -->";

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  /** The pull request (or issue) number. */
  issueNumber: number;
  /** An HTML comment, e.g. PLAN_MARKER: invisible in the rendered comment, the first line of its source. */
  marker: string;
  body: string;
  /** Where the full text is when the body has to be summarised (see fitCommentBody). */
  fullTextAt?: string;
}

export interface StickyCommentResult {
  action: "created" | "updated" | "unchanged";
  id: number;
  url: string;
  /** The body as posted: marker first, fitted below GitHub's limit. */
  body: string;
}

/**
 * Creates roster's comment on the pull request, or updates the one that already carries `marker`.
 * Pages through every comment, so an old comment on a long discussion is still found; never
 * creates a second one. Only a comment whose source starts with the marker counts, so a person
 * quoting roster's comment is never overwritten.
 */
export async function upsertStickyComment(octokit: GitHubClient, target: StickyCommentTarget): Promise<StickyCommentResult> {
  if (!/^<!--[^]*?-->$/.test(target.marker) || target.marker.includes("\n")) {
    throw new TypeError(`sticky comment marker must be one HTML comment on one line, got ${JSON.stringify(target.marker)}`);
  }
  const { owner, repo, issueNumber: issue_number } = target;
  const body = fitCommentBody(`${target.marker}\n${target.body}`, target.fullTextAt === undefined ? {} : { fullTextAt: target.fullTextAt });
  const existing = await findMarkedComment(octokit, owner, repo, issue_number, target.marker);
  if (existing === undefined) {
    const created = await callGitHub(() => octokit.rest.issues.createComment({ owner, repo, issue_number, body }));
    return { action: "created", id: created.data.id, url: created.data.html_url, body };
  }
  if (existing.body === body) return { action: "unchanged", id: existing.id, url: existing.html_url, body };
  const updated = await callGitHub(() => octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body }));
  return { action: "updated", id: updated.data.id, url: updated.data.html_url, body };
}

interface CommentSummary {
  id: number;
  html_url: string;
  body?: string | undefined;
}

/** The oldest comment whose body starts with the marker, stopping at the first page that has one. */
export async function findMarkedComment(octokit: GitHubClient, owner: string, repo: string, issueNumber: number, marker: string): Promise<CommentSummary | undefined> {
  return callGitHub(async () => {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
    for await (const page of pages) {
      const found = page.data.find((comment) => comment.body?.trimStart().startsWith(marker) === true);
      if (found !== undefined) return found;
    }
    return undefined;
  });
}
