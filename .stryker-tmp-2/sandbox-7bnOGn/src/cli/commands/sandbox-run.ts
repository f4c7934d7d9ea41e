// @ts-nocheck
import { booleanOption, stringOption, type OptionValues, type CommandContext } from "../command.js";
import { UsageError, UserError } from "../../errors.js";
import { acmeDriftedSeed } from "../../sandbox/seeds/acme-drifted.js";
import { readSeedFile } from "../../sandbox/seed/load.js";
import { startSandbox } from "../../sandbox/sandbox.js";
import type { Seed } from "../../sandbox/seed/types.js";
import { resolve } from "node:path";

/** `roster sandbox`'s work, loaded only when the command runs (see sandbox.ts for its options). */
export async function runSandbox({ io, values }: CommandContext): Promise<number> {
  const seedPath = stringOption(values, "seed");
  const seed = seedPath ? ((await readSeedFile(resolve(io.cwd, seedPath))) as Seed) : acmeDriftedSeed();
  const port = parseNumber(values, "port", 8008, 65535);
  const latencyMs = parseNumber(values, "latency", 0, 600_000);
  const sandbox = await startSandbox(seed, {
    port,
    latencyMs,
    rateLimits: !booleanOption(values, "no-rate-limits"),
    log: (line) => io.stderr.write(`${new Date().toISOString()} ${line}\n`),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UserError(`port ${port} on 127.0.0.1 is already in use`, "Pick another with --port N, or --port 0 for any free port.");
    }
    throw error;
  });
  io.stdout.write(`${JSON.stringify({ url: sandbox.url, tokens: sandbox.tokens })}\n`);
  await (io.interrupted ?? Promise.resolve());
  await sandbox.close();
  io.stderr.write("sandbox stopped\n");
  return 0;
}

function parseNumber(values: OptionValues, name: string, fallback: number, max: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`, "Run `roster sandbox --help` for the options it takes.");
  }
  return Number(raw);
}
