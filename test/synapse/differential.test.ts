/**
 * Differential fidelity: the same world built in the sandbox and in a real Synapse 1.67, then the same
 * ordered requests sent to both (support/diff-requests.ts), compared on status, errcode and, where a
 * request picks one, a symbolized part of the body. The rows where 1.67 and current Synapse differ
 * are listed once below: for them the real answer must be 1.67's and the sandbox's the reference's.
 *
 * Rate limits: every other user is exempted on both sides before the requests start, and roster's
 * admin by the first requests (override_ratelimit, compared); rate limiting itself is not compared here
 * (the sandbox's limiter has its own unit tests). Federation: the shared Synapse runs with
 * federation_domain_whitelist: [], and so does the sandbox's seed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { startSandbox } from "../../src/sandbox/index.js";
import { describe, sameAnswer, send, type Answer, type Side } from "./support/diff-run.js";
import { differentialRequests } from "./support/diff-requests.js";
import { aliasOf, differentialWorld, seedSynapse, toSandboxSeed, userIdOf, type Names } from "./support/diff-world.js";
import { connectSynapse, Synapse, uniquePrefix } from "./support/synapse.js";

interface KnownDifference {
  request: string;
  /** Reference section that documents the difference. */
  section: string;
  synapse167: Answer;
  /** What the reference (current Synapse) answers, and so the sandbox. */
  current: Answer;
}

const unrecognized = (status: number): Answer => ({ status, errcode: "M_UNRECOGNIZED" });
const notJson: Answer = { status: 400, errcode: "M_NOT_JSON" };

/**
 * Where Synapse 1.67 and the current Synapse (which the reference and the sandbox follow) differ, each
 * request once. Sections are those of shared/reference/synapse-api.md; "not in §12" marks a 1.67
 * difference the reference does not list.
 */
const knownDifferences: KnownDifference[] = [
  { request: "server_version", section: "§2, §12: python_version until 1.94", synapse167: { status: 200, picked: ["python_version", "server_version"] }, current: { status: 200, picked: ["server_version"] } },
  { request: "whoami api/v1 (not registered)", section: "§1, §12: unknown path 400", synapse167: unrecognized(400), current: unrecognized(404) },
  { request: "unknown path", section: "§1, §12: unknown path 400", synapse167: unrecognized(400), current: unrecognized(404) },
  { request: "wrong method", section: "§1, §12: wrong method 400", synapse167: unrecognized(400), current: unrecognized(405) },
  { request: "user get flags", section: "§7.1, §12: admin/deactivated as 0/1", synapse167: { status: 200, picked: { admin: 1, deactivated: 0 } }, current: { status: 200, picked: { admin: true, deactivated: false } } },
  { request: "users v3", section: "§7.2, §12: no /_synapse/admin/v3/users", synapse167: unrecognized(400), current: { status: 200 } },
  { request: "room get default version", section: "§3 (default 11), §14.7 (1.67: default 9)", synapse167: { status: 200, picked: "9" }, current: { status: 200, picked: "11" } },
  {
    request: "room state filtered by type",
    section: "§6.4, §14.7: 1.67 ignores ?type=",
    synapse167: { status: 200, picked: ["m.room.canonical_alias", "m.room.create", "m.room.guest_access", "m.room.history_visibility", "m.room.join_rules", "m.room.member", "m.room.name", "m.room.power_levels"] },
    current: { status: 200, picked: ["m.room.member"] },
  },
  { request: "rooms negative from", section: "§1, §12: negative from accepted", synapse167: { status: 200 }, current: { status: 400, errcode: "M_INVALID_PARAM" } },
  { request: "kick: unknown room", section: "§8.3 kick row 1, §12: 403 when not in the room", synapse167: { status: 403, errcode: "M_FORBIDDEN" }, current: { status: 404, errcode: "M_UNKNOWN" } },
  { request: "kick: remote user, room every local member left", section: "§8.3 kick row 1 (code-read), §12", synapse167: { status: 403, errcode: "M_FORBIDDEN" }, current: { status: 400, errcode: "M_BAD_JSON" } },
  { request: "make_room_admin: user_id without colon", section: "§14.7: 500 on 1.67", synapse167: { status: 500, errcode: "M_UNKNOWN" }, current: { status: 400, errcode: "M_UNKNOWN" } },
  { request: "override_ratelimit malformed user", section: "§7.4; not in §12: 1.67's is_mine_id crashes on an ID without ':'", synapse167: { status: 500, errcode: "M_UNKNOWN" }, current: { status: 400, errcode: "M_UNKNOWN" } },
  { request: "invite: body not JSON", section: "§1; not in §12: 1.67 reads a broken membership body as {}", synapse167: { status: 400, errcode: "M_MISSING_PARAM" }, current: notJson },
  { request: "client join: body not JSON", section: "§1; not in §12: 1.67 reads a broken join body as {}", synapse167: { status: 200 }, current: notJson },
];

