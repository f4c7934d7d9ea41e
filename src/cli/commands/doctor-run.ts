import { failedConnectionReport, runDoctor } from "../../doctor/run-doctor.js";
import { renderDoctorJson, renderDoctorText, type DoctorReport } from "../../doctor/render.js";
import { UserError } from "../../errors.js";
import { connect } from "../connect.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { parseChoice, parseConcurrency } from "../options.js";
import { booleanOption, type CommandContext, type OptionValues } from "../command.js";
import type { Connection } from "../../homeserver/startup-checks.js";
import { fixRateLimits } from "../../doctor/fix-rate-limits.js";
import type { Io } from "../io.js";

/** `roster doctor`'s work, loaded only when the command runs (see doctor.ts for its options). */
export async function runDoctorCommand({ io: rawIo, values }: CommandContext): Promise<number> {
  const format = parseChoice(values, "format", ["text", "json"] as const, "text");
  const concurrency = parseConcurrency(values);
  const desired = await loadValidDeclarations(values, rawIo);
  let report: DoctorReport;
  let io = rawIo;
  try {
    const connected = await connect(values, rawIo, desired);
    io = connected.io;
    if (booleanOption(values, "fix-rate-limits") && !(await runFix(connected.connection, io, values, format === "json" ? io.stderr : io.stdout))) return 1;
    report = await runDoctor(desired, connected.connection, concurrency);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    report = failedConnectionReport(error.message, error.hint);
  }
  io.stdout.write(format === "json" ? renderDoctorJson(report) : renderDoctorText(report));
  return report.summary.error > 0 ? 1 : 0;
}

/** --fix-rate-limits before the checks, so the report shows the result. false: refused off a terminal without --yes. */
async function runFix(connection: Connection, io: Io, values: OptionValues, out: Io["stdout"]): Promise<boolean> {
  const yes = booleanOption(values, "yes");
  const ask = io.ask;
  // Asked only when a change is due (fixRateLimits reads the override first): off a terminal, without --yes, nothing changes.
  let refused = false;
  const confirm = async (question: string) => {
    if (yes) return true;
    if (!io.stdinIsTTY || ask === undefined) {
      refused = true;
      return false;
    }
    return (await ask(`${question} [y/N] `)).trim().toLowerCase().startsWith("y");
  };
  const outcome = await fixRateLimits(connection.client, connection.identity.userId, connection.settings.homeserverUrl, confirm);
  if (refused) {
    io.stderr.write("error: not on a terminal, so doctor will not ask before changing the admin's rate limits: nothing was changed.\n  Rerun with --fix-rate-limits --yes.\n");
    return false;
  }
  out.write(`${outcome.message}\n`);
  if (outcome.status === "changed") out.write(`  Undo: ${outcome.undo}\n`);
  out.write("\n");
  return true;
}
