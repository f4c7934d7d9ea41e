/** A Synapse error answer: what a rule returns instead of a result when it refuses. */
// @ts-nocheck

export class Refusal {
  constructor(
    readonly status: number,
    readonly errcode: string,
    readonly error: string,
    /** Extra body keys (soft_logout, retry_after_ms, …). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {}

  body(): Record<string, unknown> {
    return { errcode: this.errcode, error: this.error, ...this.extra };
  }
}

export function refuse(status: number, errcode: string, error: string, extra?: Record<string, unknown>): Refusal {
  return new Refusal(status, errcode, error, extra);
}

export type Outcome<T> = T | Refusal;

export function isRefusal(value: unknown): value is Refusal {
  return value instanceof Refusal;
}
