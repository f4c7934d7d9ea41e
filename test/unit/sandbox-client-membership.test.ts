import { test } from "node:test";
import assert from "node:assert/strict";
import type { SeedRoom } from "../../src/sandbox/index.js";
import { call, clientAction, expectError, startTestSandbox } from "../support/sandbox.js";

const users = (...names: string[]) => names.map((n) => (n.startsWith("@") ? n : `@${n}:acme.test`));

/** alice is the room's moderator (power 60 ≥ kick 50), bob an ordinary member. */
function room(alias: string, members: NonNullable<SeedRoom["members"]>, extra: Partial<SeedRoom> = {}): SeedRoom {
  return { alias, creator: "admin", join_rule: "invite", power_levels: { users: { "@alice:acme.test": 60 } }, members, ...extra };
}

test("client invite table (§8.3) in order of precedence", async (t) => {
  const hs = await startTestSandbox(t, [
    room("r", { alice: "join", bob: "join", carol: "ban", mod: "leave", erin: "join", gina: "join" }),
    room("blocked", { alice: "join" }, { blocked: true }),
    room("strict", { alice: "join", bob: "join" }, { power_levels: { invite: 70, users: { "@alice:acme.test": 60 } } }),
  ]);
  const r = hs.roomIdOf("r");
  const rows: [string, string, string, string, number, string, string][] = [
    ["suspended requester", "erin", r, "@mod:acme.test", 403, "M_USER_SUSPENDED", "Sending invites while account is suspended is not allowed."],
    ["blocked room", "alice", hs.roomIdOf("blocked"), "@mod:acme.test", 403, "M_UNKNOWN", "This room has been blocked on this server"],
    ["banned target beats requester-not-joined", "mod", r, "@carol:acme.test", 403, "M_BAD_STATE", "Cannot invite user who was banned"],
    ["unknown room", "alice", "!nowhere:acme.test", "@mod:acme.test", 403, "M_FORBIDDEN", "Unknown room"],
    ["requester not joined beats target joined", "mod", r, "@bob:acme.test", 403, "M_FORBIDDEN", `@mod:acme.test not in room ${r}.`],
    ["target joined", "alice", r, "@bob:acme.test", 403, "M_FORBIDDEN", "@bob:acme.test is already in the room."],
    ["insufficient power", "alice", hs.roomIdOf("strict"), "@mod:acme.test", 403, "M_FORBIDDEN", "You don't have permission to invite users"],
    ["remote server unreachable", "alice", r, "@x:down.test", 502, "M_UNKNOWN", "Failed to send invite to down.test"],
  ];
  for (const [name, as, roomId, target, status, errcode, error] of rows) {
    const answer = await clientAction(hs, "invite", as, roomId, target);
    assert.deepEqual(expectError(answer), { status, errcode, error }, name);
  }
  assert.equal(hs.membership("r", "mod"), "leave");
  assert.equal(hs.membership("r", "@x:down.test"), undefined);
});

test("client invite succeeds, copies the reason, and an identical repeat is a no-op", async (t) => {
  const hs = await startTestSandbox(t, [room("r", { alice: "join", bob: "join", gina: "join" })]);
  const r = hs.roomIdOf("r");
  const first = await clientAction(hs, "invite", "bob", r, "@carol:acme.test", "welcome");
  assert.deepEqual([first.status, first.body], [200, {}]);
  const event = hs.state.rooms.get(r)?.members.get("@carol:acme.test");
  assert.equal(event?.sender, "@bob:acme.test");
  assert.equal(event?.content["reason"], "welcome");
  const repeat = await clientAction(hs, "invite", "bob", r, "@carol:acme.test", "welcome");
  assert.equal(repeat.status, 200);
  assert.equal(hs.state.rooms.get(r)?.members.get("@carol:acme.test"), event, "no new event");
  const otherReason = await clientAction(hs, "invite", "bob", r, "@carol:acme.test", "welcome back");
  assert.equal(otherReason.status, 200);
  assert.equal(hs.state.rooms.get(r)?.members.get("@carol:acme.test")?.content["reason"], "welcome back", "another reason is a new invite");
  const remote = await clientAction(hs, "invite", "alice", r, "@yuri:partner.test");
  assert.equal(remote.status, 200);
  assert.equal(hs.membership("r", "@yuri:partner.test"), "invite");
  const shadow = await clientAction(hs, "invite", "gina", r, "@mod:acme.test");
  assert.deepEqual([shadow.status, shadow.body], [200, {}], "shadow-banned requester gets a fake success");
  assert.equal(hs.membership("r", "mod"), undefined, "nothing was sent");
});

test("client invite body checks", async (t) => {
  const hs = await startTestSandbox(t, [room("r", { alice: "join" })]);
  const { call, tokenOf } = await import("../support/sandbox.js");
  const path = `/_matrix/client/v3/rooms/${hs.roomIdOf("r")}/invite`;
  const missing = await call(hs, "POST", path, { token: tokenOf(hs, "alice"), body: {} });
  assert.deepEqual(expectError(missing), { status: 400, errcode: "M_MISSING_PARAM", error: "Missing params: ['user_id']" });
  const malformed = await call(hs, "POST", path, { token: tokenOf(hs, "alice"), body: { user_id: "carol" } });
  assert.equal(malformed.body.errcode, "M_INVALID_PARAM");
  const r0 = await call(hs, "POST", path.replace("/v3/", "/r0/"), { token: tokenOf(hs, "alice"), body: { user_id: "@carol:acme.test" } });
  assert.equal(r0.status, 200, "the r0 prefix is served too");
});

