/**
 * The benchmark's homeserver, in its own process so that its CPU is not counted as roster's. Started by
 * startSandboxProcess (fork, with an IPC channel); argv[2] is the scenario as JSON. It builds the seed with
 * scaleSeed, starts the sandbox (Synapse's rate limits on, as by default) and answers requests from its
 * parent: the per-route request counts, a reset of those counts, a latency change, its own CPU time.
 */
// @ts-nocheck

import { scaleSeed, startSandbox } from "../../src/sandbox/index.js";
import type { Scenario } from "./scenarios.js";
import type { ChildReply, ChildRequest } from "./sandbox-process.js";

async function serve(): Promise<void> {
  const scenario = JSON.parse(process.argv[2] ?? "{}") as Scenario;
  const seed = scaleSeed({
    users: scenario.users,
    rooms: scenario.rooms,
    membersPerRoom: scenario.membersPerRoom,
    bigRoomMembers: scenario.bigRoomMembers,
    joinedFraction: scenario.joinedFraction,
  });
  const sandbox = await startSandbox(seed, { latencyMs: scenario.latencyMs });
  const send = (reply: ChildReply) => process.send?.(reply);
  process.on("message", (message: ChildRequest) => {
    if (message.type === "counts") send({ type: "counts", counts: sandbox.requestCounts() });
    else if (message.type === "reset") {
      sandbox.resetRequestCounts();
      send({ type: "reset" });
    } else if (message.type === "latency") {
      sandbox.setLatency(message.ms);
      send({ type: "latency" });
    } else if (message.type === "cpu") {
      const usage = process.cpuUsage();
      send({ type: "cpu", cpuMs: (usage.user + usage.system) / 1000 });
    } else if (message.type === "close") {
      void sandbox.close().then(() => process.exit(0));
    }
  });
  process.on("disconnect", () => void sandbox.close().then(() => process.exit(0)));
  send({ type: "ready", url: sandbox.url, adminToken: sandbox.adminToken });
}

serve().catch((error: unknown) => {
  process.stderr.write(`bench sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
