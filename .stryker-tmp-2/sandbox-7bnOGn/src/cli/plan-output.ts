// @ts-nocheck
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../errors.js";
import type { Desired } from "../declarations/model.js";
import type { Plan } from "../plan/types.js";
import { renderPlanAnnotations, type DeclaredAt } from "../render/plan-annotations.js";
import { renderPlanMarkdown } from "../render/plan-markdown.js";
import { renderPlanText } from "../render/plan-text.js";
import { wantsColour, type Io } from "./io.js";

export const planFormats = ["text", "json", "markdown", "github"] as const;
export type PlanFormat = (typeof planFormats)[number];

/** `github` is the text plan preceded by workflow annotations on the lines that declare each blocked item. */
export function renderPlan(plan: Plan, format: PlanFormat, io: Io, introduced?: ReadonlySet<string>, declaredAt: DeclaredAt = () => undefined): string {
  if (format === "json") return JSON.stringify(plan, null, 2) + "\n";
  const attribution = introduced ? { introduced } : {};
  if (format === "markdown") return renderPlanMarkdown(plan, attribution);
  if (format === "github") return renderPlanAnnotations(plan, declaredAt, introduced) + renderPlanText(plan, { colour: false, ...attribution });
  return renderPlanText(plan, { colour: wantsColour(io), ...attribution });
}

/** Looks up where each user is first declared in each room. */
export function declaredAtIn(desired: Desired): DeclaredAt {
  const rooms = new Map(desired.rooms.map((room) => [room.ref, room]));
  return (ref, user) => rooms.get(ref)?.members.find((member) => member.user === user)?.sources[0]?.pos;
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
