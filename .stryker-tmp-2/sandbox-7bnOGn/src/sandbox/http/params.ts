// @ts-nocheck
import { refuse, type Outcome } from "../state/refusal.js";

/** parse_json_object_from_request (reference §1). */
export function parseJsonObject(body: string, allowEmpty: boolean): Outcome<Record<string, unknown>> {
  if (body.length === 0 && allowEmpty) return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return refuse(400, "M_NOT_JSON", "Content not JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return refuse(400, "M_BAD_JSON", "Content must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** assert_params_in_dict. */
export function requireParams(body: Record<string, unknown>, names: string[]): Outcome<undefined> {
  const missing = names.filter((name) => !(name in body));
  return missing.length > 0 ? refuse(400, "M_MISSING_PARAM", `Missing params: [${missing.map((n) => `'${n}'`).join(", ")}]`) : undefined;
}

/** parse_integer: non-negative integers only (every integer parameter the sandbox serves). */
export function parseIntegerParam(query: URLSearchParams, name: string, fallback: number): Outcome<number> {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^[+-]?\d+$/.test(raw.trim())) return refuse(400, "M_INVALID_PARAM", `Query parameter '${name}' must be an integer.`);
  const value = Number.parseInt(raw, 10);
  if (value < 0) return refuse(400, "M_INVALID_PARAM", `Query parameter '${name}' must be a positive integer.`);
  return value;
}

/** parse_boolean: only "true" / "false". */
export function parseBooleanParam(query: URLSearchParams, name: string): Outcome<boolean | undefined> {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  return refuse(400, "M_INVALID_PARAM", `Boolean query parameter '${name}' must be one of ['true', 'false']`);
}

export function parseChoiceParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T): Outcome<T> {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  return refuse(400, "M_INVALID_PARAM", `Query parameter '${name}' must be one of [${allowed.map((a) => `'${a}'`).join(", ")}]`);
}
