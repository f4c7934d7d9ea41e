/** What went wrong below HTTP: a short description and whether the request may have been sent. */
// @ts-nocheck

export interface TransportFailure {
  /** e.g. "connection refused (ECONNREFUSED)"; built only from error codes, never from request details. */
  reason: string;
  /** false only when the connection was never established, so the server cannot have seen the request. */
  maybeSent: boolean;
}

const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  CERT_HAS_EXPIRED: "TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate cannot be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host name",
};

const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: "connection reset",
  EPIPE: "connection closed while sending",
  UND_ERR_SOCKET: "connection closed by the server",
  UND_ERR_CLOSED: "connection closed",
  UND_ERR_HEADERS_TIMEOUT: "no answer in time",
  UND_ERR_BODY_TIMEOUT: "answer stalled",
  ETIMEDOUT: "connection timed out",
};

/**
 * Turns whatever the transport (undici) threw into a TransportFailure. The original error is deliberately dropped
 * (not kept as `cause`): undici errors can carry request details, and only its code is needed.
 */
export function classifyTransportError(error: unknown, timedOut: boolean, timeoutMs: number): TransportFailure {
  if (timedOut) return { reason: `no answer within ${timeoutMs / 1000} s (request timeout)`, maybeSent: true };
  const code = findErrorCode(error);
  if (code !== undefined && code in NOT_SENT) return { reason: `${NOT_SENT[code]} (${code})`, maybeSent: false };
  if (code !== undefined && code in MAYBE_SENT) return { reason: `${MAYBE_SENT[code]} (${code})`, maybeSent: true };
  return { reason: code ? `network error (${code})` : "network error", maybeSent: true };
}

/** Network trouble carries an error code (undici's or the socket's); fetch-style TypeErrors "fetch failed" / "terminated" count too. */
export function isNetworkError(error: unknown): boolean {
  if (findErrorCode(error) !== undefined) return true;
  return error instanceof TypeError && (error.message === "fetch failed" || error.message === "terminated");
}

function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== "object") return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === "string" && /^[A-Z0-9_]+$/.test(record.code)) return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return findErrorCode(record.cause, depth + 1);
}
