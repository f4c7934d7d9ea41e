// @ts-nocheck
import { connectionOptions } from "../../homeserver/connection.js";
import { dirOption, verboseOption, type Command } from "../command.js";
import { concurrencyOption } from "../options.js";

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
  run: async (ctx) => (await import("./doctor-run.js")).runDoctorCommand(ctx),
};
