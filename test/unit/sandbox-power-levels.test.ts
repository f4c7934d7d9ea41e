import { test } from "node:test";
import assert from "node:assert/strict";
import type { SeedRoom } from "../../src/sandbox/index.js";
import { call, expectError, startTestSandbox } from "../support/sandbox.js";
import { levelsEvent, levelsWith, putLevels, statePath } from "../support/sandbox-state.js";

// PUT /rooms/<id>/state/m.room.power_levels: the checks of reference §14.2, one row each, in their order.
const rooms: SeedRoom[] = [
  { alias: "team", creator: "admin", version: "10", power_levels: { users: { "@admin:acme.test": 100, "@alice:acme.test": 50 } }, members: { alice: "join", bob: "join", erin: "join", gina: "join" } },
  { alias: "outsiders", creator: "admin", version: "10", members: { alice: "invite", bob: "leave", carol: "ban" } },
  { alias: "nine", creator: "admin", version: "9" },
  { alias: "five", creator: "admin", version: "5" },
];
const notInRoom = (user: string, roomId: string) => ({ status: 403, errcode: "M_FORBIDDEN", error: `User @${user}:acme.test not in room ${roomId}` });
const badJson = (error: string) => ({ status: 400, errcode: "M_BAD_JSON", error });

test("§14.2 steps 1–3: the token, then a body that is JSON, then one that is an object", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const path = statePath(hs.roomIdOf("team"), "m.room.power_levels", "");
  assert.deepEqual(expectError(await call(hs, "PUT", path, { rawBody: "nope" })), { status: 401, errcode: "M_MISSING_TOKEN", error: "Missing access token" });
  for (const raw of ["", "nope", "{"]) assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("team"), { raw })), { status: 400, errcode: "M_NOT_JSON", error: "Content not JSON." }, raw);
  for (const raw of ["[1,2]", '"x"', "5", "null"]) assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf("team"), { raw })), badJson("Content must be a JSON object."), raw);
});

test("§14.2 step 5: a shadow-banned sender gets an event ID, and nothing is sent", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const before = levelsEvent(hs, "team");
  const answer = await putLevels(hs, "gina", hs.roomIdOf("team"), { content: {} });
  assert.equal(answer.status, 200);
  assert.match(answer.body.event_id, /^\$/);
  assert.equal(levelsEvent(hs, "team"), before);
});

test("§14.2 steps 6, 8, 9: unknown room, a sender not joined (never, invited, left, banned), a suspended sender", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const outsiders = hs.roomIdOf("outsiders");
  const rows: [string, string, number | object][] = [
    ["alice", "!nowhere:acme.test", notInRoom("alice", "!nowhere:acme.test")],
    ["alice", "notaroomid", notInRoom("alice", "notaroomid")],
    ["mod", outsiders, notInRoom("mod", outsiders)],
    ["alice", outsiders, notInRoom("alice", outsiders)],
    ["bob", outsiders, notInRoom("bob", outsiders)],
    ["carol", outsiders, notInRoom("carol", outsiders)],
    ["erin", hs.roomIdOf("team"), { status: 403, errcode: "M_USER_SUSPENDED", error: "Sending messages while account is suspended is not allowed." }],
  ];
  for (const [user, roomId, expected] of rows) {
    // Invalid content too: membership is checked before validation (1.67 validates first, §14.7).
    assert.deepEqual(expectError(await putLevels(hs, user, roomId, { content: { kick: "50" } })), expected, `${user} in ${roomId}`);
  }
});

test("§14.2 step 10: canonical JSON from room version 6 — a float anywhere, an integer beyond ±(2^53 − 1)", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const team = hs.roomIdOf("team");
  const rows: [string, object][] = [
    ['{"kick": 50.0}', badJson("Bad JSON value: float")],
    ['{"custom": {"deep": [1e3]}}', badJson("Bad JSON value: float")],
    ['{"users_default": 9007199254740992}', badJson("JSON integer out of range")],
    ['{"note": "9.5 in a string is fine", "x": -9007199254740992}', badJson("JSON integer out of range")],
    ['{"x": 9007199254740992, "kick": 1.5}', badJson("JSON integer out of range")],
    ['{"kick": 1.5, "x": 9007199254740992}', badJson("Bad JSON value: float")],
  ];
  for (const [raw, expected] of rows) assert.deepEqual(expectError(await putLevels(hs, "admin", team, { raw })), expected, raw);
  const edge = await putLevels(hs, "admin", team, { raw: JSON.stringify(levelsWith(hs, "team", { custom: 9007199254740991 })) });
  assert.equal(edge.status, 200, "2^53 − 1 is in range");
  const old = await putLevels(hs, "admin", hs.roomIdOf("five"), { raw: JSON.stringify(levelsWith(hs, "five")).replace(/}$/, ', "custom": 0.5}') });
  assert.equal(old.status, 200, "room version 5 takes floats outside the schema's keys");
});

