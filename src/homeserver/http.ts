import { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "./errors.js";
import { createSend, SendTimeout, type RawAnswer } from "./http-send.js";
import { createRedactor, redactJson, type Redactor } from "./redact.js";
import { computeBackoffMs, readRetryAfterMs, WaitBudget } from "./retry-policy.js";
import { buildQuery, type QueryValue, type Route } from "./route.js";
import { classifyTransportError, isNetworkError, type TransportFailure } from "./transport-error.js";
import { UserError } from "../errors.js";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_WAIT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./defaults.js";


export interface HttpOptions {
  /** e.g. `https://matrix.example.org` (a path prefix is kept; no trailing slash needed). */
  baseUrl: string;
  /** Sent only as `Authorization: Bearer`; held in a closure, never on an object that could be logged. */
  token: string;
  requestTimeoutMs?: number;
  /** The run's total budget for waiting on 429 answers. */
  maxWaitMs?: number;
  /** Attempts per request for 5xx, timeouts and network errors. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Injected in tests so retries take no time. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Called for every answer and every retry (for --verbose); events never contain the token. */
  onEvent?: (event: HttpEvent) => void;
}

export type HttpEvent =
  | { type: "response"; method: string; path: string; status: number; attempt: number; durationMs: number }
  | { type: "retry"; method: string; path: string; attempt: number; cause: string; waitMs: number };

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestSpec {
  method: HttpMethod;
  route: Route;
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Overrides the client's attempts for 5xx, timeouts and network errors (e.g. a quick first probe). */
  maxAttempts?: number;
  /** Filled in as the request goes: how often it was sent, and how long it waited on 429s. */
  stats?: RequestStats;
  /** false: a 429 fails at once (RateLimitedError) instead of being waited out, for requests that may be dropped. */
  waitOnRateLimit?: boolean;
}

export interface RequestStats {
  attempts: number;
  rateLimitWaitMs: number;
}

export interface Http {
  /** Sends one request with retries; resolves with the parsed JSON of a 2xx answer. */
  request<T = unknown>(spec: RequestSpec): Promise<T>;
  /** What is left of the --max-wait budget. */
  readonly waitBudgetLeftMs: number;
  /** true once a request exhausted its attempts without any answer: later requests fail fast. */
  readonly unreachable: boolean;
}

type Answer = { kind: "answer"; durationMs: number } & RawAnswer;
type Outcome = Answer | ({ kind: "transport" } & TransportFailure);

const MAX_RATE_LIMITED_RETRIES = 50;
const MIN_RATE_LIMIT_WAIT_MS = 100;

export function createHttp(options: HttpOptions): Http {
  const token = options.token;
  if (!/^[\x21-\x7e]+$/.test(token)) {
    // Checked here because fetch's own complaint about a bad header quotes the header's value.
    throw new UserError("the access token is empty or holds characters that cannot be sent in an HTTP header", "Give only the token, on one line.");
  }
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const budget = new WaitBudget(options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS, now);
  const redact = createRedactor(token);
  const emit = options.onEvent ?? (() => undefined);
  let unreachableReason: string | undefined;
  // createSend parses the URL first: an invalid one throws there, so describeServer always has a URL.
  const transport = createSend(options.baseUrl);
  const server = describeServer(options.baseUrl);

  async function send(spec: RequestSpec): Promise<Outcome> {
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}` };
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    const started = now();
    try {
      const answer = await transport({
        method: spec.method,
        path: `${spec.route.path}${buildQuery(spec.query)}`,
        headers,
        timeoutMs,
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
      });
      return { kind: "answer", ...answer, durationMs: now() - started };
    } catch (error) {
      const timedOut = error instanceof SendTimeout;
      // No `cause`: transport errors can carry request details; the message is redacted instead.
      // eslint-disable-next-line preserve-caught-error
      if (!timedOut && !isNetworkError(error)) throw new Error(`could not send ${spec.method} ${spec.route.path}: ${redact(String(error))}`);
      return { kind: "transport", ...classifyTransportError(error, timedOut, timeoutMs) };
    }
  }

  async function request<T>(spec: RequestSpec): Promise<T> {
    const failure = (extra: Partial<RequestFailure> & { attempts: number; mayHaveReachedServer: boolean }): RequestFailure => ({
      method: spec.method,
      path: spec.route.path,
      template: spec.route.template,
      ...extra,
    });
    if (unreachableReason !== undefined) {
      throw new ServerUnreachableError(failure({ attempts: 0, mayHaveReachedServer: false }), unreachableReason, server);
    }
    let attempts = 0;
    let failedAttempts = 0;
    let rateLimited = 0;
    let uncertain = false;
    for (;;) {
      // Another request found the server unreachable while this one waited to retry: no more attempts.
      if (attempts > 0 && unreachableReason !== undefined) {
        throw new ServerUnreachableError(failure({ attempts, mayHaveReachedServer: uncertain }), unreachableReason, server);
      }
      attempts += 1;
      if (spec.stats) spec.stats.attempts += 1;
      const outcome = await send(spec);
      if (outcome.kind === "transport") {
        uncertain ||= outcome.maybeSent;
        failedAttempts += 1;
        if (failedAttempts >= (spec.maxAttempts ?? maxAttempts)) {
          unreachableReason = outcome.reason;
          throw new ServerUnreachableError(failure({ attempts, mayHaveReachedServer: uncertain }), outcome.reason, server);
        }
        await backOff(spec, attempts, failedAttempts, outcome.reason);
        continue;
      }
      emit({ type: "response", method: spec.method, path: spec.route.path, status: outcome.status, attempt: attempts, durationMs: outcome.durationMs });
      const { status } = outcome;
      if (status >= 200 && status < 300) return parseSuccess<T>(outcome, failure({ attempts, mayHaveReachedServer: true, status }));
      const { body, ...parsed } = parseErrorBody(outcome.text, redact);
      uncertain ||= status >= 500;
      const answered = failure({ attempts, status, mayHaveReachedServer: uncertain, ...parsed });
      if (status >= 300 && status < 400) throw redirectError(answered, outcome.header("location"), redact);
      if (status === 429) {
        const askedMs = readRetryAfterMs(body, outcome.header("retry-after"), now());
        const waitMs = Math.max(MIN_RATE_LIMIT_WAIT_MS, askedMs ?? computeBackoffMs(rateLimited + 1, random, 1000, 30_000));
        rateLimited += 1;
        if (spec.waitOnRateLimit === false || rateLimited > MAX_RATE_LIMITED_RETRIES || !budget.tryReserve(waitMs)) {
          throw new RateLimitedError(answered, waitMs, budget.leftMs);
        }
        emit({ type: "retry", method: spec.method, path: spec.route.path, attempt: attempts, cause: "429", waitMs });
        if (spec.stats) spec.stats.rateLimitWaitMs += waitMs;
        await sleep(waitMs);
        continue;
      }
      if (status >= 500) {
        failedAttempts += 1;
        if (failedAttempts >= (spec.maxAttempts ?? maxAttempts)) throw new HomeserverError(answered);
        await backOff(spec, attempts, failedAttempts, String(status));
        continue;
      }
      throw new HomeserverError(answered);
    }
  }

  async function backOff(spec: RequestSpec, attempt: number, failedAttempts: number, cause: string): Promise<void> {
    const waitMs = computeBackoffMs(failedAttempts, random, options.backoffBaseMs ?? 1000, options.backoffCapMs ?? 15_000);
    emit({ type: "retry", method: spec.method, path: spec.route.path, attempt, cause, waitMs });
    await sleep(waitMs);
  }

  return {
    request,
    get waitBudgetLeftMs() {
      return budget.leftMs;
    },
    get unreachable() {
      return unreachableReason !== undefined;
    },
  };
}

function parseSuccess<T>(answer: Answer, failure: RequestFailure): T {
  if (answer.text.trim() === "") return {} as T;
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new HomeserverError(
      failure,
      `${failure.method} ${failure.path} answered ${answer.status} with a body that is not JSON`,
      "Check that the URL points at the Synapse homeserver itself, not a web page or a proxy's login screen.",
    );
  }
}

interface ParsedError {
  errcode?: string;
  serverMessage?: string;
  extra?: Record<string, unknown>;
  body?: unknown;
}

function parseErrorBody(text: string, redact: Redactor): ParsedError {
  let body: unknown;
  try {
    body = redactJson(JSON.parse(text), redact);
  } catch {
    const snippet = summariseText(redact(text));
    return snippet ? { serverMessage: snippet } : {};
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return { body };
  const { errcode, error, ...extra } = body as Record<string, unknown>;
  return {
    body,
    ...(typeof errcode === "string" ? { errcode } : {}),
    ...(typeof error === "string" ? { serverMessage: error } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

/** A non-JSON error page (e.g. a proxy's HTML) reduced to one short line. */
function summariseText(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  return plain.length > 120 ? `${plain.slice(0, 117)}...` : plain;
}

function redirectError(failure: RequestFailure, location: string | null, redact: Redactor): HomeserverError {
  const target = location ? redact(location) : "(no Location header)";
  const { errcode: _errcode, serverMessage: _message, extra: _extra, ...bare } = failure;
  return new HomeserverError(
    { ...bare, mayHaveReachedServer: false },
    `${failure.method} ${failure.path} answered ${failure.status} redirecting to ${target}; roster never follows redirects, so the token is not sent to another address`,
    "Set --homeserver (or MATRIX_HOMESERVER_URL) to the address that serves Synapse directly, if you trust it.",
  );
}

/** The base URL as errors name it: no credentials, query or fragment, even if someone put them there. */
function describeServer(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
