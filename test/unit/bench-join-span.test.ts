import { test } from "node:test";
import assert from "node:assert/strict";
import { joinSpan } from "../../scripts/bench/join-span.js";

const member = (user: string, membership: string, ts: number) => ({ type: "m.room.member", state_key: user, sender: user, content: { membership }, origin_server_ts: ts });

test("joinSpan spans the given users' joins over every room, and nothing else", () => {
  const users = new Set(["@a:hs", "@b:hs", "@c:hs"]);
  const rooms = [
    [member("@creator:hs", "join", 100), member("@a:hs", "join", 1_050), { type: "m.room.create", state_key: "", sender: "@creator:hs", content: {}, origin_server_ts: 90 }],
    [member("@b:hs", "join", 1_020), member("@c:hs", "invite", 2_000), member("@other:hs", "join", 5_000)],
    [member("@c:hs", "join", 1_400), { type: "m.room.member", state_key: "@a:hs", sender: "@a:hs", content: { membership: "join" } }, null],
  ];
  assert.deepEqual(joinSpan(rooms, users), { firstMs: 1_020, lastMs: 1_400, joins: 3 });
});

test("joinSpan is null when none of the users has joined", () => {
  assert.equal(joinSpan([[member("@a:hs", "leave", 10)], []], new Set(["@a:hs"])), null);
  assert.equal(joinSpan([], new Set(["@a:hs"])), null);
});
