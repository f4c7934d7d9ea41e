// @ts-nocheck
import { failedConnectionReport, runDoctor } from "../../doctor/run-doctor.js";
import { renderDoctorJson, renderDoctorText, type DoctorReport } from "../../doctor/render.js";
import { UserError } from "../../errors.js";
import { connect } from "../connect.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { parseChoice, parseConcurrency } from "../options.js";
import type { CommandContext } from "../command.js";

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
    report = await runDoctor(desired, connected.connection, concurrency);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    report = failedConnectionReport(error.message, error.hint);
  }
  io.stdout.write(format === "json" ? renderDoctorJson(report) : renderDoctorText(report));
  return report.summary.error > 0 ? 1 : 0;
}
