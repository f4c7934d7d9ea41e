import { connectionOptions } from "../../homeserver/connection.js";
import { dirOption, verboseOption, type Command } from "../command.js";
import { concurrencyOption } from "../options.js";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "check that the admin can act in every declared room, and the rate-limit setup",
  usage: "roster doctor [--dir DIR] [--format text|json] [--fix-rate-limits [--yes]]",
  description: [
    "Checks, for the server and each declared room, what would stop roster from working, and how to fix it:",
    "the token is valid and a server admin; each alias resolves and the server is in the room; the admin is",
    "joined to every room where it must act (not public, remote members, prune, or declared power levels) with",
    "invite power (and kick power in prune rooms, and the level power changes need where levels are declared);",
    "every declared level that differs from the room's can be set by the admin (not above its own level, not for",
    "a user at or above it, not for a room creator); the admin's rate-limit override (without it, large invite",
    "or prune runs are throttled).",
    "Changes nothing, except with --fix-rate-limits: that exempts the admin from Synapse's rate limits",
    "(override_ratelimit 0/0) after asking (or with --yes), prints how to undo it, and changes nothing when already exempt.",
    "Exit code: 0 when nothing blocks work (warnings are printed); 1 when something does.",
  ].join("\n"),
  examples: ["roster doctor", "roster doctor --format json | jq '.summary.blockedRooms'", "roster doctor --fix-rate-limits --yes"],
  options: {
    ...dirOption,
    format: { type: "string", valueName: "FORMAT", description: "text (default) or json" },
    "fix-rate-limits": { type: "boolean", description: "exempt the admin from Synapse's rate limits (asks first; --yes off a terminal)" },
    yes: { type: "boolean", short: "y", description: "with --fix-rate-limits: do it without asking" },
    ...concurrencyOption,
    ...connectionOptions,
    ...verboseOption,
  },
  run: async (ctx) => (await import("./doctor-run.js")).runDoctorCommand(ctx),
};
