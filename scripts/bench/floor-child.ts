/**
 * The calibration server: answers every request once the latency has passed since it arrived (the
 * sandbox's rule, never early), doing nothing else. Run in its own process like the sandbox; it prints its
 * port on stdout. Without an answers file every answer is `{}`: what a client achieves against it is the
 * floor this machine allows (timer precision, scheduling, loopback) for the same latency. With one (argv[3],
 * a JSON list of [method and URL, status, body]), it replays those answers, already serialized: the same
 * bytes a scenario reads, at no cost to the server; a request it has no answer for gets a 500.
 */
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const latencyMs = Number(process.argv[2] ?? "0");
const answersFile = process.argv[3];
const answers = new Map<string, [status: number, body: string]>(
  answersFile === undefined ? [] : (JSON.parse(readFileSync(answersFile, "utf8")) as [string, number, string][]).map(([key, status, body]) => [key, [status, body]]),
);
const unknown: [number, string] = answersFile === undefined ? [200, "{}"] : [500, '{"errcode":"M_UNKNOWN","error":"no recorded answer"}'];

function answerAt(deadline: number, response: ServerResponse, [status, body]: [number, string]): void {
  const left = deadline - performance.now();
  if (left > 0) setTimeout(answerAt, Math.ceil(left), deadline, response, [status, body]);
  else response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
}

const server = createServer((request, response) => {
  const deadline = performance.now() + latencyMs;
  const answer = answers.get(`${request.method} ${request.url}`) ?? unknown;
  request.resume();
  request.on("end", () => answerAt(deadline, response, answer));
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
