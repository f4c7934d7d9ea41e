import { UserError } from "../errors.js";
import { formatMs } from "../util/duration.js";

/**
 * Everything known about a request that did not succeed. Never holds the token: paths are built by
 * roster (the token only travels in the Authorization header) and every server-sent string has been
 * redacted before it gets here.
 */
export interface RequestFailure {
  method: string;
  /** The path as sent (percent-encoded where needed), without query string. */
  path: string;
  /** The path with its parameters replaced by `*`, e.g. `/_synapse/admin/v2/users/*`. */
  template: string;
  /** HTTP status of the last answer; absent when no answer came (network error, timeout). */
  status?: number;
  /** The server's `errcode`, e.g. `M_FORBIDDEN`. */
  errcode?: string;
  /** The server's `error` text (redacted). */
  serverMessage?: string;
  /**
   * true when the server may have carried the request out even though no success answer came back:
   * an attempt timed out or lost its connection after sending, or the server answered 5xx. The
   * caller must re-read state before reporting the action as failed.
   */
  mayHaveReachedServer: boolean;
  /** How many times the request was sent (0 when it was never tried). */
  attempts: number;
  /** The error body's other keys (e.g. `soft_logout`), redacted. */
  extra?: Record<string, unknown>;
}

/** The homeserver refused or failed a request (after any retries). */
export class HomeserverError extends UserError implements RequestFailure {
  readonly method: string;
  readonly path: string;
  readonly template: string;
  readonly status?: number;
  readonly errcode?: string;
  readonly serverMessage?: string;
  readonly mayHaveReachedServer: boolean;
  readonly attempts: number;
  readonly extra?: Record<string, unknown>;

  constructor(failure: RequestFailure, message?: string, hint?: string) {
    super(message ?? describeFailure(failure), hint);
    this.method = failure.method;
    this.path = failure.path;
    this.template = failure.template;
    if (failure.status !== undefined) this.status = failure.status;
    if (failure.errcode !== undefined) this.errcode = failure.errcode;
    if (failure.serverMessage !== undefined) this.serverMessage = failure.serverMessage;
    this.mayHaveReachedServer = failure.mayHaveReachedServer;
    this.attempts = failure.attempts;
    if (failure.extra !== undefined) this.extra = failure.extra;
  }
}

/** 429 answers kept coming and waiting longer would exceed the run's --max-wait budget: apply reports `deferred`. */
export class RateLimitedError extends HomeserverError {
  constructor(
    failure: RequestFailure,
    /** What the server last asked us to wait. */
    readonly retryAfterMs: number,
    /** What was left of the run's waiting budget. */
    readonly budgetLeftMs: number,
  ) {
    super(
      failure,
      `${failure.method} ${failure.path} is rate limited (429 ${failure.errcode ?? ""}`.trimEnd() +
        `): the server asks to wait ${formatMs(retryAfterMs)} but only ${formatMs(budgetLeftMs)} of the --max-wait budget is left`,
      "Run again later, raise --max-wait, or exempt the admin from rate limits (roster doctor shows how).",
    );
  }
}

/**
 * No answer at all after every attempt (connection refused or reset, DNS failure, timeouts), or an
 * earlier request already found the server unreachable. Apply stops early on this.
 */
export class ServerUnreachableError extends HomeserverError {
  /** Which server and why, e.g. "http://127.0.0.1:8008: connection refused (ECONNREFUSED)": what apply reports when it stops early. */
  readonly where: string;

  constructor(
    failure: RequestFailure,
    /** Short cause, e.g. "connection refused (ECONNREFUSED)" or "no answer within 30 s". */
    readonly reason: string,
    /** The homeserver's base URL as configured, without credentials or query. */
    readonly server: string,
  ) {
    super(
      failure,
      failure.attempts === 0
        ? `${failure.method} ${failure.path} not attempted: ${server} was found unreachable earlier in this run (${reason})`
        : `${failure.method} ${failure.path} failed: ${server}: ${reason}, after ${failure.attempts} attempt${failure.attempts === 1 ? "" : "s"}`,
      "Check that the homeserver is running and reachable at this URL, then run again; a rerun picks up where this one stopped.",
    );
    this.where = `${server}: ${reason}`;
  }
}

export function describeFailure(failure: RequestFailure): string {
  const head = `${failure.method} ${failure.path} answered ${failure.status ?? "nothing"}`;
  const code = failure.errcode ? ` ${failure.errcode}` : "";
  const text = failure.serverMessage ? `: ${failure.serverMessage}` : "";
  return `${head}${code}${text}`;
}
