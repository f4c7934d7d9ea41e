import { test } from "node:test";
import assert from "node:assert/strict";
import { call, startTestSandbox, tokenOf } from "../support/sandbox.js";

const send = (hs: Parameters<typeof call>[0], user: string, roomId: string, txn: string) =>
  call(hs, "PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txn}`, { token: tokenOf(hs, user), body: { msgtype: "m.notice", body: "hi" } });

test("sandbox send: a joined user's message is stored; the same transaction answers the same event; a non-member gets 403", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "room", creator: "admin", join_rule: "invite" }]);
  const roomId = hs.roomIdOf("room");
  const first = await send(hs, "admin", roomId, "t1");
  assert.equal(first.status, 200);
  assert.deepEqual(await send(hs, "admin", roomId, "t1"), first, "idempotent per transaction");
  assert.equal(hs.state.messages.length, 1);
  const outsider = await send(hs, "alice", roomId, "t2");
  assert.deepEqual([outsider.status, outsider.body["errcode"]], [403, "M_FORBIDDEN"]);
  assert.deepEqual([(await send(hs, "admin", "!unknown:acme.test", "t3")).status], [403]);
});

test("sandbox send: messages share rc_message with kicks, and a full bucket answers 429 before the membership check", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "room", creator: "admin", join_rule: "invite" }]);
  const roomId = hs.roomIdOf("room");
  for (let i = 0; i < 10; i += 1) assert.equal((await send(hs, "admin", roomId, `b${i}`)).status, 200);
  const limited = await send(hs, "admin", roomId, "b10");
  assert.deepEqual([limited.status, limited.body["errcode"]], [429, "M_LIMIT_EXCEEDED"]);
  const kick = await call(hs, "POST", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/kick`, { token: hs.adminToken, body: { user_id: "@admin:acme.test" } });
  assert.equal(kick.status, 429, "the kick meets the same bucket");
  const notJoined = await send(hs, "admin", "!unknown:acme.test", "b11");
  assert.equal(notJoined.status, 429, "checked before the membership");
});
