import { test } from "node:test";
import assert from "node:assert/strict";
import type { Sandbox, SeedRoom } from "../../src/sandbox/index.js";
import { expectError, startTestSandbox } from "../support/sandbox.js";
import { levelsEvent, levelsWith, putLevels } from "../support/sandbox-state.js";

// The auth rules of a power-levels change (reference §14.3), one test per rule and per row of its table.
const A = "@alice:acme.test";
const B = "@bob:acme.test";
const C = "@carol:acme.test";
/** alice at 50 may edit levels (send level 50); bob 25, carol 50 (equal to alice), mod 100. */
const editable = (alias: string, version = "10", extra: Record<string, unknown> = {}): SeedRoom => ({
  alias,
  creator: "admin",
  version,
  power_levels: { events: { "m.room.power_levels": 50 }, users: { [A]: 50, [B]: 25, [C]: 50, "@mod:acme.test": 100 }, ...extra },
  members: { alice: "join", bob: "join", carol: "join", mod: "join" },
});
const greater = { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to add ops level greater than your own" };
const equal = { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to remove ops level equal to your own" };
const tooLow = (level: number, required: number) => ({ status: 403, errcode: "M_FORBIDDEN", error: `You don't have permission to post that to the room. user_level (${level}) < send_level (${required})` });

async function change(hs: Sandbox, as: string, alias: string, changes: Record<string, unknown>, users: Record<string, number | undefined> = {}) {
  return putLevels(hs, as, hs.roomIdOf(alias), { content: levelsWith(hs, alias, changes, users) });
}

test("§14.3 rule 1: below the send level of m.room.power_levels (events entry, else state_default) → 403 with both levels", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "defaults", creator: "admin", members: { alice: "join" }, power_levels: { users: { [A]: 50 } } },
    { alias: "statedefault", creator: "admin", members: { alice: "join" }, power_levels: { events: {}, state_default: 60, users: { [A]: 50 } } },
  ]);
  assert.deepEqual(expectError(await change(hs, "alice", "defaults", { kick: 40 })), tooLow(50, 100));
  assert.deepEqual(expectError(await change(hs, "alice", "statedefault", { kick: 40 })), tooLow(50, 60));
  // An invalid user key from an under-powered sender meets rule 1 first.
  assert.deepEqual(expectError(await change(hs, "alice", "defaults", {}, { dave: 0 })), tooLow(50, 100));
});

test("§14.3 rule 2: every users key must be a user ID (@ and a colon); remote and unknown users are fine", async (t) => {
  const hs = await startTestSandbox(t, [editable("room")]);
  for (const key of ["dave", "@dave", "dave:acme.test"]) {
    assert.deepEqual(expectError(await change(hs, "mod", "room", {}, { [key]: 0 })), { status: 400, errcode: "M_UNKNOWN", error: `Not a valid user_id: ${key}` });
  }
  assert.equal((await change(hs, "mod", "room", {}, { "@zoe:partner.test": 10, "@nobody:acme.test": 0, "@x:bad_domain!": 1 })).status, 200);
});

test("§14.3 rule 4: the first power-levels event is compared with nothing", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "bare", creator: "admin", power_levels: null, members: { alice: "join" } }]);
  const first = await putLevels(hs, "admin", hs.roomIdOf("bare"), { content: { users: { [A]: 1000 }, ban: 5000 } });
  assert.equal(first.status, 200, "the creator (100 without levels) sets values above its own level");
  assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("bare"), { content: {} })), tooLow(0, 50), "the creator's implicit 100 is gone");
  assert.deepEqual(expectError(await putLevels(hs, "alice", hs.roomIdOf("bare"), { content: {} })), greater, "the next one is compared");
});

test("§14.3 rule 5, table rows: a sender at 50 changing users", async (t) => {
  const hs = await startTestSandbox(t, [editable("room")]);
  const rows: [string, Record<string, number | undefined>, number | object][] = [
    ["other user without entry 0 → 25, 25 → 0, 0 → 50 (N == L allowed)", { "@x:acme.test": 25 }, 200],
    ["… 25 → 0", { "@x:acme.test": 0 }, 200],
    ["… 0 → 50", { "@x:acme.test": 50 }, 200],
    ["anyone to N > L", { "@y:acme.test": 51 }, greater],
    ["other user with O == L lowered", { [C]: 0 }, equal],
    ["… raised", { [C]: 51 }, equal],
    ["… removed", { [C]: undefined }, equal],
    ["other user with O > L", { "@mod:acme.test": 10 }, greater],
    ["own entry raised", { [A]: 60 }, greater],
    ["O below L, to N below L", { [B]: 10 }, 200],
  ];
  for (const [name, users, expected] of rows) {
    const answer = await change(hs, "alice", "room", {}, users);
    if (typeof expected === "number") assert.equal(answer.status, expected, `${name}: ${JSON.stringify(answer.body)}`);
    else assert.deepEqual(expectError(answer), expected, name);
  }
});

