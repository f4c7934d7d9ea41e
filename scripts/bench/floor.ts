import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createSend } from "../../src/homeserver/http-send.js";

const childScript = fileURLToPath(new URL("./floor-child.js", import.meta.url));

export interface RawRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
}

/**
 * A raw loop: `requests` sent in order with `concurrency` in flight, through roster's own transport, each
 * answer parsed as JSON (as any client must), to the calibration server (floor-child.ts) that waits
 * `latencyMs` and answers `{}`, or replays the answers in `answersFile`; fails on a request it has no answer for.
 */
export async function measureRawLoop(requests: readonly RawRequest[], latencyMs: number, concurrency: number, answersFile?: string): Promise<{ wallMs: number; cpuMs: number }> {
  const args = [childScript, String(latencyMs), ...(answersFile === undefined ? [] : [answersFile])];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").once("data", (line: string) => resolve(line.trim()));
      child.once("exit", (code) => reject(new Error(`the calibration server exited (code ${code})`)));
    });
    const send = createSend(`http://127.0.0.1:${port}`);
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let request = requests[next++]; request !== undefined; request = requests[next++]) {
          const answer = await send({ ...request, headers: {}, timeoutMs: 30_000 });
          if (answer.status >= 500) throw new Error(`the calibration server has no answer for ${request.method} ${request.path}`);
          JSON.parse(answer.text);
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    child.stdin.end();
  }
}

/** `count` GETs of `/`: what the floor sends (every one answered `{}` without an answers file). */
export function floorRequests(count: number): RawRequest[] {
  return Array.from({ length: count }, () => ({ method: "GET", path: "/" }));
}