test("§14.2 step 11: the schema in every room version, with Python's repr of the value and the key it is about", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const rows: [unknown, string][] = [
    [{ users: { "@dave:acme.test": "fifty" } }, `"@dave:acme.test": 'fifty' is not of type 'integer'`],
    [{ kick: "50" }, `"kick": '50' is not of type 'integer'`],
    [{ users: { "@dave:acme.test": true } }, `"@dave:acme.test": True is not of type 'integer'`],
    [{ users: "nope" }, `"users": 'nope' is not of type 'object'`],
    [{ events: null }, `"events": None is not of type 'object'`],
    [{ notifications: [1] }, `"notifications": [1] is not of type 'object'`],
    [{ ban: null }, `"ban": None is not of type 'integer'`],
    [{ events: { "m.room.name": [50] } }, `"m.room.name": [50] is not of type 'integer'`],
    [{ notifications: { room: { a: "it's" } } }, `"room": {'a': "it's"} is not of type 'integer'`],
    // The shallowest problem wins, then the first in the schema's order (ban … users_default).
    [{ users: { "@dave:acme.test": "x" }, users_default: "0" }, `"users_default": '0' is not of type 'integer'`],
    [{ users_default: "0", ban: false }, `"ban": False is not of type 'integer'`],
  ];
  for (const version of ["nine", "team", "five"]) {
    for (const [content, error] of rows) {
      assert.deepEqual(expectError(await putLevels(hs, "admin", hs.roomIdOf(version), { content })), badJson(error), `${version}: ${error}`);
    }
  }
  const big = await putLevels(hs, "admin", hs.roomIdOf("five"), { raw: '{"kick": 9007199254740992}' });
  assert.deepEqual(expectError(big), badJson(`"kick": 9007199254740992 is greater than the maximum of 9007199254740991`), "no canonical JSON before v6: the schema's bound");
  const low = await putLevels(hs, "admin", hs.roomIdOf("five"), { raw: '{"kick": -9007199254740992}' });
  assert.deepEqual(expectError(low), badJson(`"kick": -9007199254740992 is less than the minimum of -9007199254740991`), "and its lower bound");
  const lowest = await putLevels(hs, "admin", hs.roomIdOf("five"), { content: levelsWith(hs, "five", { redact: -9007199254740991 }) });
  assert.equal(lowest.status, 200, "the bound itself is allowed");
  const unknownKeys = await putLevels(hs, "admin", hs.roomIdOf("team"), { content: levelsWith(hs, "team", { historical: "any", custom: [true] }) });
  assert.equal(unknownKeys.status, 200, "other keys are not checked");
});

test("§14.2: the event types and keys — a trailing slash is the empty key, other keys are separate events", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const team = hs.roomIdOf("team");
  const content = levelsWith(hs, "team", { kick: 40 });
  const noSlash = await call(hs, "PUT", statePath(team, "m.room.power_levels"), { token: hs.adminToken, body: content });
  assert.deepEqual([noSlash.status, levelsEvent(hs, "team")?.eventId], [200, noSlash.body.event_id]);
  const r0 = await call(hs, "PUT", `/_matrix/client/r0/rooms/${encodeURIComponent(team)}/state/m.room.power_levels/`, { token: hs.adminToken, body: { ...content, kick: 45 } });
  assert.deepEqual([r0.status, levelsEvent(hs, "team")?.eventId], [200, r0.body.event_id]);
  const other = await putLevels(hs, "admin", team, { content: { users: { "@bob:acme.test": 100 } } }, "foo");
  assert.equal(other.status, 200);
  assert.equal(levelsEvent(hs, "team")?.eventId, r0.body.event_id, "a key other than \"\" leaves the room's levels alone");
  const topic = await call(hs, "PUT", statePath(team, "m.room.topic", ""), { token: hs.adminToken, body: { topic: "hello" } });
  assert.equal(topic.status, 200, "other state events pass the send-level check");
  const odd = await call(hs, "PUT", statePath(team, "m.room.topic", ""), { token: hs.adminToken, body: { topic: "hi", kick: "not a level", users: 5 } });
  assert.equal(odd.status, 200, "only power levels are held to the power-levels schema");
  const bobTopic = await call(hs, "PUT", statePath(team, "m.room.topic", ""), { token: hs.tokens["@bob:acme.test"] ?? "", body: { topic: "x" } });
  assert.deepEqual(expectError(bobTopic), { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to post that to the room. user_level (0) < send_level (50)" });
  const member = await call(hs, "PUT", statePath(team, "m.room.member", "@bob:acme.test"), { token: hs.adminToken, body: { membership: "leave" } });
  assert.equal(member.status, 404, "membership is not served through the state API");
});

test("§14.2 step 12 between equals: a moderator may change other levels around an equal user, and notifications count only from room version 6", async (t) => {
  const levels = { users: { "@admin:acme.test": 100, "@alice:acme.test": 50, "@bob:acme.test": 50 }, events: { "m.room.power_levels": 50 }, notifications: { room: 50 } };
  const hs = await startTestSandbox(t, [
    { alias: "ten", creator: "admin", version: "10", power_levels: levels, members: { alice: "join", bob: "join" } },
    { alias: "five", creator: "admin", version: "5", power_levels: levels, members: { alice: "join", bob: "join" } },
  ]);
  const kick = await putLevels(hs, "alice", hs.roomIdOf("ten"), { content: levelsWith(hs, "ten", { kick: 40 }) });
  assert.equal(kick.status, 200, "bob's unchanged 50 is not a removal");
  const louder = (alias: string) => putLevels(hs, "alice", hs.roomIdOf(alias), { content: levelsWith(hs, alias, { notifications: { room: 75 } }) });
  assert.deepEqual(expectError(await louder("ten")), { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to add ops level greater than your own" });
  assert.equal((await louder("five")).status, 200, "before version 6 notifications are not compared");
});
