// @ts-nocheck
import { parseDeclarations } from "../declarations/parse.js";
import { readDeclarationFilesAtRef } from "../github/git-files.js";
import { introducedKeys, planItemKeys } from "../plan/item-keys.js";
import type { Plan, PlanOptions } from "../plan/types.js";
import type { Io } from "./io.js";
import { planAgainst, type Observed } from "./make-plan.js";

/**
 * plan --base REF: plans the declarations as they are at REF against the same observed server state,
 * and returns the keys of the head plan's items that the base plan lacks (what this change introduces).
 */
export async function attributeToBase(head: Plan, ref: string, dir: string, io: Io, observed: Observed, options: PlanOptions): Promise<Set<string>> {
  const files = await readDeclarationFilesAtRef(ref, dir, io.cwd);
  const base = parseDeclarations(files);
  if (base.diagnostics.length > 0) {
    io.stderr.write(`warning: the declarations at ${ref} are not valid (${base.diagnostics.length} problems), so every item counts as introduced by this change.\n`);
    return planItemKeys(head);
  }
  return introducedKeys(head, planAgainst(base.desired, observed, options));
}
