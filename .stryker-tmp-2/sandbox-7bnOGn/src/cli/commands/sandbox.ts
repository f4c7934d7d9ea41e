// @ts-nocheck
import { type Command } from "../command.js";

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
  run: async (ctx) => (await import("./sandbox-run.js")).runSandbox(ctx),
};
