import type { UserId } from "../declarations/model.js";
import { parseLevel } from "../homeserver/room-state.js";
import type { Change } from "../plan/types.js";

/** The keys Synapse's schema wants as JSON integers in every room version (reference §14.2 step 11). */
const integerKeys = ["ban", "events_default", "invite", "kick", "redact", "state_default", "users_default"];
const integerMaps = ["users", "events", "notifications"];

type Content = Record<string, unknown>;

/**
 * The power-levels content to send: the room's CURRENT content (re-read just before sending, so a change
 * made since the plan is kept), its int-like strings and floats turned into integers as Synapse reads them
 * (old rooms; sending them back would be refused), with every planned user's entry set, or removed for a
 * prune_power reset. Other keys and entries are left as they are. A room without a power-levels event
 * starts from what Synapse implies: the creator, who alone can send the first one, at 100 (§14.1).
 */
export function withPlannedLevels(current: Content | null, changes: readonly Change[], admin: UserId): Content {
  const next = current === null ? { users: { [admin]: 100 } } : normaliseLevels(current);
  const users: Content = { ...asObject(next["users"]) };
  for (const change of changes) {
    if (change.power === undefined) continue;
    if (change.power.reset) delete users[change.user];
    else users[change.user] = change.power.to;
  }
  return { ...next, users };
}

/** Whether the content already gives every change's user the level the change wants. */
export function reachesPlannedLevel(content: Content | null, change: Change): boolean {
  if (change.power === undefined) return false;
  const users = asObject(content?.["users"]);
  const level = Object.hasOwn(users, change.user) ? parseLevel(users[change.user]) : undefined;
  return change.power.reset ? level === undefined : level === change.power.to;
}

export function normaliseLevels(content: Content): Content {
  const out: Content = structuredClone(content);
  for (const key of integerKeys) if (key in out) out[key] = asInteger(out[key]);
  for (const key of integerMaps) {
    const map = out[key];
    if (map === null || typeof map !== "object" || Array.isArray(map)) continue;
    const normalised: Content = {};
    for (const [entry, value] of Object.entries(map)) normalised[entry] = asInteger(value);
    out[key] = normalised;
  }
  return out;
}

/** Compares two contents as Synapse's deduplication does (canonical JSON: key order does not matter). */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    // Any fixed key order will do: both contents are written out the same way.
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Content)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function asInteger(value: unknown): unknown {
  return parseLevel(value) ?? value;
}

function asObject(value: unknown): Content {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Content) : {};
}
