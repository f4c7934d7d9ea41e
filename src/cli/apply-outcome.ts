import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { postNotice } from "../apply/notify.js";
import type { ApplyResult } from "../apply/types.js";
import { UserError } from "../errors.js";
import { runOrigin } from "../github/actions-env.js";
import { createRedactor } from "../homeserver/redact.js";
import type { Connection } from "../homeserver/startup-checks.js";
import type { Plan } from "../plan/types.js";
import { renderApplyMarkdown } from "../render/apply-markdown.js";
import { renderApplyNotice, shouldNotify } from "../render/apply-notice.js";
import { buildApplyReport } from "../render/apply-report.js";
import { booleanOption, stringOption, type OptionValues } from "./command.js";
import type { Io, OutputStream } from "./io.js";

export interface ApplyOutcome {
  plan: Plan;
  result: ApplyResult;
  exitCode: 0 | 1;
  values: OptionValues;
  /** Guarded output for people (stderr with --format json). */
  io: Io;
  /** Where --format json prints the report. */
  reportStream: OutputStream;
  connection: Connection;
}

/**
 * Everything apply reports once it is done: the JSON report (--format json, --report FILE), the
 * pull-request comment and job summary (--github-comment), and the notice in a Matrix room (--notify).
 */
export async function publishApplyOutcome({ plan, result, exitCode, values, io, reportStream, connection }: ApplyOutcome): Promise<void> {
  const json = stringOption(values, "format") === "json";
  const reportFile = stringOption(values, "report");
  if (json || reportFile !== undefined) {
    // Server-sent text in it is redacted already; this keeps even a stray echo of the token out of the file.
    const report = createRedactor(connection.settings.token)(`${JSON.stringify(buildApplyReport(plan, result, exitCode), null, 2)}\n`);
    if (json) reportStream.write(report);
    if (reportFile !== undefined) await writeReport(resolve(io.cwd, reportFile), report, reportFile);
  }
  let pullRequest: number | undefined;
  if (booleanOption(values, "github-comment")) {
    // Loaded only here: the GitHub client is not needed without --github-comment.
    const { publishApplyResult } = await import("../github/publish.js");
    const published = await publishApplyResult({ env: io.env, markdown: renderApplyMarkdown(result, plan.serverName), warn: (line) => io.stderr.write(`warning: ${line}\n`) });
    pullRequest = published.pullRequest?.number;
  }
  const notifyRoom = stringOption(values, "notify");
  if (notifyRoom !== undefined && shouldNotify(result)) {
    const posted = await postNotice(connection.client, notifyRoom, renderApplyNotice(plan, result, runOrigin(io.env, pullRequest)));
    if ("warning" in posted) io.stderr.write(`warning: ${posted.warning}; the apply itself is done.\n`);
    else io.stdout.write(`Posted the summary to ${notifyRoom}.\n`);
  }
}

async function writeReport(path: string, report: string, shown: string): Promise<void> {
  try {
    await writeFile(path, report);
  } catch (error) {
    throw new UserError(`could not write the report to ${shown} (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`, "Check that the folder exists and is writable; the apply itself is done.");
  }
}
