/** Everything a command may touch outside the process: injected so tests run `main` in-process. */
// @ts-nocheck

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdin is an interactive terminal (apply asks before acting only then). */
  stdinIsTTY: boolean;
  /** Asks a question on the terminal and resolves with the answer; absent when not interactive. */
  ask?: (question: string) => Promise<string>;
  /** Tests inject these so retries and backoff take no time; absent in real runs. */
  timing?: { sleep?: (ms: number) => Promise<void>; random?: () => number; now?: () => number };
  /** Resolves when the user interrupts (SIGINT/SIGTERM); long-running commands (sandbox) wait on it. */
  interrupted?: Promise<void>;
}

/** Colour is used only on a TTY and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(io: Io): boolean {
  const noColor = io.env["NO_COLOR"];
  return io.stdout.isTTY === true && (noColor === undefined || noColor === "");
}
