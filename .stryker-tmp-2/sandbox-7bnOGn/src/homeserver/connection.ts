// @ts-nocheck
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { resolve } from "node:path";
import type { OptionSpec, OptionValues } from "../cli/command.js";
import { UserError } from "../errors.js";
import { DEFAULT_MAX_WAIT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./defaults.js";

/** The connection flags shared by every command that talks to the homeserver (SPEC §3, §6). */
export const connectionOptions: Record<string, OptionSpec> = {
  homeserver: { type: "string", valueName: "URL", description: "homeserver base URL (default: $MATRIX_HOMESERVER_URL)" },
  "token-file": {
    type: "string",
    valueName: "FILE",
    description: "file holding the admin access token (default: $MATRIX_ADMIN_TOKEN, or the file named by $MATRIX_ADMIN_TOKEN_FILE)",
  },
  "allow-insecure-http": { type: "boolean", description: "allow http:// to a host that is not loopback (the token then travels unencrypted)" },
  "request-timeout": { type: "string", valueName: "SECONDS", description: "give up on one request after this long, then retry (default: 30)" },
  "max-wait": { type: "string", valueName: "SECONDS", description: "total time a run may wait on rate limits; what is left is deferred (default: 600)" },
};

export interface ConnectionSettings {
  /** Normalised base URL, no trailing slash, no query, no credentials. */
  homeserverUrl: string;
  /** Non-enumerable: absent from JSON.stringify and util.inspect of this object. */
  readonly token: string;
  /** Where the token came from, safe to print: `MATRIX_ADMIN_TOKEN`, `--token-file FILE`, `MATRIX_ADMIN_TOKEN_FILE FILE`. */
  tokenSource: string;
  requestTimeoutMs: number;
  maxWaitMs: number;
}

const MAX_TOKEN_FILE_BYTES = 8192;

/** Reads flags and environment into settings; every mistake is a UserError saying which setting is wrong. */
export async function resolveConnection(
  values: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<ConnectionSettings> {
  const homeserverUrl = resolveHomeserverUrl(values, env);
  const { token, tokenSource } = await resolveToken(values, env, cwd);
  const settings = {
    homeserverUrl,
    tokenSource,
    requestTimeoutMs: parseSeconds(values["request-timeout"], "--request-timeout", DEFAULT_REQUEST_TIMEOUT_MS, false),
    maxWaitMs: parseSeconds(values["max-wait"], "--max-wait", DEFAULT_MAX_WAIT_MS, true),
  };
  Object.defineProperty(settings, "token", { value: token, enumerable: false });
  return settings as ConnectionSettings;
}

function resolveHomeserverUrl(values: OptionValues, env: Readonly<Record<string, string | undefined>>): string {
  const flag = values["homeserver"];
  const source = typeof flag === "string" ? "--homeserver" : "MATRIX_HOMESERVER_URL";
  const raw = (typeof flag === "string" ? flag : env["MATRIX_HOMESERVER_URL"])?.trim();
  if (!raw) {
    throw new UserError("no homeserver given", "Set MATRIX_HOMESERVER_URL or pass --homeserver URL, e.g. --homeserver https://matrix.example.org.");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`${source} is not a valid URL`, "Give the homeserver's base URL, e.g. https://matrix.example.org.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(`${source} must start with https:// (or http:// for a local server), not ${url.protocol}//`);
  }
  if (url.username || url.password || url.search || url.hash) {
    // Not echoed: whatever is in there may be a secret.
    throw new UserError(`${source} must not contain a user name, password, query string or fragment`, "Give only the base URL; the token comes from MATRIX_ADMIN_TOKEN or --token-file.");
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && values["allow-insecure-http"] !== true) {
    throw new UserError(
      `refusing to send the admin token over plain http:// to ${url.host}`,
      "Use https://, or pass --allow-insecure-http if the network is trusted (http:// is always allowed for localhost and 127.0.0.1).",
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

async function resolveToken(
  values: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<{ token: string; tokenSource: string }> {
  const flagFile = values["token-file"];
  if (typeof flagFile === "string") return readTokenFile(resolve(cwd, flagFile), `--token-file ${flagFile}`);
  const direct = env["MATRIX_ADMIN_TOKEN"];
  const file = env["MATRIX_ADMIN_TOKEN_FILE"];
  if (direct && file) {
    throw new UserError("both MATRIX_ADMIN_TOKEN and MATRIX_ADMIN_TOKEN_FILE are set", "Unset one of them (or pass --token-file, which wins over both).");
  }
  if (direct) return { token: checkToken(direct, "MATRIX_ADMIN_TOKEN"), tokenSource: "MATRIX_ADMIN_TOKEN" };
  if (file) return readTokenFile(resolve(cwd, file), `MATRIX_ADMIN_TOKEN_FILE ${file}`);
  if (direct === "") {
    throw new UserError("MATRIX_ADMIN_TOKEN is set but empty", "In CI, check that the secret exists and is available to this workflow (secrets are not passed to pull requests from forks).");
  }
  throw new UserError("no admin access token given", "Set MATRIX_ADMIN_TOKEN, or put the token in a file and set MATRIX_ADMIN_TOKEN_FILE or pass --token-file FILE.");
}

async function readTokenFile(path: string, source: string): Promise<{ token: string; tokenSource: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? "unknown error"})`;
    throw new UserError(`token file ${path} ${why}`, `Check the path given by ${source.split(" ")[0]}.`);
  }
  if (Buffer.byteLength(text) > MAX_TOKEN_FILE_BYTES) {
    throw new UserError(`token file ${path} is too large to hold an access token`, "The file must contain only the token (a trailing newline is fine).");
  }
  return { token: checkToken(text, `token file ${path}`), tokenSource: source };
}

/** Trims surrounding whitespace (a trailing newline is usual); refuses what cannot be a Bearer token, without echoing it. */
function checkToken(raw: string, where: string): string {
  const token = raw.trim();
  if (token === "") throw new UserError(`${where} is empty`, "Put the admin access token in it (a trailing newline is fine).");
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UserError(`${where} does not look like an access token: it has spaces, several lines or non-ASCII characters`, "It must contain only the token.");
  }
  return token;
}

/** Seconds as `30`, `1.5`, `30s`, `500ms` or `10m`. */
export function parseSeconds(value: unknown, flag: string, fallbackMs: number, allowZero: boolean): number {
  if (value === undefined) return fallbackMs;
  const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value) : null;
  const amount = match ? Number(match[1]) : Number.NaN;
  const ms = match?.[2] === "ms" ? amount : match?.[2] === "m" ? amount * 60_000 : amount * 1000;
  if (!Number.isFinite(ms) || (!allowZero && ms <= 0)) {
    throw new UserError(`${flag} expects a duration in seconds${allowZero ? "" : " greater than 0"}, e.g. ${flag} 30 (got "${String(value)}")`);
  }
  return Math.round(ms);
}
