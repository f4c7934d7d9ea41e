import { test } from "node:test";
import assert from "node:assert/strict";
import { buildState } from "../../src/sandbox/seed/apply.js";
import { seedBuilder, systemClock, type SeedRoom } from "../../src/sandbox/index.js";
import { toRoomSnapshot } from "../../src/homeserver/room-state.js";
import type { StateEvent } from "../../src/homeserver/types.js";
import { call, clientAction, expectError, startTestSandbox } from "../support/sandbox.js";
import { levelsEvent, levelsWith, putLevels } from "../support/sandbox-state.js";

// Room version 12: creators (the create sender and additional_creators) have creator power (reference §14.1, §14.3 rule 3).
const v12: SeedRoom = {
  alias: "twelve",
  creator: "admin",
  version: "12",
  additional_creators: ["alice", "@zoe:partner.test"],
  power_levels: { users: { "@mod:acme.test": 100, "@bob:acme.test": 50 } },
  members: { alice: "join", bob: "join", mod: "join", carol: "join" },
};

test("v12: createRoom's defaults list no creator and put the tombstone at 150; the room ID has no server part", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "plain", creator: "admin", version: "12" }]);
  const content = levelsEvent(hs, "plain")?.content;
  assert.deepEqual(content?.["users"], {});
  assert.equal((content?.["events"] as Record<string, number>)["m.room.tombstone"], 150);
  assert.match(hs.roomIdOf("plain"), /^![A-Za-z0-9_-]{43}$/);
});

test("v12: the admin state endpoint shows additional_creators, and roster's reader counts both creators", async (t) => {
  const hs = await startTestSandbox(t, [v12]);
  const answer = await call(hs, "GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(hs.roomIdOf("twelve"))}/state`, { token: hs.adminToken });
  const events = answer.body.state as StateEvent[];
  assert.deepEqual(events.find((e) => e.type === "m.room.create")?.content, { room_version: "12", additional_creators: ["@alice:acme.test", "@zoe:partner.test"] });
  const snapshot = toRoomSnapshot(hs.roomIdOf("twelve"), events);
  assert.deepEqual([snapshot.creators, snapshot.creatorsArePrivileged], [["@admin:acme.test", "@alice:acme.test", "@zoe:partner.test"], true]);
});

test("v12 §14.3 rule 3: creators must not appear in users (the sender's own text, one text for additional creators)", async (t) => {
  const hs = await startTestSandbox(t, [v12]);
  const roomId = hs.roomIdOf("twelve");
  const rows: [string, Record<string, number>, string][] = [
    ["admin", { "@admin:acme.test": 100 }, "Creator user @admin:acme.test must not appear in content.users"],
    ["admin", { "@zoe:partner.test": 1 }, "Additional creators users must not appear in content.users"],
    ["alice", { "@alice:acme.test": 100 }, "Additional creators users must not appear in content.users"],
    ["mod", { "@admin:acme.test": 0 }, "Creator user @admin:acme.test must not appear in content.users"],
  ];
  for (const [as, users, error] of rows) {
    assert.deepEqual(expectError(await putLevels(hs, as, roomId, { content: levelsWith(hs, "twelve", {}, users) })), { status: 400, errcode: "M_UNKNOWN", error }, error);
  }
});

test("v12: creators pass every comparison and nobody outranks them; others are compared as before", async (t) => {
  const hs = await startTestSandbox(t, [v12]);
  const roomId = hs.roomIdOf("twelve");
  assert.equal((await putLevels(hs, "alice", roomId, { content: levelsWith(hs, "twelve", { ban: 9007199254740991 }, { "@mod:acme.test": 9007199254740991 }) })).status, 200, "an additional creator");
  assert.equal((await putLevels(hs, "admin", roomId, { content: levelsWith(hs, "twelve", { ban: 50 }, { "@mod:acme.test": 0 }) })).status, 200, "the creator demotes anyone");
  const bob = await putLevels(hs, "bob", roomId, { content: levelsWith(hs, "twelve", { kick: 1 }) });
  assert.deepEqual(expectError(bob), { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to post that to the room. user_level (50) < send_level (100)" });
  const carol = await putLevels(hs, "carol", roomId, { content: {} }, "x");
  assert.equal(carol.body.error, "You don't have permission to post that to the room. user_level (0) < send_level (100)");
});

test("v12: kicks and invites use creator power — a creator kicks a 100, nobody kicks a creator", async (t) => {
  const hs = await startTestSandbox(t, [{ ...v12, power_levels: { invite: 100, users: { "@mod:acme.test": 100 } } }]);
  const roomId = hs.roomIdOf("twelve");
  assert.equal((await clientAction(hs, "kick", "alice", roomId, "@mod:acme.test")).status, 200);
  assert.equal((await clientAction(hs, "invite", "alice", roomId, "@mod:acme.test")).status, 200);
  assert.deepEqual(expectError(await clientAction(hs, "kick", "admin", roomId, "@alice:acme.test")), { status: 403, errcode: "M_FORBIDDEN", error: "You cannot kick user @alice:acme.test." });
});

test("v12 make_room_admin: a creator is the puppet and grants 100; granting a creator is refused with the creator text", async (t) => {
  const hs = await startTestSandbox(t, [{ ...v12, power_levels: { users: { "@mod:acme.test": 100 } } }]);
  const path = `/_synapse/admin/v1/rooms/${encodeURIComponent(hs.roomIdOf("twelve"))}/make_room_admin`;
  assert.equal((await call(hs, "POST", path, { token: hs.adminToken, body: { user_id: "@carol:acme.test" } })).status, 200);
  const event = levelsEvent(hs, "twelve");
  assert.deepEqual([event?.sender, (event?.content["users"] as Record<string, number>)["@carol:acme.test"]], ["@admin:acme.test", 100]);
  const creator = await call(hs, "POST", path, { token: hs.adminToken, body: { user_id: "@alice:acme.test" } });
  assert.deepEqual(expectError(creator), { status: 400, errcode: "M_UNKNOWN", error: "Additional creators users must not appear in content.users" });
});

test("v12 seeds: additional_creators only in rooms of version 12, as user IDs", () => {
  const seed = (room: Partial<SeedRoom>) => seedBuilder().user("admin").room({ alias: "r", creator: "admin", ...room }).build();
  assert.throws(() => buildState(seed({ additional_creators: ["admin"] }), { clock: systemClock, rateLimits: true }), /rooms\[0\]\.additional_creators: only rooms of version "12"/);
  assert.throws(() => buildState(seed({ version: "12", additional_creators: [5 as unknown as string] }), { clock: systemClock, rateLimits: true }), /additional_creators\[0\]: not a user ID/);
});
