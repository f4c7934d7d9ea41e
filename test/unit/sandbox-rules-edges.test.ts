/**
 * Sandbox rules at edges the other sandbox files leave out (found by Stryker's sandbox run): a client
 * join under each join rule, deactivation's parts and erasure, leaving by "kicking" oneself, and the
 * exact words of refusals a client shows.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createManualClock, seedBuilder, startSandbox, type SeedRoom } from "../../src/sandbox/index.js";
import { adminJoin, call, clientAction, clientJoin, expectError, startTestSandbox, tokenOf } from "../support/sandbox.js";

const room = (alias: string, join_rule: NonNullable<SeedRoom["join_rule"]>, members: NonNullable<SeedRoom["members"]>): SeedRoom => ({ alias, creator: "admin", join_rule, members });

test("a client join: invite and knock rooms let invited (and joined) users in; restricted rooms refuse others with their own words", async (t) => {
  const hs = await startTestSandbox(t, [
    room("inv", "invite", { admin: "join", alice: "invite", bob: "join" }),
    room("kn", "knock", { admin: "join", alice: "invite" }),
    room("res", "restricted", { admin: "join", alice: "invite" }),
  ]);
  for (const alias of ["inv", "kn", "res"]) {
    const joined = await clientJoin(hs, "alice", hs.roomIdOf(alias));
    assert.equal(joined.status, 200, `${alias}: ${JSON.stringify(joined.body)}`);
    assert.equal(hs.membership(alias, "alice"), "join", alias);
  }
  assert.equal((await clientJoin(hs, "bob", hs.roomIdOf("inv"))).status, 200, "a joined user joining again is fine");
  assert.deepEqual(expectError(await clientJoin(hs, "carol", hs.roomIdOf("inv"))), { status: 403, errcode: "M_FORBIDDEN", error: "You are not invited to this room." });
  assert.deepEqual(expectError(await clientJoin(hs, "carol", hs.roomIdOf("res"))), {
    status: 403,
    errcode: "M_FORBIDDEN",
    error: "You do not belong to any of the required rooms/spaces to join this room.",
  });
});

test("deactivation parts every join, invite and knock (a ban stays); erase also clears the display name", async (t) => {
  const hs = await startTestSandbox(t, [
    room("a", "public", { admin: "join", alice: "join", bob: "join" }),
    room("b", "invite", { admin: "join", alice: "invite", bob: "invite" }),
    room("c", "knock", { admin: "join", alice: "knock", bob: "knock" }),
    room("d", "public", { admin: "join", alice: "ban", bob: "ban" }),
  ]);
  const deactivate = (user: string, erase: boolean) => call(hs, "POST", `/_synapse/admin/v1/deactivate/${user}`, { token: hs.adminToken, body: { erase } });
  const read = async (user: string) => (await call(hs, "GET", `/_synapse/admin/v2/users/${user}`, { token: hs.adminToken })).body;
  const before = await read("@bob:acme.test");
  assert.equal((await deactivate("@alice:acme.test", false)).status, 200);
  assert.equal((await deactivate("@bob:acme.test", true)).status, 200);
  for (const user of ["alice", "bob"]) assert.deepEqual(["a", "b", "c", "d"].map((alias) => hs.membership(alias, user)), ["leave", "leave", "leave", "ban"], user);
  const alice = await read("@alice:acme.test");
  const bob = await read("@bob:acme.test");
  assert.deepEqual([alice.deactivated, alice.erased, alice.displayname], [true, false, before.displayname]);
  assert.deepEqual([bob.deactivated, bob.erased, bob.displayname], [true, true, null]);
});

test("a user 'kicking' itself out of an invite or a knock leaves without any power", async (t) => {
  const hs = await startTestSandbox(t, [room("inv", "invite", { admin: "join", alice: "invite" }), room("kn", "knock", { admin: "join", alice: "knock" })]);
  for (const alias of ["inv", "kn"]) {
    const answer = await clientAction(hs, "kick", "alice", hs.roomIdOf(alias), "@alice:acme.test");
    assert.equal(answer.status, 200, `${alias}: ${JSON.stringify(answer.body)}`);
    assert.equal(hs.membership(alias, "alice"), "leave", alias);
  }
});

test("refusals in a client's words: a message from outside the room, a user ID without a server part", async (t) => {
  const hs = await startTestSandbox(t, [room("r", "public", { admin: "join" })]);
  const roomId = hs.roomIdOf("r");
  const sent = await call(hs, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/t1`, { token: tokenOf(hs, "alice"), body: { msgtype: "m.text", body: "hi" } });
  assert.deepEqual(expectError(sent), { status: 403, errcode: "M_FORBIDDEN", error: `User @alice:acme.test not in room ${roomId}` });
  assert.deepEqual(expectError(await adminJoin(hs, roomId, "@alice")), { status: 400, errcode: "M_INVALID_PARAM", error: "Expected UserID string to be of the form '@localname:domain'" });
});

test("a client invite shares rc_message with kicks: after 10 kicks the next invite is 429 and invites nobody", async (t) => {
  const builder = seedBuilder("acme.test").user("admin", { admin: true }).user("newcomer");
  const members: Record<string, "join"> = { admin: "join" };
  for (let i = 0; i < 10; i++) {
    builder.user(`u${i}`);
    members[`u${i}`] = "join";
  }
  const hs = await startSandbox(builder.room({ alias: "r", creator: "admin", join_rule: "invite", members }).build(), { clock: createManualClock() });
  t.after(() => hs.close());
  const roomId = hs.roomIdOf("r");
  for (let i = 0; i < 10; i++) assert.equal((await clientAction(hs, "kick", "admin", roomId, `@u${i}:acme.test`)).status, 200, `kick ${i}`);
  const invite = await clientAction(hs, "invite", "admin", roomId, "@newcomer:acme.test");
  assert.deepEqual([invite.status, invite.body.errcode], [429, "M_LIMIT_EXCEEDED"]);
  assert.equal(hs.membership("r", "newcomer"), undefined);
});

test("the sandbox's own deactivateUser (for tests and seeds) deactivates without erasing", async (t) => {
  const hs = await startTestSandbox(t, []);
  hs.deactivateUser("alice");
  const alice = (await call(hs, "GET", "/_synapse/admin/v2/users/@alice:acme.test", { token: hs.adminToken })).body;
  assert.deepEqual([alice.deactivated, alice.erased], [true, false]);
});
