/**
 * What every differential test does: build one world in a real Synapse and in the sandbox, send both
 * the same ordered requests, and collect every answer that differs, where the known 1.67 differences
 * (each citing the reference) are checked against their own table instead.
 */
import type { TestContext } from "node:test";
import { startSandbox, type Sandbox } from "../../../src/sandbox/index.js";
import { describe, sameAnswer, send, type Answer, type DiffRequest, type Side } from "./diff-run.js";
import { aliasOf, seedSynapse, toSandboxSeed, userIdOf, type Names, type World } from "./diff-world.js";
import { connectSynapse, Synapse, uniquePrefix } from "./synapse.js";

export interface KnownDifference {
  request: string;
  /** Reference section that documents the difference. */
  section: string;
  synapse167: Answer;
  /** What the reference (current Synapse) answers, and so the sandbox. */
  current: Answer;
}

export interface Differential {
  real: Side;
  emulated: Side;
  roomKeys: string[];
  sandbox: Sandbox;
  prefix: string;
  /** performance.now() when seeding began and when it ended. */
  started: number;
  seededAt: number;
}

/**
 * Seeds both sides. Every non-admin user is exempted from rate limits on both sides (seedSynapse does
 * it on Synapse); admins keep Synapse's defaults and start with empty buckets.
 */
export async function setUpDifferential(t: TestContext, world: World, tweak: (sandbox: Sandbox, prefix: string, serverName: string) => void = () => {}): Promise<Differential> {
  const started = performance.now();
  const hs = await connectSynapse();
  const prefix = uniquePrefix();
  const roomKeys = world.rooms.map((r) => r.key);
  const seeded = await seedSynapse(hs, world, prefix);
  const seededAt = performance.now();

  const sandbox = await startSandbox(toSandboxSeed(world, prefix, hs.serverName, { federation_domain_whitelist: [] }));
  t.after(() => sandbox.close());
  for (const user of world.users) {
    const found = sandbox.state.users.get(userIdOf(prefix, hs.serverName, user.key));
    if (found && !user.admin) found.rateOverride = { messagesPerSecond: 0, burstCount: 0 };
  }
  tweak(sandbox, prefix, hs.serverName);
  const sandboxTokens = { ...sandbox.tokens };

  const names = (roomId: (key: string) => string | undefined, token: (userId: string) => string | undefined): Names => ({
    prefix,
    serverName: hs.serverName,
    userId: (key) => userIdOf(prefix, hs.serverName, key),
    alias: (key) => aliasOf(prefix, hs.serverName, key),
    roomId: (key) => roomId(key) ?? fail(`no room ${key}`),
    token: (key) => token(key) ?? fail(`no token for ${key}`),
  });
  const real: Side = { label: "synapse", client: hs, names: names((k) => seeded.rooms.get(k), (k) => seeded.tokens.get(k)), earlier: new Map() };
  const emulated: Side = {
    label: "sandbox",
    client: new Synapse(sandbox.url, sandbox.adminToken, "", hs.serverName),
    names: names((k) => sandbox.roomIdOf(aliasOf(prefix, hs.serverName, k)), (k) => sandboxTokens[userIdOf(prefix, hs.serverName, k)]),
    earlier: new Map(),
  };
  await waitForRoomStats(hs, prefix, roomKeys.length);
  return { real, emulated, roomKeys, sandbox, prefix, started, seededAt };
}

/** Sends every request to both sides in order; answers the divergences and Synapse's answers by request name. */
export async function compareSides(setup: Differential, requests: DiffRequest[], knownDifferences: KnownDifference[]): Promise<{ failures: string[]; realAnswers: Map<string, Answer> }> {
  const known = new Map(knownDifferences.map((d) => [d.request, d]));
  const failures: string[] = [];
  const realAnswers = new Map<string, Answer>();
  for (const request of requests) {
    const realAnswer = await send(setup.real, request, setup.roomKeys);
    realAnswers.set(request.name, realAnswer);
    const sandboxAnswer = await send(setup.emulated, request, setup.roomKeys);
    const difference = known.get(request.name);
    if (difference) {
      if (!sameAnswer(realAnswer, difference.synapse167)) failures.push(`${request.name}: Synapse 1.67 answered ${describe(realAnswer)}, the table (${difference.section}) says ${describe(difference.synapse167)}`);
      if (!sameAnswer(sandboxAnswer, difference.current)) failures.push(`${request.name}: sandbox answered ${describe(sandboxAnswer)}, the reference (${difference.section}) says ${describe(difference.current)}`);
    } else if (!sameAnswer(sandboxAnswer, realAnswer)) {
      failures.push(`${request.name} (${request.method} ${request.path}): Synapse ${describe(realAnswer)}, sandbox ${describe(sandboxAnswer)}`);
    }
  }
  if (known.size !== knownDifferences.length) failures.push("the known-differences table names a request twice");
  for (const name of known.keys()) if (!requests.some((r) => r.name === name)) failures.push(`known difference for an unknown request: ${name}`);
  return { failures, realAnswers };
}

/** The admin room list reads statistics tables that Synapse fills asynchronously: wait until all rooms are listed. */
async function waitForRoomStats(hs: Synapse, prefix: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const body = await hs.ok("GET", `/_synapse/admin/v1/rooms?search_term=${prefix}`, { token: hs.adminToken });
    if (body["total_rooms"] === count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function fail(message: string): never {
  throw new Error(message);
}
