/**
 * A scripted failure for the next request(s) matching `route`. Faulted requests never reach the
 * handlers, so they change no state (a dropped or failed join did not happen), unless `after` is set.
 */
export interface Fault {
  /**
   * Which requests: a route template exactly as counted by `requestCounts()`
   * ("POST /_synapse/admin/v1/join/{roomIdOrAlias}"), or a prefix of the request line
   * "METHOD /raw/path" ("POST /_synapse/admin/v1/join"). Absent: any request.
   */
  route?: string;
  /** Answer this status: 429 M_LIMIT_EXCEEDED (with retry_after_ms + Retry-After), else `errcode` (default M_UNKNOWN). */
  status?: 400 | 403 | 429 | 500 | 502 | 503;
  /** For a status other than 429: the errcode and error text to answer (a refusal the sandbox's state would not produce). */
  errcode?: string;
  error?: string;
  /** For 429: the retry_after_ms to send (default 1000). */
  retryAfterMs?: number;
  /** Destroy the connection without answering. */
  drop?: true;
  /** Wait this long first (to push a client past its timeout); then drop, answer `status`, or serve normally. */
  hangMs?: number;
  /**
   * Serve the request first (its effects happen), then drop the connection or answer `status` instead
   * of the real answer: an answer lost on the way back, as behind a proxy that times out.
   */
  after?: true;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
}

/** Takes the first fault that matches, spending one of its `times`. */
export function takeFault(faults: Fault[], routeKey: string, requestLine: string): Fault | undefined {
  const index = faults.findIndex((f) => f.route === undefined || f.route === routeKey || requestLine.startsWith(f.route));
  const fault = faults[index];
  if (!fault) return undefined;
  const remaining = (fault.times ?? 1) - 1;
  if (remaining <= 0) faults.splice(index, 1);
  else fault.times = remaining;
  return fault;
}

export function faultBody(fault: Fault): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const status = fault.status ?? 500;
  if (status === 429) {
    const retryAfterMs = fault.retryAfterMs ?? 1000;
    return {
      status,
      body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: retryAfterMs },
      headers: { "Retry-After": String(Math.ceil(retryAfterMs / 1000)) },
    };
  }
  const error = fault.error ?? (status === 500 ? "Internal server error" : `Injected fault: ${status}`);
  return { status, body: { errcode: fault.errcode ?? "M_UNKNOWN", error }, headers: {} };
}
