/** The request defaults, apart from the HTTP client so that `--help` can show them without loading it. */
// @ts-nocheck

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_WAIT_MS = 600_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
