// @ts-nocheck
import { UsageError } from "../errors.js";
import { defaultPlanOptions, type PlanOptions } from "../plan/types.js";
import { stringOption, type OptionSpec, type OptionValues } from "./command.js";

export const concurrencyOption: Record<string, OptionSpec> = {
  concurrency: { type: "string", valueName: "N", description: "requests in flight at once, reading and changing rooms (default: 8)" },
};

export const planningOptions: Record<string, OptionSpec> = {
  "allow-mass-removal": { type: "boolean", description: "let a prune remove more than --max-removal-ratio of a room's members" },
  "max-removal-ratio": { type: "string", valueName: "RATIO", description: "largest share of a room's members a prune may remove (default: 0.25)" },
  "ensure-admin": { type: "boolean", description: "where the admin is not in a room (or lacks power), bring it in first: make_room_admin, then join" },
};

export const DEFAULT_CONCURRENCY = 8;

export function parseConcurrency(values: OptionValues): number {
  const raw = stringOption(values, "concurrency");
  if (raw === undefined) return DEFAULT_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 256) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 256, not "${raw}"`);
  }
  return value;
}

export function parsePlanOptions(values: OptionValues): PlanOptions {
  const raw = stringOption(values, "max-removal-ratio");
  const ratio = raw === undefined ? defaultPlanOptions.maxRemovalRatio : Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new UsageError(`--max-removal-ratio must be a number from 0 to 1 (0.25 = 25%), not "${raw ?? ""}"`);
  }
  return { maxRemovalRatio: ratio, allowMassRemoval: values["allow-mass-removal"] === true, ensureAdmin: values["ensure-admin"] === true };
}

export function parseChoice<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const raw = stringOption(values, name) ?? fallback;
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`unknown --${name} "${raw}"`, `Use one of: ${choices.join(", ")}.`);
  return raw as T;
}
