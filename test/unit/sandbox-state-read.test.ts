import { test } from "node:test";
import assert from "node:assert/strict";
import type { SeedRoom } from "../../src/sandbox/index.js";
import { clientAction, expectError, startTestSandbox } from "../support/sandbox.js";
import { getState, levelsEvent, levelsWith, putLevels } from "../support/sandbox-state.js";

// GET /rooms/<id>/state/<type>[/<key>] (reference §8.5).
const rooms: SeedRoom[] = [
  { alias: "room", creator: "admin", members: { alice: "join", bob: "invite", carol: "ban", mod: "join" } },
  { alias: "open", creator: "admin" },
];
const previewsOff = (user: string, roomId: string) => ({ status: 403, errcode: "M_FORBIDDEN", error: `User @${user}:acme.test not in room ${roomId}, and room previews are disabled` });

test("§8.5: a joined user reads the content, or with ?format=event the whole event; the key is '' with or without a slash", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const roomId = hs.roomIdOf("room");
  const event = levelsEvent(hs, "room");
  for (const key of [undefined, ""]) assert.deepEqual((await getState(hs, "alice", roomId, "m.room.power_levels", key)).body, event?.content);
  const whole = await getState(hs, "alice", roomId, "m.room.power_levels", "", "?format=event");
  assert.equal(whole.status, 200);
  assert.deepEqual(
    { ...whole.body, unsigned: undefined },
    { type: "m.room.power_levels", state_key: "", content: event?.content, sender: "@admin:acme.test", event_id: event?.eventId, room_id: roomId, origin_server_ts: event?.ts, unsigned: undefined },
  );
  assert.deepEqual((await getState(hs, "alice", roomId, "m.room.member", "@bob:acme.test")).body, { membership: "invite" });
  assert.deepEqual((await getState(hs, "alice", roomId, "m.room.create", "")).body, { room_version: "11" });
  const bad = await getState(hs, "alice", roomId, "m.room.power_levels", "", "?format=json");
  assert.deepEqual(expectError(bad), { status: 400, errcode: "M_INVALID_PARAM", error: "Query parameter 'format' must be one of ['content', 'event']" });
});

test("§8.5: absent state → 404 'Event not found.'; never a member, invited, banned or unknown room → 403 (admins too)", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const roomId = hs.roomIdOf("room");
  assert.deepEqual(expectError(await getState(hs, "alice", roomId, "m.room.topic", "")), { status: 404, errcode: "M_NOT_FOUND", error: "Event not found." });
  assert.deepEqual(expectError(await getState(hs, "alice", roomId, "m.room.power_levels", "other")), { status: 404, errcode: "M_NOT_FOUND", error: "Event not found." });
  for (const user of ["carol", "bob", "susan"]) assert.deepEqual(expectError(await getState(hs, user, roomId, "m.room.power_levels")), previewsOff(user, roomId), user);
  assert.deepEqual(expectError(await getState(hs, "alice", "!nowhere:acme.test", "m.room.power_levels")), previewsOff("alice", "!nowhere:acme.test"));
});

test("§8.5: a user who left reads the state as of their leave; a world-readable room is read by anyone", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const roomId = hs.roomIdOf("room");
  const atLeave = levelsEvent(hs, "room")?.content;
  assert.equal((await clientAction(hs, "kick", "admin", roomId, "@mod:acme.test")).status, 200);
  assert.equal((await putLevels(hs, "admin", roomId, { content: levelsWith(hs, "room", { kick: 1 }) })).status, 200);
  assert.deepEqual((await getState(hs, "mod", roomId, "m.room.power_levels")).body, atLeave);
  assert.deepEqual((await getState(hs, "mod", roomId, "m.room.member", "@mod:acme.test")).body, { membership: "leave" });
  assert.equal((await getState(hs, "alice", roomId, "m.room.power_levels")).body.kick, 1, "joined: current state");
  const topic = await putLevels(hs, "admin", roomId, { content: {} }, "later");
  assert.equal(topic.status, 200);
  assert.equal((await getState(hs, "mod", roomId, "m.room.power_levels", "later")).status, 404, "sent after the leave");

  const open = hs.roomIdOf("open");
  assert.equal((await getState(hs, "alice", open, "m.room.power_levels")).status, 403);
  const room = hs.state.rooms.get(open);
  if (room) hs.state.setState(room, "m.room.history_visibility", "", { history_visibility: "world_readable" }, room.creator);
  assert.equal((await getState(hs, "alice", open, "m.room.power_levels")).status, 200);
});
