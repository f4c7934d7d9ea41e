import { parseArgs, type ParseArgsConfig } from "node:util";
import { createInterface } from "node:readline/promises";
import { setFlagsFromString } from "node:v8";
import { UserError, UsageError } from "../errors.js";
import type { Command, OptionSpec, OptionValues } from "./command.js";
import { commands } from "./commands/index.js";
import { renderCommandHelp, renderMainHelp } from "./help.js";
import type { Io } from "./io.js";
import { packageVersion } from "./version.js";

/** Runs one roster invocation and returns its exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(renderMainHelp(commands, packageVersion()));
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`error: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(", ")}.\n`);
    io.stderr.write("  Run `roster --help` for usage.\n");
    return 1;
  }
  try {
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values["help"] === true) {
      io.stdout.write(renderCommandHelp(command));
      return 0;
    }
    return await command.run({ io, values: parsed.values, positionals: parsed.positionals });
  } catch (error) {
    return reportError(error, io, command);
  }
}

function parseCommandArgs(command: Command, args: string[]): { values: OptionValues; positionals: string[] } {
  const specs: Record<string, OptionSpec> = { ...command.options, help: { type: "boolean", short: "h", description: "" } };
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [key, spec] of Object.entries(specs)) {
    options[key] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: command.positionals !== undefined });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, "") : String(error);
    throw new UsageError(message, `Run \`roster ${command.name} --help\` for the options it takes.`);
  }
}

function reportError(error: unknown, io: Io, command: Command): number {
  if (error instanceof UserError) {
    io.stderr.write(`error: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    return 1;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`error: roster ${command.name} failed unexpectedly — this is a bug, please report it with the text below.\n${detail}\n`);
  return 1;
}

/** Entry point of the `roster` executable: real process streams, real signals. */
export async function runFromProcess(): Promise<void> {
  // undici parses HTTP with a WebAssembly module that V8 also recompiles with TurboFan in the background;
  // a process ends only once those compile jobs are done, which cost every run ~0.3 s of CPU and of
  // waiting at its exit. V8's baseline code (Liftoff) parses a run's answers about as fast.
  setFlagsFromString("--liftoff-only");
  const interrupted = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    interrupted,
  };
  process.exitCode = await main(process.argv.slice(2), io);
}
