import { test } from "node:test";
import assert from "node:assert/strict";
import { createManualClock, seedBuilder, startSandbox } from "../../src/sandbox/index.js";
import { call, expectError, startTestSandbox } from "../support/sandbox.js";
import { levelsEvent } from "../support/sandbox-state.js";

function makeRoomAdmin(hs: Parameters<typeof call>[0], room: string, body?: unknown) {
  return call(hs, "POST", `/_synapse/admin/v1/rooms/${encodeURIComponent(room)}/make_room_admin`, {
    token: hs.adminToken,
    ...(body === undefined ? { rawBody: "" } : { body }),
  });
}

test("make_room_admin grants the puppet's level via the most powerful joined local user, then invites (§5)", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "priv", creator: "alice", join_rule: "invite", members: { alice: "join" } },
    { alias: "pub", creator: "alice", join_rule: "public", members: { alice: "join" } },
  ]);
  const answer = await makeRoomAdmin(hs, "#priv:acme.test");
  assert.deepEqual([answer.status, answer.body], [200, {}]);
  const room = hs.state.rooms.get(hs.roomIdOf("priv"));
  const pl = room && hs.state.getState(room, "m.room.power_levels");
  assert.deepEqual([pl?.sender, (pl?.content["users"] as Record<string, number>)["@admin:acme.test"]], ["@alice:acme.test", 100]);
  assert.equal(hs.membership("priv", "admin"), "invite", "the grantee is invited by the puppet, never joined");
  assert.equal(room?.members.get("@admin:acme.test")?.sender, "@alice:acme.test");

  const pub = await makeRoomAdmin(hs, hs.roomIdOf("pub"), { user_id: "@bob:acme.test" });
  assert.equal(pub.status, 200);
  assert.equal(hs.membership("pub", "bob"), undefined, "public room: no invite");
});

test("make_room_admin acts through the joined top-level user listed last, as Synapse 1.67 does", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "tie", creator: "carol", members: { bob: "join", carol: "join" }, power_levels: { users: { "@carol:acme.test": 100, "@bob:acme.test": 100 } } },
  ]);
  assert.equal((await makeRoomAdmin(hs, "#tie:acme.test")).status, 200);
  const room = hs.state.rooms.get(hs.roomIdOf("tie"));
  assert.equal(room && hs.state.getState(room, "m.room.power_levels")?.sender, "@bob:acme.test");
});

test("make_room_admin refusals", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "gone", creator: "alice", members: { admin: "leave", alice: "leave", "@zoe:partner.test": "join" } },
    { alias: "nobody", creator: "admin", members: { admin: "leave", bob: "join" }, power_levels: { users: { "@alice:acme.test": 100 } } },
    { alias: "weak", creator: "admin", members: { admin: "leave", bob: "join" }, power_levels: { users: { "@admin:acme.test": 100, "@bob:acme.test": 10 } } },
    { alias: "banned", creator: "alice", members: { alice: "join", carol: "ban" } },
  ]);
  const rows: [string, unknown, number, string, string][] = [
    ["#gone:acme.test", undefined, 400, "M_UNKNOWN", "Server not in room"],
    ["!never:acme.test", undefined, 400, "M_UNKNOWN", "Server not in room"],
    ["#none:acme.test", undefined, 404, "M_NOT_FOUND", "Room alias #none:acme.test not found"],
    ["#nobody:acme.test", undefined, 400, "M_UNKNOWN", "No local admin user in room"],
    ["#weak:acme.test", undefined, 400, "M_UNKNOWN", "No local admin user in room with power to update power levels."],
    ["#banned:acme.test", { user_id: "nonsense" }, 400, "M_UNKNOWN", "Not a valid user_id: nonsense"],
    ["#banned:acme.test", { user_id: "@carol:acme.test" }, 403, "M_BAD_STATE", "Cannot invite user who was banned"],
  ];
  for (const [room, body, status, errcode, error] of rows) {
    assert.deepEqual(expectError(await makeRoomAdmin(hs, room, body)), { status, errcode, error }, room);
  }
  const banned = hs.state.rooms.get(hs.roomIdOf("banned"));
  const users = (banned && hs.state.getState(banned, "m.room.power_levels")?.content["users"]) as Record<string, number>;
  assert.equal(users["@carol:acme.test"], 100, "the power level was changed before the invite failed");
  const notJson = await call(hs, "POST", "/_synapse/admin/v1/rooms/%23banned:acme.test/make_room_admin", { token: hs.adminToken, rawBody: "{" });
  assert.equal(notJson.body.errcode, "M_NOT_JSON");
});

test("make_room_admin's puppet is a requester the server makes: never shadow-banned, the event is really sent", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "sams", creator: "sam", join_rule: "public", members: { sam: "join" } }]);
  assert.equal((await makeRoomAdmin(hs, "#sams:acme.test", { user_id: "@bob:acme.test" })).status, 200);
  const room = hs.state.rooms.get(hs.roomIdOf("sams"));
  const pl = room && hs.state.getState(room, "m.room.power_levels");
  assert.deepEqual([pl?.sender, (pl?.content["users"] as Record<string, number>)["@bob:acme.test"]], ["@sam:acme.test", 100]);
});

