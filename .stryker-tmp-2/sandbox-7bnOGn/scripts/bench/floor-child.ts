/**
 * The calibration server: answers every request with `{}` once the latency has passed since it arrived
 * (the sandbox's rule, never early), doing nothing else. Run in its own process like the sandbox; it
 * prints its port on stdout. What a client achieves against it is the floor this machine allows (timer
 * precision, scheduling, loopback) for the same latency.
 */
// @ts-nocheck

import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const latencyMs = Number(process.argv[2] ?? "0");

function answerAt(deadline: number, response: ServerResponse): void {
  const left = deadline - performance.now();
  if (left > 0) setTimeout(answerAt, Math.ceil(left), deadline, response);
  else response.end("{}");
}

const server = createServer((request, response) => {
  const deadline = performance.now() + latencyMs;
  request.resume();
  request.on("end", () => answerAt(deadline, response));
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