test("§14.3 rule 5: only explicit entries are compared (a users_default at or above L does not protect)", async (t) => {
  const hs = await startTestSandbox(t, [editable("room", "10", { users_default: 50 })]);
  assert.equal((await change(hs, "alice", "room", {}, { "@x:acme.test": 10 })).status, 200);
});

test("§14.3 rule 5: own entry lowered or removed — allowed, and the sender then has the new level", async (t) => {
  const hs = await startTestSandbox(t, [editable("lowered"), editable("removed", "10", { users_default: 5 })]);
  assert.equal((await change(hs, "alice", "lowered", {}, { [A]: 10 })).status, 200);
  assert.deepEqual(expectError(await change(hs, "alice", "lowered", { kick: 1 })), tooLow(10, 50));
  assert.equal((await change(hs, "alice", "removed", {}, { [A]: undefined })).status, 200);
  assert.deepEqual(expectError(await change(hs, "alice", "removed", { kick: 1 })), tooLow(5, 50), "users_default once removed");
});

test("§14.3 rule 5: top-level and events values — allowed while old and new are ≤ L, users_default raised to ≤ L", async (t) => {
  const hs = await startTestSandbox(t, [editable("room")]);
  const rows: [string, Record<string, unknown>, number | object][] = [
    ["kick 50 → 40", { kick: 40 }, 200],
    ["events.m.room.tombstone absent → 1", { events: { "m.room.power_levels": 50, "m.room.tombstone": 1 } }, 200],
    ["users_default 0 → 50", { users_default: 50 }, 200],
    ["ban 50 → 60", { ban: 60 }, greater],
    ["events.m.room.power_levels 50 → 100", { events: { "m.room.power_levels": 100, "m.room.tombstone": 1 } }, greater],
    ["events entry removed whose old value is above L", { events: { "m.room.power_levels": 50 } }, 200],
    ["historical (never compared) 100 → 0", { historical: 0 }, 200],
    ["custom top-level key to 1000", { "m.call.invite": 1000 }, 200],
  ];
  for (const [name, changes, expected] of rows) {
    const answer = await change(hs, "alice", "room", changes);
    if (typeof expected === "number") assert.equal(answer.status, expected, `${name}: ${JSON.stringify(answer.body)}`);
    else assert.deepEqual(expectError(answer), expected, name);
  }
});

test("§14.3 rule 5: values are compared after int() — an int-like string replaced by the same integer is no change", async (t) => {
  const hs = await startTestSandbox(t, [editable("room", "9", { ban: "100", users: { [A]: 50, "@mod:acme.test": "100" } })]);
  assert.equal((await change(hs, "alice", "room", { ban: 100 }, { "@mod:acme.test": 100 })).status, 200);
  assert.deepEqual(expectError(await change(hs, "alice", "room", { ban: 99 })), greater);
});

test("§14.3 rule 5: notifications are compared from room version 6 only", async (t) => {
  const hs = await startTestSandbox(t, [editable("six", "6", { notifications: { room: 100 } }), editable("five", "5", { notifications: { room: 100 } })]);
  assert.deepEqual(expectError(await change(hs, "alice", "six", { notifications: { room: 0 } })), greater);
  assert.equal((await change(hs, "alice", "five", { notifications: { room: 0 } })).status, 200);
});

test("§14.3 table, last row: {} from a sender at 100 drops everything; then nobody can edit levels", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "room", creator: "admin", members: { alice: "join" } }]);
  assert.equal((await putLevels(hs, "admin", hs.roomIdOf("room"), { content: {} })).status, 200);
  assert.deepEqual(levelsEvent(hs, "room")?.content, {});
  assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("room"), { content: { users: {} } })), tooLow(0, 50));
});

test("§14.2: a key starting with @ is another user's state unless it is the sender's own ID", async (t) => {
  const hs = await startTestSandbox(t, [editable("room")]);
  const others = await putLevels(hs, "mod", hs.roomIdOf("room"), { content: {} }, A);
  assert.deepEqual(expectError(others), { status: 403, errcode: "M_FORBIDDEN", error: "You are not allowed to set others state" });
  assert.equal((await putLevels(hs, "mod", hs.roomIdOf("room"), { content: {} }, "@mod:acme.test")).status, 200);
});
