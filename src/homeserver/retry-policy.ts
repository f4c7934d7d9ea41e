/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^(attempt-1))). */
export function computeBackoffMs(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long a 429 asks us to wait: the body's `retry_after_ms` (millisecond precision) first, else the
 * `Retry-After` header (seconds, or an HTTP date). undefined when the server says nothing usable.
 */
export function readRetryAfterMs(body: unknown, retryAfterHeader: string | null, now: number): number | undefined {
  if (body !== null && typeof body === "object") {
    const value = (body as Record<string, unknown>)["retry_after_ms"];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  }
  if (retryAfterHeader === null) return undefined;
  const text = retryAfterHeader.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The run's budget for waiting on 429s (--max-wait). It measures wall-clock time spent waiting, so
 * several requests waiting at the same moment spend it once, not once each.
 */
export class WaitBudget {
  private spentMs = 0;
  private coveredUntil = 0;

  constructor(
    readonly totalMs: number,
    private readonly now: () => number,
  ) {}

  get leftMs(): number {
    return Math.max(0, this.totalMs - this.spentMs);
  }

  /** Reserves a wait starting now; false (and nothing spent) when it would exceed the budget. */
  tryReserve(waitMs: number): boolean {
    const start = this.now();
    const end = start + waitMs;
    const extra = Math.max(0, end - Math.max(start, this.coveredUntil));
    if (this.spentMs + extra > this.totalMs) return false;
    this.spentMs += extra;
    this.coveredUntil = Math.max(this.coveredUntil, end);
    return true;
  }
}