test("client kick table (§8.3) in order of precedence", async (t) => {
  const hs = await startTestSandbox(t, [
    room("r", { alice: "join", bob: "join", carol: "leave", mod: "ban", "@zoe:partner.test": "join" }),
    room("left", { admin: "leave", alice: "leave", bob: "invite", "@zoe:partner.test": "join" }),
  ]);
  const r = hs.roomIdOf("r");
  const left = hs.roomIdOf("left");
  const rows: [string, string, string, string, number, string, string][] = [
    ["server left, local target without membership", "alice", left, "@carol:acme.test", 404, "M_UNKNOWN", "Not a known room"],
    ["unknown room", "alice", "!nowhere:acme.test", "@carol:acme.test", 404, "M_UNKNOWN", "Not a known room"],
    ["server left, remote target", "alice", left, "@zoe:partner.test", 400, "M_BAD_JSON", "Provided user_id @zoe:partner.test is a non-local user"],
    ["server left, local invited target: requester not joined", "alice", left, "@bob:acme.test", 403, "M_FORBIDDEN", `@alice:acme.test not in room ${left}.`],
    ["target left", "alice", r, "@carol:acme.test", 403, "M_FORBIDDEN", "The target user is not in the room"],
    ["target never a member", "alice", r, "@erin:acme.test", 403, "M_FORBIDDEN", "The target user is not in the room"],
    ["target left beats requester not joined", "carol", r, "@carol:acme.test", 403, "M_FORBIDDEN", "The target user is not in the room"],
    ["target banned", "alice", r, "@mod:acme.test", 403, "M_BAD_STATE", "Cannot kick user who was banned"],
    ["requester not joined", "carol", r, "@bob:acme.test", 403, "M_FORBIDDEN", `@carol:acme.test not in room ${r}.`],
    ["requester below kick level", "bob", r, "@alice:acme.test", 403, "M_FORBIDDEN", "You cannot kick user @alice:acme.test."],
    ["ordinary member cannot kick", "bob", r, "@zoe:partner.test", 403, "M_FORBIDDEN", "You cannot kick user @zoe:partner.test."],
  ];
  for (const [name, as, roomId, target, status, errcode, error] of rows) {
    const answer = await clientAction(hs, "kick", as, roomId, target);
    assert.deepEqual(expectError(answer), { status, errcode, error }, name);
  }
  assert.deepEqual(hs.joinedMembers("r"), users("admin", "alice", "bob", "@zoe:partner.test"));
});

test("client kick: requester must be strictly above the target, server admin or not", async (t) => {
  const hs = await startTestSandbox(t, [
    room("r", { alice: "join", bob: "join", mod: "join" }, { power_levels: { users: { "@alice:acme.test": 60, "@bob:acme.test": 60 } } }),
  ]);
  const answer = await clientAction(hs, "kick", "alice", hs.roomIdOf("r"), "@bob:acme.test");
  assert.deepEqual(expectError(answer), { status: 403, errcode: "M_FORBIDDEN", error: "You cannot kick user @bob:acme.test." });
  const serverAdmin = await clientAction(hs, "kick", "mod", hs.roomIdOf("r"), "@bob:acme.test");
  assert.deepEqual(expectError(serverAdmin), { status: 403, errcode: "M_FORBIDDEN", error: "You cannot kick user @bob:acme.test." }, "server admins get no bypass");
  assert.equal(hs.membership("r", "bob"), "join");
});

test("client kick removes joined, invited, knocking and remote members; a repeat kick fails", async (t) => {
  const hs = await startTestSandbox(t, [room("r", { alice: "join", bob: "join", carol: "invite", mod: "knock", "@zoe:partner.test": "join" })]);
  const r = hs.roomIdOf("r");
  for (const target of users("bob", "carol", "mod", "@zoe:partner.test")) {
    const answer = await clientAction(hs, "kick", "alice", r, target, "tidy up");
    assert.deepEqual([answer.status, answer.body], [200, {}], target);
    const event = hs.state.rooms.get(r)?.members.get(target);
    assert.deepEqual([event?.content["membership"], event?.sender, event?.content["reason"]], ["leave", "@alice:acme.test", "tidy up"], target);
  }
  const again = await clientAction(hs, "kick", "alice", r, "@bob:acme.test");
  assert.deepEqual(expectError(again), { status: 403, errcode: "M_FORBIDDEN", error: "The target user is not in the room" });
  assert.deepEqual(hs.joinedMembers("r"), users("admin", "alice"));
});

// Synapse 1.67 (differential test): UserID.from_string refuses a list user_id with 400, crashes on others.
test("client invite and kick: a list user_id is 400 M_INVALID_PARAM, a number or object 500", async (t) => {
  const hs = await startTestSandbox(t, [room("r", { alice: "join", bob: "join" })]);
  for (const action of ["invite", "kick"]) {
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(hs.roomIdOf("r"))}/${action}`;
    const send = (user_id: unknown) => call(hs, "POST", path, { token: hs.adminToken, body: { user_id } });
    assert.deepEqual(expectError(await send(["@bob:acme.test"])), { status: 400, errcode: "M_INVALID_PARAM", error: "Expected UserID string to start with '@'" }, action);
    assert.equal((await send(7)).status, 500, action);
    assert.equal((await send({})).status, 500, action);
  }
  assert.equal(hs.membership("r", "bob"), "join");
});

// JoinRoomAliasServlet parses the body before it resolves the room: a broken body is the first error.
test("client join: a body that is not JSON is refused before the alias is looked up", async (t) => {
  const hs = await startTestSandbox(t, []);
  const answer = await call(hs, "POST", "/_matrix/client/v3/join/%23nothing:acme.test", { token: hs.adminToken, rawBody: "nope" });
  assert.deepEqual(expectError(answer), { status: 400, errcode: "M_NOT_JSON", error: "Content not JSON." });
});
