/** Kick and invite power at its exact edge: the named level itself is enough, one below it is not. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { clientAction, expectError, startTestSandbox } from "../support/sandbox.js";

const levels = { users: { "@admin:acme.test": 100, "@alice:acme.test": 50, "@bob:acme.test": 49 }, kick: 50, invite: 50 };
const members = { alice: "join", bob: "join", carol: "join", dave: "join" } as const;

test("a member at exactly the kick level kicks a member below it; one level lower is refused", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", members, power_levels: levels }]);
  const r = hs.roomIdOf("r");
  assert.equal((await clientAction(hs, "kick", "alice", r, "@carol:acme.test")).status, 200);
  assert.equal(hs.membership("r", "carol"), "leave");
  const refused = await clientAction(hs, "kick", "bob", r, "@dave:acme.test");
  assert.deepEqual(expectError(refused), { status: 403, errcode: "M_FORBIDDEN", error: "You cannot kick user @dave:acme.test." });
  assert.equal(hs.membership("r", "dave"), "join");
});

test("a member at exactly the invite level invites; one level lower is refused", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", members, power_levels: levels }]);
  const r = hs.roomIdOf("r");
  assert.equal((await clientAction(hs, "invite", "alice", r, "@zoe:partner.test")).status, 200);
  assert.equal(hs.membership("r", "@zoe:partner.test"), "invite");
  const refused = await clientAction(hs, "invite", "bob", r, "@yuri:partner.test");
  assert.deepEqual(expectError(refused), { status: 403, errcode: "M_FORBIDDEN", error: "You don't have permission to invite users" });
  assert.equal(hs.membership("r", "@yuri:partner.test"), undefined);
});
