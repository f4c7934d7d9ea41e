// @ts-nocheck
import type { Clock } from "./clock.js";
import { Refusal } from "./refusal.js";

export interface LimitSpec {
  perSecond: number;
  burst: number;
}

/** Synapse's defaults (synapse/config/ratelimiting.py, reference §9). */
export const defaultLimits = {
  message: { perSecond: 0.2, burst: 10 },
  invitesPerRoom: { perSecond: 0.3, burst: 10 },
  invitesPerUser: { perSecond: 0.003, burst: 5 },
  invitesPerIssuer: { perSecond: 0.3, burst: 10 },
  joinsLocal: { perSecond: 0.1, burst: 10 },
  joinsPerRoom: { perSecond: 1, burst: 10 },
} satisfies Record<string, LimitSpec>;

export type LimiterName = keyof typeof defaultLimits;

interface Bucket {
  actionCount: number;
  /** Seconds. */
  timeStart: number;
}

/**
 * Leaky buckets as in synapse/api/ratelimiting.py `Ratelimiter._can_do_action`: a denied action
 * still resets the bucket's start when it had drained, and consumes nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    public enabled: boolean,
    private readonly limits: Record<LimiterName, LimitSpec> = defaultLimits,
  ) {}

  /**
   * Takes one action from `name`'s bucket for `key`, or answers 429. `override` is the acting
   * user's override_ratelimit entry: a zero rate exempts them, otherwise it replaces the defaults.
   */
  take(name: LimiterName, key: string, override?: { messagesPerSecond: number; burstCount: number }, update = true): Refusal | undefined {
    if (!this.enabled) return undefined;
    if (override && override.messagesPerSecond === 0) return undefined;
    const spec = override ? { perSecond: override.messagesPerSecond, burst: override.burstCount } : this.limits[name];
    const now = this.clock.now() / 1000;
    const bucketKey = `${name}\u0000${key}`;
    const bucket = this.buckets.get(bucketKey) ?? { actionCount: 0, timeStart: now };
    let { actionCount, timeStart } = bucket;
    const performed = actionCount - (now - timeStart) * spec.perSecond;
    if (performed < 0) {
      actionCount = 0;
      timeStart = now;
    }
    const allowed = !(Math.max(performed, 0) > spec.burst - 1);
    if (allowed) actionCount += 1;
    if (update) this.buckets.set(bucketKey, { actionCount, timeStart });
    if (allowed) return undefined;
    const timeAllowed = spec.perSecond > 0 ? Math.max(now, timeStart + (actionCount - spec.burst + 1) / spec.perSecond) : -1;
    const retryAfterMs = timeAllowed < 0 ? 0 : Math.floor(1000 * (timeAllowed - now));
    return rateLimited(retryAfterMs);
  }

  /** Records an action without checking (admin joins still feed rc_joins_per_room). */
  record(name: LimiterName, key: string): void {
    if (!this.enabled) return;
    const now = this.clock.now() / 1000;
    const bucketKey = `${name}\u0000${key}`;
    const bucket = this.buckets.get(bucketKey);
    const spec = this.limits[name];
    const performed = bucket ? bucket.actionCount - (now - bucket.timeStart) * spec.perSecond : -1;
    if (!bucket || performed < 0) this.buckets.set(bucketKey, { actionCount: 1, timeStart: now });
    else bucket.actionCount += 1;
  }
}

export function rateLimited(retryAfterMs: number): Refusal {
  return new Refusal(
    429,
    "M_LIMIT_EXCEEDED",
    "Too Many Requests",
    { retry_after_ms: retryAfterMs },
    { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) },
  );
}