test("differential: the sandbox answers the same ordered requests as a real Synapse", async (t) => {
  const started = performance.now();
  const hs = await connectSynapse();
  const prefix = uniquePrefix();
  const world = differentialWorld;
  const roomKeys = world.rooms.map((r) => r.key);
  const seeded = await seedSynapse(hs, world, prefix);
  const seededAt = performance.now();

  const sandbox = await startSandbox(toSandboxSeed(world, prefix, hs.serverName, { federation_domain_whitelist: [] }));
  t.after(() => sandbox.close());
  for (const user of world.users) {
    const found = sandbox.state.users.get(userIdOf(prefix, hs.serverName, user.key));
    if (found && !user.admin) found.rateOverride = { messagesPerSecond: 0, burstCount: 0 };
  }
  const norule = sandbox.state.rooms.get(sandbox.roomIdOf(aliasOf(prefix, hs.serverName, "norule")));
  if (norule) sandbox.state.setState(norule, "m.room.join_rules", "", {}, norule.creator);
  const sandboxTokens = { ...sandbox.tokens };

  const names = (roomId: (key: string) => string | undefined, token: (userId: string) => string | undefined): Names => ({
    prefix,
    serverName: hs.serverName,
    userId: (key) => userIdOf(prefix, hs.serverName, key),
    alias: (key) => aliasOf(prefix, hs.serverName, key),
    roomId: (key) => roomId(key) ?? fail(`no room ${key}`),
    token: (key) => token(key) ?? fail(`no token for ${key}`),
  });
  const real: Side = { label: "synapse", client: hs, names: names((k) => seeded.rooms.get(k), (k) => seeded.tokens.get(k)) };
  const emulated: Side = {
    label: "sandbox",
    client: new Synapse(sandbox.url, sandbox.adminToken, "", hs.serverName),
    names: names((k) => sandbox.roomIdOf(aliasOf(prefix, hs.serverName, k)), (k) => sandboxTokens[userIdOf(prefix, hs.serverName, k)]),
  };
  await waitForRoomStats(hs, prefix, roomKeys.length);

  const known = new Map(knownDifferences.map((d) => [d.request, d]));
  const failures: string[] = [];
  const realAnswers = new Map<string, Answer>();
  for (const request of differentialRequests) {
    const realAnswer = await send(real, request, roomKeys);
    realAnswers.set(request.name, realAnswer);
    const sandboxAnswer = await send(emulated, request, roomKeys);
    const difference = known.get(request.name);
    if (difference) {
      if (!sameAnswer(realAnswer, difference.synapse167)) failures.push(`${request.name}: Synapse 1.67 answered ${describe(realAnswer)}, the table (${difference.section}) says ${describe(difference.synapse167)}`);
      if (!sameAnswer(sandboxAnswer, difference.current)) failures.push(`${request.name}: sandbox answered ${describe(sandboxAnswer)}, the reference (${difference.section}) says ${describe(difference.current)}`);
    } else if (!sameAnswer(sandboxAnswer, realAnswer)) {
      failures.push(`${request.name} (${request.method} ${request.path}): Synapse ${describe(realAnswer)}, sandbox ${describe(sandboxAnswer)}`);
    }
  }
  const ms = (from: number) => Math.round(performance.now() - from);
  t.diagnostic(`${differentialRequests.length} requests compared (${known.size} known 1.67 differences) in ${ms(seededAt)} ms, after ${Math.round(seededAt - started)} ms of seeding`);
  assert.deepEqual(failures, [], `${failures.length} divergence(s):\n${failures.join("\n")}`);
  // The rate-limit rows compare something only if the real server did refuse the eleventh kick.
  assert.equal(realAnswers.get("rate limit: kick 11 of 11")?.status, 429, "Synapse did not rate-limit the 11th kick: the bucket drained (server too slow?)");
  assert.equal(known.size, knownDifferences.length, "the known-differences table names a request twice");
  for (const name of known.keys()) assert.ok(differentialRequests.some((r) => r.name === name), `known difference for an unknown request: ${name}`);
});

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
