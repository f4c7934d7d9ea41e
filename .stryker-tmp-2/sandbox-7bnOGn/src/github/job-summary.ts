// @ts-nocheck
import { appendFile } from "node:fs/promises";
import { UserError } from "../errors.js";
import { fitCommentBody } from "./fit-body.js";

/**
 * GitHub rejects a step summary above 1 MiB (it is then not shown at all). A UTF-16 code unit is
 * at most 3 bytes of UTF-8, so a third of that in code units is always safe.
 */
export const JOB_SUMMARY_LIMIT = Math.floor((1024 * 1024) / 3);

/**
 * Appends markdown to the job summary (the file named by GITHUB_STEP_SUMMARY) and returns true;
 * returns false without doing anything when the variable is not set (outside GitHub Actions).
 */
export async function appendJobSummary(markdown: string, summaryPath: string | undefined, fullTextAt = "the log of this workflow run"): Promise<boolean> {
  if (summaryPath === undefined || summaryPath === "") return false;
  const text = fitCommentBody(markdown.endsWith("\n") ? markdown : `${markdown}\n`, { limit: JOB_SUMMARY_LIMIT, fullTextAt });
  try {
    await appendFile(summaryPath, text, "utf8");
  } catch (error) {
    throw new UserError(`cannot write the job summary GITHUB_STEP_SUMMARY=${summaryPath}: ${(error as Error).message}`, "GitHub Actions sets it to a writable file; outside Actions unset it");
  }
  return true;
}
