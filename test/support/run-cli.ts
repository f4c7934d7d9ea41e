import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  tty?: boolean;
  /** Answers to give, in order, when the command asks a question on a TTY. */
  answers?: string[];
  /** Retries and backoff sleeps: by default instant, so fault tests take milliseconds. */
  timing?: Io["timing"];
}

/** A clock that jumps forward on every sleep: waits are counted (e.g. against --max-wait) but take no time. */
function instantTiming(): NonNullable<Io["timing"]> {
  let now = Date.now();
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The repository root (dist/test/support/ -> ../../..). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Runs `main` in-process with captured output: the fast way for most CLI tests. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const answers = [...(options.answers ?? [])];
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    env: { ...options.env },
    cwd: options.cwd ?? repoRoot,
    stdinIsTTY: options.tty ?? false,
    timing: options.timing ?? instantTiming(),
    ...(options.tty ? { ask: (question: string) => ((stderr += question), Promise.resolve(answers.shift() ?? "")) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Spawns the real `roster` executable (bin/roster.js): for smoke tests of the packaged CLI. */
export function spawnRoster(argv: string[], options: RunOptions & { timeoutMs?: number } = {}): Promise<CliResult> {
  return spawnCaptured(process.execPath, [fileURLToPath(new URL("bin/roster.js", `file://${repoRoot}`)), ...argv], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env["PATH"], ...options.env },
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

/** Runs a command with its output captured; resolves with its exit code (128 when killed by a signal). */
export function spawnCaptured(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], timeout: options.timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
