import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { makePlan } from "../../src/cli/make-plan.js";
import type { Desired } from "../../src/declarations/model.js";
import { createSend } from "../../src/homeserver/http-send.js";
import { openConnection } from "../../src/homeserver/startup-checks.js";
import { defaultPlanOptions } from "../../src/plan/types.js";
import type { RawRequest } from "./floor.js";
import { startSandboxProcess } from "./sandbox-process.js";
import type { Scenario } from "./scenarios.js";

/**
 * What a plan reads, for the replay reference: one untimed plan through a proxy in front of a freshly
 * seeded sandbox (no latency) that keeps the plan's requests and their answers in the order they were
 * sent. Writes the answers to `file` (floor-child.ts replays them) and returns the requests.
 */
export async function recordPlanAnswers(scenario: Scenario, desired: Desired, file: string): Promise<RawRequest[]> {
  const sandbox = await startSandboxProcess({ ...scenario, latencyMs: 0 });
  const upstream = createSend(sandbox.url);
  const requests: RawRequest[] = [];
  const answers: [string, number, string][] = [];
  let recording = false;
  const proxy = createServer((request, response) => {
    void forward(request).then(({ status, text }) => {
      if (recording) {
        requests.push({ method: request.method ?? "GET", path: request.url ?? "/" });
        answers.push([`${request.method} ${request.url}`, status, text]);
      }
      response.writeHead(status, { "Content-Type": "application/json" }).end(text);
    }, (error: unknown) => {
      // Answered rather than left hanging: the plan fails with the proxy's reason instead of waiting for its timeout.
      response.writeHead(502, { "Content-Type": "application/json" }).end(JSON.stringify({ errcode: "M_UNKNOWN", error: `the recording proxy could not reach the sandbox: ${String(error)}` }));
    });
  });
  const forward = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = { authorization: request.headers.authorization ?? "" };
    const body = chunks.length > 0 ? Buffer.concat(chunks).toString("utf8") : undefined;
    return upstream({ method: request.method ?? "GET", path: request.url ?? "/", headers, ...(body !== undefined ? { body } : {}), timeoutMs: 30_000 });
  };
  try {
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const connection = await openConnection({}, { MATRIX_HOMESERVER_URL: url, MATRIX_ADMIN_TOKEN: sandbox.adminToken }, process.cwd());
    recording = true;
    await makePlan(desired, connection, defaultPlanOptions, scenario.concurrency);
  } finally {
    proxy.closeAllConnections();
    proxy.close();
    await sandbox.close();
  }
  await writeFile(file, JSON.stringify(answers));
  return requests;
}

const childScript = fileURLToPath(new URL("./record-child.js", import.meta.url));

/** recordPlanAnswers in a child process (record-child.ts), for the declarations in `dir`. */
export async function recordPlanAnswersApart(scenario: Scenario, dir: string, file: string): Promise<RawRequest[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [childScript, JSON.stringify(scenario), dir, file], { encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as RawRequest[];
}
