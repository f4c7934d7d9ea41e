// @ts-nocheck
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Scenario } from "./scenarios.js";

export type ChildRequest = { type: "counts" } | { type: "reset" } | { type: "latency"; ms: number } | { type: "cpu" } | { type: "close" };
export type ChildReply =
  | { type: "ready"; url: string; adminToken: string }
  | { type: "counts"; counts: Record<string, number> }
  | { type: "reset" }
  | { type: "latency" }
  | { type: "cpu"; cpuMs: number };

/** The parent's handle on a sandbox running in a child process. */
export interface SandboxProcess {
  url: string;
  adminToken: string;
  /** Requests the sandbox answered since the last reset, all routes together. */
  requests(): Promise<number>;
  counts(): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  /** CPU the sandbox process has used so far (user + system), ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

const childScript = fileURLToPath(new URL("./sandbox-child.js", import.meta.url));

/** Forks sandbox-child.js for `scenario` and resolves once it listens. */
export async function startSandboxProcess(scenario: Scenario): Promise<SandboxProcess> {
  const child = fork(childScript, [JSON.stringify(scenario)], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const ready = await waitForReply(child, "ready");
  // One request at a time: replies carry no ID, so a second ask waits for the first answer.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T extends ChildReply["type"]>(request: ChildRequest, type: T) => {
    const answer = queue.then(() => {
      const reply = waitForReply(child, type);
      child.send(request);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    url: ready.url,
    adminToken: ready.adminToken,
    requests: async () => Object.values((await ask({ type: "counts" }, "counts")).counts).reduce((a, b) => a + b, 0),
    counts: async () => (await ask({ type: "counts" }, "counts")).counts,
    resetCounts: async () => void (await ask({ type: "reset" }, "reset")),
    setLatency: async (ms) => void (await ask({ type: "latency", ms }, "latency")),
    cpuMs: async () => (await ask({ type: "cpu" }, "cpu")).cpuMs,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
      }),
  };
}

function waitForReply<T extends ChildReply["type"]>(child: ChildProcess, type: T): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildReply) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ChildReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the bench sandbox exited (code ${code}) before answering "${type}"`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
