// @ts-nocheck
import { UserError } from "../errors.js";

/** A GitHub REST call that failed after the retry and throttling plugins gave up. */
export class GitHubError extends UserError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
    hint?: string,
  ) {
    super(`GitHub ${method} ${path} answered ${status}${detail ? `: ${detail}` : ""}`, hint);
  }
}

/**
 * Runs one GitHub call and turns an Octokit RequestError into a GitHubError that says what to do.
 * The message is built from method, path, status and GitHub's own message only: never from headers,
 * so the token cannot leak into it.
 */
export async function callGitHub<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubError(error);
  }
}

export function toGitHubError(error: unknown): unknown {
  if (!isRequestError(error)) return error;
  const method = error.request.method ?? "?";
  const path = pathOf(error.request.url ?? "");
  const detail = messageOf(error.response?.data) ?? (error.status === 500 ? "" : error.message.split("\n")[0] ?? "");
  return new GitHubError(method, path, error.status, detail, hintFor(error.status, detail));
}

function hintFor(status: number, detail: string): string | undefined {
  if (status === 401) return "the token is invalid or expired: pass GITHUB_TOKEN from ${{ github.token }} or a valid token";
  if (status === 403 && /rate limit/i.test(detail)) return "GitHub's rate limit held after the retries: re-run the job later";
  if (status === 403 || (status === 404 && /Not Found/.test(detail))) {
    return "the token lacks access: the workflow needs `permissions: pull-requests: write` (and `contents: read`); pull requests from forks only get a read-only token";
  }
  if (status === 422) return "GitHub refused the content; please report it with the job log";
  if (status >= 500 || status === 0) return "GitHub is unavailable: re-run the job later (https://www.githubstatus.com)";
  return undefined;
}

interface RequestErrorLike {
  status: number;
  message: string;
  request: { method?: string; url?: string };
  response?: { data?: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as Partial<RequestErrorLike>).status === "number" && typeof (error as Partial<RequestErrorLike>).request === "object";
}

function messageOf(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const message = (data as { message?: unknown }).message;
  const errors = (data as { errors?: unknown }).errors;
  const first = Array.isArray(errors) ? (errors[0] as { message?: unknown } | undefined)?.message : undefined;
  if (typeof message !== "string") return undefined;
  return typeof first === "string" ? `${message} (${first})` : message;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return url.split("?")[0] ?? url;
  }
}