test("make_room_admin puppets local users only, and passes a refusal that is not about power through as it is", async (t) => {
  const hs = await startTestSandbox(t, [
    {
      alias: "mixed",
      creator: "admin",
      join_rule: "invite",
      power_levels: { users: { "@zoe:partner.test": 100, "@alice:acme.test": 50 }, events: { "m.room.power_levels": 50 } },
      members: { admin: "leave", alice: "join", "@zoe:partner.test": "join" },
    },
    { alias: "twelve", creator: "alice", version: "12", join_rule: "invite", members: { alice: "join" } },
  ]);
  assert.equal((await makeRoomAdmin(hs, "#mixed:acme.test", { user_id: "@bob:acme.test" })).status, 200);
  const pl = levelsEvent(hs, "mixed");
  assert.deepEqual([pl?.sender, (pl?.content["users"] as Record<string, number>)["@bob:acme.test"]], ["@alice:acme.test", 50], "the remote user at 100 is never the puppet");
  const creator = await makeRoomAdmin(hs, "#twelve:acme.test", { user_id: "@alice:acme.test" });
  assert.deepEqual(expectError(creator), { status: 400, errcode: "M_UNKNOWN", error: "Creator user @alice:acme.test must not appear in content.users" });
});

test("make_room_admin without a power-levels event acts through the creator, and only a local one", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "ours", creator: "alice", join_rule: "invite", power_levels: null, members: { alice: "join" } },
    { alias: "theirs", creator: "@zoe:partner.test", join_rule: "invite", power_levels: null, members: { alice: "join", admin: "join" } },
  ]);
  assert.equal((await makeRoomAdmin(hs, "#ours:acme.test", { user_id: "@bob:acme.test" })).status, 200);
  assert.deepEqual([levelsEvent(hs, "ours")?.sender, levelsEvent(hs, "ours")?.content["users"]], ["@alice:acme.test", { "@bob:acme.test": 100 }]);
  assert.deepEqual(expectError(await makeRoomAdmin(hs, "#theirs:acme.test")), { status: 400, errcode: "M_UNKNOWN", error: "No local admin user in room" });
  assert.equal(levelsEvent(hs, "theirs"), undefined, "nothing was sent on the remote creator's behalf");
});

// Synapse's handler turns only an AuthError into its 400; a suspended puppet's refusal is a plain
// SynapseError (EventCreationHandler.create_event: the puppet's requester is not the server itself).
test("make_room_admin through a suspended puppet passes the suspension refusal through", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "erins", creator: "erin", join_rule: "invite", members: { erin: "join" } }]);
  const before = levelsEvent(hs, "erins")?.content;
  assert.deepEqual(expectError(await makeRoomAdmin(hs, "#erins:acme.test")), {
    status: 403,
    errcode: "M_USER_SUSPENDED",
    error: "Sending messages while account is suspended is not allowed.",
  });
  assert.deepEqual(levelsEvent(hs, "erins")?.content, before);
  assert.equal(hs.membership("erins", "admin"), undefined);
});

test("make_room_admin in a v12 room: the create sender, else the local additional creators from the last one listed, a remote creator never", async (t) => {
  const hs = await startTestSandbox(t, [
    {
      alias: "twelve",
      creator: "admin",
      version: "12",
      join_rule: "invite",
      additional_creators: ["alice", "bob", "@zoe:partner.test"],
      members: { admin: "leave", alice: "join", bob: "join", "@zoe:partner.test": "join" },
    },
  ]);
  assert.equal((await makeRoomAdmin(hs, "#twelve:acme.test", { user_id: "@carol:acme.test" })).status, 200);
  const pl = levelsEvent(hs, "twelve");
  assert.deepEqual([pl?.sender, (pl?.content["users"] as Record<string, number>)["@carol:acme.test"]], ["@bob:acme.test", 100]);
});

test("make_room_admin's invite is rate limited per recipient: the 6th invite-only room in a burst (each with its own puppet) answers 429 after the level is set", async (t) => {
  const builder = seedBuilder("acme.test").user("admin", { admin: true });
  for (let i = 0; i < 6; i++) builder.user(`c${i}`).room({ alias: `r${i}`, creator: `c${i}`, join_rule: "invite" });
  const hs = await startSandbox(builder.build(), { clock: createManualClock() });
  t.after(() => hs.close());
  for (let i = 0; i < 5; i++) assert.equal((await makeRoomAdmin(hs, `#r${i}:acme.test`)).status, 200, `room ${i}`);
  const sixth = await makeRoomAdmin(hs, "#r5:acme.test");
  assert.deepEqual([sixth.status, sixth.body.errcode], [429, "M_LIMIT_EXCEEDED"]);
  assert.equal(hs.membership("r5", "admin"), undefined, "not invited");
  assert.equal((levelsEvent(hs, "r5")?.content["users"] as Record<string, number>)["@admin:acme.test"], 100, "the level was set before the invite");
});
