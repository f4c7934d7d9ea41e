import { test } from "node:test";
import assert from "node:assert/strict";
import { adminJoin, call, clientAction, clientJoin, startTestSandbox, type Answer } from "../support/sandbox.js";
import type { Sandbox } from "../../src/sandbox/index.js";

// Synapse's cost shape (issue 13): a room's membership changes one after another, rooms and reads side by side.
const LATENCY = 250;
const rooms = [
  { alias: "one", creator: "admin", join_rule: "public" as const },
  { alias: "two", creator: "admin", join_rule: "public" as const },
];

/**
 * Starts every request at once; returns each answer's time (ms after the start), in request order. The
 * client's connections are opened first (by reads as many as the requests), so that only the server's
 * timing is measured, not connection set-up on a busy machine.
 */
async function timed(hs: Sandbox, requests: (() => Promise<Answer>)[]): Promise<number[]> {
  await Promise.all(requests.map(() => call(hs, "GET", "/_matrix/client/v3/account/whoami", { token: hs.adminToken })));
  const started = performance.now();
  return Promise.all(
    requests.map(async (send) => {
      const answer = await send();
      assert.ok(answer.status < 300, `answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return performance.now() - started;
    }),
  );
}

test("sandbox: one room's membership changes are answered one after another, by ID or alias, whatever the kind", async (t) => {
  const hs = await startTestSandbox(t, rooms, { latencyMs: LATENCY });
  const id = hs.roomIdOf("one");
  const times = await timed(hs, [
    () => adminJoin(hs, "#one:acme.test", "@alice:acme.test"),
    () => adminJoin(hs, id, "@bob:acme.test"),
    () => clientAction(hs, "invite", "admin", id, "@zoe:partner.test"),
    () => clientJoin(hs, "carol", "#one:acme.test"),
  ]);
  const sorted = [...times].sort((a, b) => a - b);
  sorted.forEach((at, i) => assert.ok(at >= LATENCY * (i + 1) - 1, `change ${i + 1} answered at ${Math.round(at)} ms, before ${LATENCY * (i + 1)} ms: it overlapped another`));
  assert.deepEqual(hs.joinedMembers("one"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test", "@carol:acme.test"]);
  const room = hs.state.rooms.get(id);
  const levels = room ? hs.state.getState(room, "m.room.power_levels")?.content : {};
  const kicked = await timed(hs, [
    () => clientAction(hs, "kick", "admin", id, "@alice:acme.test"),
    () => clientAction(hs, "kick", "admin", id, "@bob:acme.test"),
    () => call(hs, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(id)}/state/m.room.power_levels/`, { token: hs.adminToken, body: { ...levels, kick: 40 } }),
  ]);
  assert.ok(Math.max(...kicked) >= 3 * LATENCY - 1, "kicks and power-level sends take their turns too");
});

test("sandbox: different rooms' changes overlap, and reads are not queued behind a room's changes", async (t) => {
  const hs = await startTestSandbox(t, rooms, { latencyMs: LATENCY });
  const id = hs.roomIdOf("one");
  const users = ["alice", "bob", "carol"];
  const times = await timed(hs, [
    ...users.map((u) => () => adminJoin(hs, "#one:acme.test", `@${u}:acme.test`)),
    ...users.map((u) => () => adminJoin(hs, "#two:acme.test", `@${u}:acme.test`)),
    () => call(hs, "GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(id)}/state`, { token: hs.adminToken }),
    () => call(hs, "GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(id)}/state`, { token: hs.adminToken }),
  ]);
  const joins = times.slice(0, 6);
  const reads = times.slice(6);
  // Three changes per room: 3 × latency if the rooms overlap, 6 × if everything were one queue.
  assert.ok(Math.max(...joins) >= 3 * LATENCY - 1, "each room's three changes took their turns");
  assert.ok(Math.max(...joins) < 5.5 * LATENCY, `two rooms overlap (all six answered after ${Math.round(Math.max(...joins))} ms)`);
  assert.ok(Math.max(...reads) < 2.5 * LATENCY, `reads are answered after the latency, not after the room's changes (${reads.map(Math.round).join(", ")} ms)`);
});

test("sandbox: serializeRoomChanges: false answers a room's changes side by side (the switch for tests that need it)", async (t) => {
  const hs = await startTestSandbox(t, rooms, { latencyMs: LATENCY, serializeRoomChanges: false });
  const users = ["alice", "bob", "carol", "mod"];
  const times = await timed(hs, users.map((u) => () => adminJoin(hs, "#one:acme.test", `@${u}:acme.test`)));
  assert.ok(Math.max(...times) < 3 * LATENCY, `four changes answered side by side (last after ${Math.round(Math.max(...times))} ms)`);
  hs.setSerializeRoomChanges(true);
  const again = await timed(hs, ["alice", "bob"].map((u) => () => clientAction(hs, "kick", "admin", hs.roomIdOf("one"), `@${u}:acme.test`)));
  assert.ok(Math.max(...again) >= 2 * LATENCY - 1, "switched back on at run time");
});
