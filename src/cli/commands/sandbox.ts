import { booleanOption, stringOption, type Command, type OptionValues } from "../command.js";
import { UsageError, UserError } from "../../errors.js";
import { acmeDriftedSeed } from "../../sandbox/seeds/acme-drifted.js";
import { readSeedFile } from "../../sandbox/seed/load.js";
import { startSandbox } from "../../sandbox/sandbox.js";
import type { Seed } from "../../sandbox/seed/types.js";
import { resolve } from "node:path";

export const sandboxCommand: Command = {
  name: "sandbox",
  summary: "run the built-in sandbox homeserver (an in-memory Synapse) in the foreground",
  usage: "roster sandbox [--seed FILE] [--port N] [--latency MS]",
  description:
    "Starts an in-memory homeserver that answers Synapse's client and admin APIs with Synapse's statuses, " +
    "errcodes and rules, seeded from FILE (YAML or JSON, format in the README) or, without --seed, with the " +
    "example organisation in a drifted state. Once listening it prints one JSON line " +
    '{"url": …, "tokens": {user ID: token}} on stdout, then logs each request to stderr. Stop it with Ctrl-C.',
  examples: ["roster sandbox --port 8008", "roster sandbox --seed seed.yaml --port 0 --latency 20"],
  options: {
    seed: { type: "string", valueName: "FILE", description: "seed file (YAML or JSON); default: the built-in drifted example" },
    port: { type: "string", valueName: "N", description: "port on 127.0.0.1 (default 8008; 0 picks a free one)" },
    latency: { type: "string", valueName: "MS", description: "answer every request MS milliseconds after it arrived (default 0)" },
    "no-rate-limits": { type: "boolean", description: "turn Synapse's rate limiters off (they are on by default)" },
  },
  async run({ io, values }) {
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
  },
};

function parseNumber(values: OptionValues, name: string, fallback: number, max: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`, "Run `roster sandbox --help` for the options it takes.");
  }
  return Number(raw);
}
