/**
 * Sends one ordered list of raw requests to two servers and compares what comes back: status,
 * errcode and, where a request says so, a picked part of the body with every server-specific name
 * (room IDs, the test's prefix) replaced by its symbol.
 */
import { isDeepStrictEqual } from "node:util";
import { encodeSegment } from "../../../src/homeserver/route.js";
import type { Names } from "./diff-world.js";
import type { Synapse } from "./synapse.js";

export interface DiffRequest {
  /** Unique; names the request in failures and in the known-differences table. */
  name: string;
  /** Whose token: a user key of the world (default "admin"), "none" (no token) or "bogus" (an unknown one). */
  as?: string;
  /** A raw Authorization header instead of the token (placeholders allowed). */
  authorization?: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /**
   * Placeholders: {u:key} user ID, {a:key} alias, {r:key} room ID (each percent-encoded as one path
   * segment), {t:key} a user's token, {p} the prefix, {s} the server name.
   */
  path: string;
  /** JSON body; placeholders in its strings are filled unencoded. */
  body?: unknown;
  /** A body sent as is (not JSON, empty, …). */
  raw?: string;
  /**
   * The part of the (symbolized) body to compare as well; `earlier` gives the body an earlier request
   * got from the same side (to compare event IDs, which differ between sides).
   */
  pick?: (body: Record<string, unknown>, earlier: (name: string) => Record<string, unknown> | undefined) => unknown;
  /** Pick from error answers too (default: only from a 200), to compare an error's text. */
  pickOnError?: true;
}

export interface Answer {
  status: number;
  errcode?: string;
  picked?: unknown;
}

export interface Side {
  label: string;
  client: Synapse;
  names: Names;
  /** Request name → the symbolized body this side answered, for later picks. */
  earlier: Map<string, Record<string, unknown>>;
}

function fill(template: string, names: Names, encode: (value: string) => string): string {
  return template.replace(/\{([uart]):([a-z0-9_]+)\}|\{p\}|\{s\}/g, (whole, kind: string | undefined, key: string | undefined) => {
    if (whole === "{p}") return names.prefix;
    if (whole === "{s}") return names.serverName;
    if (kind === "t") return names.token(key ?? "");
    const value = kind === "u" ? names.userId(key ?? "") : kind === "a" ? names.alias(key ?? "") : names.roomId(key ?? "");
    return encode(value);
  });
}

function fillJson(value: unknown, names: Names): unknown {
  if (typeof value === "string") return fill(value, names, (v) => v);
  if (Array.isArray(value)) return value.map((item) => fillJson(item, names));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [fill(key, names, (v) => v), fillJson(item, names)]));
  }
  return value;
}

/** Replaces the side's room IDs and prefix with symbols, so both sides' bodies read alike. */
function symbolize(body: Record<string, unknown>, side: Side, roomKeys: readonly string[]): Record<string, unknown> {
  let text = JSON.stringify(body);
  for (const key of roomKeys) text = text.split(side.names.roomId(key)).join(`{r:${key}}`);
  text = text.split(side.names.prefix).join("{p}");
  return JSON.parse(text) as Record<string, unknown>;
}

export async function send(side: Side, request: DiffRequest, roomKeys: readonly string[]): Promise<Answer> {
  const { names } = side;
  const as = request.as ?? "admin";
  const token = as === "none" ? undefined : as === "bogus" ? "syt_bogus_not_a_token" : names.token(as);
  const path = fill(request.path, names, encodeSegment);
  const answer = await side.client.request(request.method, path, {
    ...(token !== undefined && request.authorization === undefined ? { token } : {}),
    ...(request.authorization !== undefined ? { authorization: fill(request.authorization, names, (v) => v) } : {}),
    ...(request.body !== undefined ? { body: fillJson(request.body, names) } : {}),
    ...(request.raw !== undefined ? { rawBody: request.raw } : {}),
  });
  const errcode = typeof answer.body["errcode"] === "string" ? answer.body["errcode"] : undefined;
  const result: Answer = { status: answer.status, ...(errcode !== undefined ? { errcode } : {}) };
  const body = symbolize(answer.body, side, roomKeys);
  side.earlier.set(request.name, body);
  if (request.pick && (answer.status === 200 || request.pickOnError)) result.picked = request.pick(body, (name) => side.earlier.get(name));
  return result;
}

export function describe(answer: Answer): string {
  return `${answer.status}${answer.errcode ? ` ${answer.errcode}` : ""}${answer.picked !== undefined ? ` ${JSON.stringify(answer.picked)}` : ""}`;
}

/** Equal on status and errcode, and on the picked part when the expectation has one. */
export function sameAnswer(actual: Answer, expected: Answer): boolean {
  if (actual.status !== expected.status || actual.errcode !== expected.errcode) return false;
  return expected.picked === undefined || isDeepStrictEqual(actual.picked, expected.picked);
}
