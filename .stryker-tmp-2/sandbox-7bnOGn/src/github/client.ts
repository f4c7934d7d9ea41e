// @ts-nocheck
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

const RosterOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof RosterOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, a GHES /api/v3 URL, or a test server. */
  baseUrl: string;
  /** How many times one request is retried after a primary or secondary rate limit (default 2). */
  maxRateLimitRetries?: number;
  /** A rate-limit wait longer than this is not waited for: the request fails instead (default 120). */
  maxRateLimitWaitSeconds?: number;
  /** Where warnings go (rate limits hit, retries); nothing is logged when absent. Never sees the token. */
  warn?: (message: string) => void;
  timing?: GitHubTiming;
}

/** Lets tests make every wait take milliseconds; production keeps the plugins' GitHub-recommended defaults. */
export interface GitHubTiming {
  /** Milliseconds per second of Retry-After / backoff (default 1000). */
  msPerSecond?: number;
  /** false: no spacing between writes (the plugin otherwise waits 1 s between writes, 3 s between comment creations). */
  spaceWrites?: boolean;
}

/**
 * An Octokit for the REST API at `baseUrl`, with plugin-retry (5xx and network errors) and
 * plugin-throttling (GitHub's primary and secondary rate limits, retried a bounded number of times).
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const maxRetries = options.maxRateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const warn = options.warn ?? (() => undefined);
  const msPerSecond = options.timing?.msPerSecond ?? 1000;
  const decide = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    const retrying = retryCount < maxRetries && retryAfter <= maxWait;
    warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${maxRetries})` : "giving up"}`);
    return retrying;
  };
  return new RosterOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "roster",
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => warn(message), error: (message: string) => warn(message) },
    retry: { retryAfterBaseValue: msPerSecond },
    throttle: {
      onRateLimit: decide("primary"),
      onSecondaryRateLimit: decide("secondary"),
      retryAfterBaseValue: msPerSecond,
      ...(options.timing?.spaceWrites === false ? { write: unspacedGroup(), notifications: unspacedGroup() } : {}),
    },
  });
}

type LimiterGroup = NonNullable<NonNullable<NonNullable<ConstructorParameters<typeof RosterOctokit>[0]>["throttle"]>["write"]>;

/**
 * A stand-in for a Bottleneck.Group that runs each job at once. The throttling plugin only calls
 * `group.key(id).schedule(options, job)` on these; the e2e tests against the fake API exercise it.
 */
function unspacedGroup(): LimiterGroup {
  const limiter = { schedule: (_options: unknown, job: () => Promise<unknown>) => job() };
  return { key: () => limiter } as unknown as LimiterGroup;
}
