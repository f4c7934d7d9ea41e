import { failedConnectionReport, runDoctor } from "../../doctor/run-doctor.js";
import { renderDoctorJson, renderDoctorText, type DoctorReport } from "../../doctor/render.js";
import { UserError } from "../../errors.js";
import { connectionOptions } from "../../homeserver/connection.js";
import { dirOption, verboseOption, type Command } from "../command.js";
import { connect } from "../connect.js";
import { loadValidDeclarations } from "../load-declarations.js";
import { concurrencyOption, parseChoice, parseConcurrency } from "../options.js";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "check that the admin can act in every declared room, and the rate-limit setup",
  usage: "roster doctor [--dir DIR] [--format text|json]",
  description: [
    "Checks, for the server and each declared room, what would stop roster from working, and how to fix it:",
    "the token is valid and a server admin; each alias resolves and the server is in the room; the admin is",
    "joined to every room where it must act (not public, remote members, or prune) with invite power (and kick",
    "power in prune rooms); the admin's rate-limit override (without it, large invite or prune runs are throttled).",
    "Changes nothing. Exit code: 0 when nothing blocks work (warnings are printed); 1 when something does.",
  ].join("\n"),
  examples: ["roster doctor", "roster doctor --format json | jq '.summary.blockedRooms'"],
  options: {
    ...dirOption,
    format: { type: "string", valueName: "FORMAT", description: "text (default) or json" },
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  async run({ io: rawIo, values }) {
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
  },
};
