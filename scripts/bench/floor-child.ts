/**
 * The calibration server: answers every request with `{}` after the latency, doing nothing else. Run in
 * its own process like the sandbox; it prints its port on stdout. What a client achieves against it is
 * the floor this machine allows (timer precision, scheduling, loopback) for the same latency.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const latencyMs = Number(process.argv[2] ?? "0");
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => setTimeout(() => response.end("{}"), latencyMs));
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
