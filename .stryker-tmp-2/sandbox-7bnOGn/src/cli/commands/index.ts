// @ts-nocheck
import type { Command } from "../command.js";
import { validateCommand } from "./validate.js";
import { planCommand } from "./plan.js";
import { applyCommand } from "./apply.js";
import { importCommand } from "./import.js";
import { doctorCommand } from "./doctor.js";
import { sandboxCommand } from "./sandbox.js";

/**
 * Every command, in the order `roster --help` lists them. Each file here holds a command's options and
 * help only; its work is in the matching *-run.ts, imported when the command runs, so that `--help`,
 * `--version` and `validate` start without loading the HTTP and GitHub clients.
 */
export const commands: readonly Command[] = [
  validateCommand,
  planCommand,
  applyCommand,
  importCommand,
  doctorCommand,
  sandboxCommand,
];
