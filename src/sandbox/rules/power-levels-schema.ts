import { pythonRepr } from "../http/python-repr.js";
import { refuse, type Refusal } from "../state/refusal.js";

const maxLevel = 2 ** 53 - 1;
/** POWER_LEVELS_SCHEMA's properties in its own order (synapse/events/validator.py): that order breaks ties. */
const schema: [string, "int" | "objectOfInts"][] = [
  ["ban", "int"],
  ["events", "objectOfInts"],
  ["events_default", "int"],
  ["invite", "int"],
  ["kick", "int"],
  ["notifications", "objectOfInts"],
  ["redact", "int"],
  ["state_default", "int"],
  ["users", "objectOfInts"],
  ["users_default", "int"],
];

interface SchemaError {
  /** The last path element: the top-level key, or the user ID / event type inside a map. */
  key: string;
  depth: number;
  message: string;
}

/**
 * The power-levels schema check of every room version (reference §14.2 step 11): as jsonschema's
 * best_match, the shallowest error wins, then the first met; the message names the key it is about.
 */
export function checkPowerLevelsSchema(content: Record<string, unknown>): Refusal | undefined {
  const errors: SchemaError[] = [];
  for (const [key, kind] of schema) {
    if (!(key in content)) continue;
    const value = content[key];
    if (kind === "int") {
      const message = intError(value);
      if (message) errors.push({ key, depth: 1, message });
    } else if (!isObject(value)) {
      errors.push({ key, depth: 1, message: `${pythonRepr(value)} is not of type 'object'` });
    } else {
      for (const [inner, level] of Object.entries(value)) {
        const message = intError(level);
        if (message) errors.push({ key: inner, depth: 2, message });
      }
    }
  }
  const best = errors.reduce<SchemaError | undefined>((found, error) => (found === undefined || error.depth < found.depth ? error : found), undefined);
  return best ? refuse(400, "M_BAD_JSON", `"${best.key}": ${best.message}`) : undefined;
}

function intError(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isInteger(value)) return `${pythonRepr(value)} is not of type 'integer'`;
  if (value > maxLevel) return `${pythonRepr(value)} is greater than the maximum of ${maxLevel}`;
  if (value < -maxLevel) return `${pythonRepr(value)} is less than the minimum of ${-maxLevel}`;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
