/** make_room_admin sends no invite to a grantee who already holds one (or is joined): the existing invite stays as it is. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { call, startTestSandbox } from "../support/sandbox.js";

test("make_room_admin leaves an invited grantee's invite untouched: same sender, same reason", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "priv", creator: "alice", join_rule: "invite", members: { alice: "join", bob: "join", admin: { membership: "invite", sender: "@bob:acme.test", reason: "welcome" } } },
  ]);
  const before = hs.state.rooms.get(hs.roomIdOf("priv"))?.members.get("@admin:acme.test");
  const answer = await call(hs, "POST", `/_synapse/admin/v1/rooms/${encodeURIComponent("#priv:acme.test")}/make_room_admin`, { token: hs.adminToken, body: {} });
  assert.deepEqual([answer.status, answer.body], [200, {}]);
  const after = hs.state.rooms.get(hs.roomIdOf("priv"))?.members.get("@admin:acme.test");
  assert.equal(hs.membership("priv", "admin"), "invite");
  assert.deepEqual([after?.sender, after?.content["reason"]], ["@bob:acme.test", "welcome"]);
  assert.equal(after, before, "no new member event");
});
