import { test } from "node:test";
import assert from "node:assert/strict";
import { createManualClock, type Sandbox, type SeedRoom } from "../../src/sandbox/index.js";
import { call, clientAction, expectError, startTestSandbox } from "../support/sandbox.js";
import { levelsEvent, levelsWith, putLevels } from "../support/sandbox-state.js";

// Deduplication and rc_message for power-level sends (reference §14.4, §14.2 steps 7, 12, 14).
const room: SeedRoom = { alias: "room", creator: "admin", members: { alice: "join", bob: "join", mod: "join" }, power_levels: { users: { "@mod:acme.test": 100, "@alice:acme.test": 50 } } };
const tooMany = { status: 429, errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests" };

/** `count` sends by `as` that each change something (kick 1, 2, …, counting from `from`). */
async function realChanges(hs: Sandbox, as: string, count: number, from = 1) {
  const answers = [];
  for (let i = from; i < from + count; i++) answers.push(await putLevels(hs, as, hs.roomIdOf("room"), { content: levelsWith(hs, "room", { kick: i }) }));
  return answers;
}

test("§14.4 dedup: the same sender with identical content (any key order) gets the current event ID back, nothing new", async (t) => {
  const hs = await startTestSandbox(t, [room]);
  const content = levelsWith(hs, "room", { kick: 40 });
  const first = await putLevels(hs, "admin", hs.roomIdOf("room"), { content });
  const reordered = Object.fromEntries(Object.entries(content).reverse());
  for (let i = 0; i < 12; i++) assert.deepEqual((await putLevels(hs, "admin", hs.roomIdOf("room"), { content: reordered })).body, first.body);
  assert.equal(levelsEvent(hs, "room")?.eventId, first.body.event_id);
});

test("§14.4 dedup: identical content from another sender is a new event, and is auth-checked", async (t) => {
  const hs = await startTestSandbox(t, [room]);
  const content = levelsWith(hs, "room");
  const byMod = await putLevels(hs, "mod", hs.roomIdOf("room"), { content });
  assert.equal(byMod.status, 200);
  assert.notEqual(byMod.body.event_id, levelsEvent(hs, "room")?.previous?.eventId, "the seeded event was the admin's");
  assert.equal(levelsEvent(hs, "room")?.sender, "@mod:acme.test");
  const byAlice = await putLevels(hs, "alice", hs.roomIdOf("room"), { content });
  assert.deepEqual(expectError(byAlice), { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to post that to the room. user_level (50) < send_level (100)" });
});

test("§14.4 rc_message: server admins are not exempt — 10 changes, then 429 with retry_after_ms and Retry-After", async (t) => {
  const hs = await startTestSandbox(t, [room], { clock: createManualClock() });
  const answers = await realChanges(hs, "admin", 11);
  assert.deepEqual(answers.map((a) => a.status), [...Array(10).fill(200), 429]);
  const limited = answers[10];
  assert.deepEqual(limited && expectError(limited), tooMany);
  assert.equal(limited?.body.retry_after_ms, 5000);
  assert.equal(limited?.headers.get("retry-after"), "5");
});

test("§14.4 rc_message: refused and deduplicated sends are free — 12 of each, then exactly 10 real changes", async (t) => {
  const hs = await startTestSandbox(t, [room], { clock: createManualClock() });
  const same = levelsWith(hs, "room");
  for (let i = 0; i < 12; i++) assert.equal((await putLevels(hs, "admin", hs.roomIdOf("room"), { content: same })).status, 200, "dedup");
  for (let i = 0; i < 12; i++) assert.equal((await putLevels(hs, "admin", hs.roomIdOf("room"), { content: levelsWith(hs, "room", { ban: "x" }) })).status, 400);
  for (let i = 0; i < 12; i++) assert.equal((await putLevels(hs, "admin", hs.roomIdOf("room"), { content: levelsWith(hs, "room", {}, { "@mod:acme.test": 0 }) })).status, 403);
  const answers = await realChanges(hs, "admin", 11);
  assert.deepEqual(answers.map((a) => a.status), [...Array(10).fill(200), 429]);
});

test("§14.4 rc_message: a full bucket answers 429 before the membership and auth checks, even for a deduplicated send", async (t) => {
  const hs = await startTestSandbox(t, [room, { alias: "other", creator: "carol" }], { clock: createManualClock() });
  await realChanges(hs, "admin", 10);
  const refusedAnyway = await putLevels(hs, "admin", hs.roomIdOf("room"), { content: levelsWith(hs, "room", {}, { "@mod:acme.test": 0 }) });
  assert.deepEqual(expectError(refusedAnyway), tooMany);
  assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("other"), { content: {} })), tooMany, "not in that room");
  assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("room"), { content: levelsWith(hs, "room") })), tooMany, "dedup comes after the check");
  assert.equal((await putLevels(hs, "admin", "!nowhere:acme.test", { content: {} })).status, 403, "an unknown room comes first");
});

test("§14.4 rc_message: the bucket kicks and messages use; override_ratelimit 0/0 lifts it, DELETE restores it", async (t) => {
  const hs = await startTestSandbox(t, [room], { clock: createManualClock() });
  await realChanges(hs, "admin", 10);
  assert.equal((await clientAction(hs, "kick", "admin", hs.roomIdOf("room"), "@bob:acme.test")).status, 429, "a kick meets the same bucket");
  const path = `/_synapse/admin/v1/users/${encodeURIComponent("@admin:acme.test")}/override_ratelimit`;
  assert.equal((await call(hs, "POST", path, { token: hs.adminToken, body: { messages_per_second: 0, burst_count: 0 } })).status, 200);
  assert.deepEqual((await realChanges(hs, "admin", 15, 20)).map((a) => a.status), Array(15).fill(200));
  assert.equal((await call(hs, "DELETE", path, { token: hs.adminToken })).status, 200);
  assert.equal((await realChanges(hs, "admin", 1, 40))[0]?.status, 429);
});
