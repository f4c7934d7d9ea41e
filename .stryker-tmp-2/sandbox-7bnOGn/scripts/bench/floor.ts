// @ts-nocheck
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createSend } from "../../src/homeserver/http-send.js";

const childScript = fileURLToPath(new URL("./floor-child.js", import.meta.url));

/**
 * Sends `requests` GETs with `concurrency` in flight, through roster's own transport, to a server
 * that does nothing but wait `latencyMs`: the best wall time this machine allows for those figures.
 */
export async function measureFloor(requests: number, latencyMs: number, concurrency: number): Promise<{ wallMs: number; cpuMs: number }> {
  const child = spawn(process.execPath, [childScript, String(latencyMs)], { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").once("data", (line: string) => resolve(line.trim()));
      child.once("exit", (code) => reject(new Error(`the floor server exited (code ${code})`)));
    });
    const send = createSend(`http://127.0.0.1:${port}`);
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < requests) await send({ method: "GET", path: "/", headers: {}, timeoutMs: 30_000 });
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    child.stdin.end();
  }
}
