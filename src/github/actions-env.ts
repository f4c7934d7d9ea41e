import { readFile } from "node:fs/promises";
import { UserError } from "../errors.js";

/** The environment variables roster reads, as GitHub Actions sets them. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface PullRequestInfo {
  number: number;
  /** `owner/repo` of the head branch; null when the fork it came from was deleted. */
  headRepo: string | null;
  baseRepo: string;
  /** true when the head lives in another repository: its workflow gets no secrets and a read-only token. */
  isFork: boolean;
  headSha: string;
  baseRef: string;
}

export interface ActionsContext {
  token: string;
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  owner: string;
  repo: string;
  /** `GITHUB_SHA`: the commit the workflow runs on. */
  sha?: string;
  /** `GITHUB_EVENT_NAME`: pull_request, push, schedule, workflow_dispatch… */
  eventName?: string;
  /** `GITHUB_STEP_SUMMARY`: the file whose markdown becomes the job summary. */
  stepSummaryPath?: string;
  /** Link to this workflow run, where the job summary can be read. */
  runUrl?: string;
  /** The repository's default branch when the event payload names it (push, pull_request). */
  defaultBranch?: string;
  /** Present when the event payload is about a pull request. */
  pullRequest?: PullRequestInfo;
}

const DEFAULT_API_URL = "https://api.github.com";

/**
 * Reads the standard GitHub Actions environment. `GITHUB_TOKEN` and `GITHUB_REPOSITORY` are required;
 * the event payload (`GITHUB_EVENT_PATH`) is read when set. Errors name the variable and how to set it.
 */
export async function readActionsContext(env: Env): Promise<ActionsContext> {
  const token = requireVariable(env, "GITHUB_TOKEN", "pass it to the step: env: { GITHUB_TOKEN: ${{ github.token }} }");
  const [owner, repo] = parseRepository(requireVariable(env, "GITHUB_REPOSITORY", "GitHub Actions sets it; outside Actions set it to owner/repo"));
  const context: ActionsContext = { token, apiUrl: (nonEmpty(env["GITHUB_API_URL"]) ?? DEFAULT_API_URL).replace(/\/+$/, ""), owner, repo };
  assignDefined(context, "sha", nonEmpty(env["GITHUB_SHA"]));
  assignDefined(context, "eventName", nonEmpty(env["GITHUB_EVENT_NAME"]));
  assignDefined(context, "stepSummaryPath", nonEmpty(env["GITHUB_STEP_SUMMARY"]));
  assignDefined(context, "runUrl", buildRunUrl(env, owner, repo));
  const eventPath = nonEmpty(env["GITHUB_EVENT_PATH"]);
  if (eventPath !== undefined) {
    const payload = await readEventPayload(eventPath);
    assignDefined(context, "defaultBranch", readDefaultBranch(payload));
    assignDefined(context, "pullRequest", readPullRequest(payload, eventPath, `${owner}/${repo}`));
  }
  return context;
}

/** The pull request the run is about, or a UserError saying why there is none. */
export function requirePullRequest(context: ActionsContext, flag = "--github-comment"): PullRequestInfo {
  if (context.pullRequest === undefined) {
    throw new UserError(
      `${flag} needs a pull request, but the ${context.eventName ?? "current"} event has none (GITHUB_EVENT_PATH holds no pull_request)`,
      "run it from a workflow triggered by pull_request, or drop the flag",
    );
  }
  return context.pullRequest;
}

function requireVariable(env: Env, name: string, hint: string): string {
  const value = nonEmpty(env[name]);
  if (value === undefined) throw new UserError(`${name} is not set`, hint);
  return value;
}

function parseRepository(value: string): [string, string] {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new UserError(`GITHUB_REPOSITORY is "${value}", not owner/repo`, "set it to the repository's owner/name, e.g. acme/rooms");
  }
  return [match[1], match[2]];
}

async function readEventPayload(eventPath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(eventPath, "utf8");
  } catch (error) {
    throw new UserError(`cannot read the event payload GITHUB_EVENT_PATH=${eventPath}: ${(error as Error).message}`, "GitHub Actions sets it; outside Actions unset it or point it at an event JSON file");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`the event payload ${eventPath} is not JSON: ${(error as Error).message}`);
  }
}

function readPullRequest(payload: unknown, eventPath: string, repository: string): PullRequestInfo | undefined {
  const pr = field(payload, "pull_request");
  if (pr === undefined || pr === null) return undefined;
  const number = field(pr, "number");
  if (typeof number !== "number" || !Number.isInteger(number) || number <= 0) {
    throw new UserError(`the event payload ${eventPath} has a pull_request without a number`);
  }
  const headRepo = stringField(field(field(pr, "head"), "repo"), "full_name") ?? null;
  const baseRepo = stringField(field(field(pr, "base"), "repo"), "full_name") ?? repository;
  return {
    number,
    headRepo,
    baseRepo,
    // A deleted fork leaves head.repo null: treat it as a fork, never as trusted.
    isFork: headRepo === null || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
    headSha: stringField(field(pr, "head"), "sha") ?? "",
    baseRef: stringField(field(pr, "base"), "ref") ?? "",
  };
}

function readDefaultBranch(payload: unknown): string | undefined {
  return stringField(field(payload, "repository"), "default_branch");
}

/**
 * The commit, pull request and run behind a run in GitHub Actions (empty elsewhere), for apply's notice.
 * Only the environment Actions sets is read: no token needed, and nothing here throws.
 */
export function runOrigin(env: Env, pullRequest?: number): { commit?: string; commitUrl?: string; pullRequest?: number; pullRequestUrl?: string; runUrl?: string } {
  const [, owner, repo] = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(env["GITHUB_REPOSITORY"] ?? "") ?? [];
  // Read after the apply is done: a missing or odd variable leaves the origin out rather than failing.
  if (env["GITHUB_ACTIONS"] !== "true" || owner === undefined || repo === undefined) return {};
  const base = `${(nonEmpty(env["GITHUB_SERVER_URL"]) ?? "https://github.com").replace(/\/+$/, "")}/${owner}/${repo}`;
  const sha = nonEmpty(env["GITHUB_SHA"]);
  const runUrl = buildRunUrl(env, owner, repo);
  return {
    ...(sha !== undefined ? { commit: sha, commitUrl: `${base}/commit/${sha}` } : {}),
    ...(pullRequest !== undefined ? { pullRequest, pullRequestUrl: `${base}/pull/${pullRequest}` } : {}),
    ...(runUrl !== undefined ? { runUrl } : {}),
  };
}

function buildRunUrl(env: Env, owner: string, repo: string): string | undefined {
  const server = nonEmpty(env["GITHUB_SERVER_URL"]);
  const runId = nonEmpty(env["GITHUB_RUN_ID"]);
  if (server === undefined || runId === undefined) return undefined;
  return `${server.replace(/\/+$/, "")}/${owner}/${repo}/actions/runs/${runId}`;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === "string" && found !== "" ? found : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function assignDefined<K extends keyof ActionsContext>(target: ActionsContext, key: K, value: ActionsContext[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
