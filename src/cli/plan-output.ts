import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../errors.js";
import type { Plan } from "../plan/types.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";
import { wantsColour, type Io } from "./io.js";

export const planFormats = ["text", "json", "markdown"] as const;
export type PlanFormat = (typeof planFormats)[number];

export function renderPlan(plan: Plan, format: PlanFormat, io: Io, introduced?: ReadonlySet<string>): string {
  if (format === "json") return JSON.stringify(plan, null, 2) + "\n";
  const attribution = introduced ? { introduced } : {};
  if (format === "markdown") return renderPlanMarkdown(plan, attribution);
  return renderPlanText(plan, { colour: wantsColour(io), ...attribution });
}

/** Saves the plan as JSON (schemas/plan.schema.json) for a later `roster apply PLANFILE`. Never holds the token. */
export async function savePlan(plan: Plan, file: string, io: Io, now: Date = new Date()): Promise<void> {
  const path = resolve(io.cwd, file);
  try {
    await writeFile(path, JSON.stringify({ ...plan, createdAt: now.toISOString() }, null, 2) + "\n");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unknown error";
    throw new UserError(`could not write the plan to ${file} (${code})`, "Check that the folder exists and is writable.");
  }
}
