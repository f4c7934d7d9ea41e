/** Declared power levels (`power: moderator`, `power: 50`): names, range, and how a level reads. */

/** Matrix's range for power levels: canonical JSON integers, ±(2^53 − 1) (reference §14.2 step 10). */
export const MAX_POWER_LEVEL = Number.MAX_SAFE_INTEGER;

const levelNames = new Map<string, number>([
  ["moderator", 50],
  ["admin", 100],
]);

/** A declared `power`: moderator, admin, or an integer within Matrix's range; undefined for anything else. */
export function parsePowerLevel(value: unknown): number | undefined {
  if (typeof value === "string") return levelNames.get(value);
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  return undefined;
}

/** The name of a level (`moderator`, `admin`), when it has one. */
export function powerLevelName(level: number): string | undefined {
  for (const [name, value] of levelNames) if (value === level) return name;
  return undefined;
}

/** `50 (moderator)`, `100 (admin)`, `25`: how plans and hints show a level. */
export function describePowerLevel(level: number): string {
  const name = powerLevelName(level);
  return name === undefined ? String(level) : `${level} (${name})`;
}
