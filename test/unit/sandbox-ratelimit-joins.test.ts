/** Client joins are rate limited per user (rc_joins.local: burst 10, one more every 10 s); the admin join API's are not. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { createManualClock, seedBuilder, startSandbox } from "../../src/sandbox/index.js";
import { adminJoin, clientJoin, startTestSandbox } from "../support/sandbox.js";

const rooms = Array.from({ length: 12 }, (_, i) => ({ alias: `p${i}`, creator: "admin", join_rule: "public" as const }));

test("a user's 11th client join in a burst is 429 and changes nothing; 10 s later one more goes through", async (t) => {
  const clock = createManualClock();
  const hs = await startTestSandbox(t, rooms, { clock });
  const join = (i: number) => clientJoin(hs, "alice", `#p${i}:acme.test`);
  for (let i = 0; i < 10; i++) assert.equal((await join(i)).status, 200, `join ${i}`);
  const limited = await join(10);
  assert.deepEqual([limited.status, limited.body.errcode], [429, "M_LIMIT_EXCEEDED"]);
  assert.equal(hs.membership("#p10:acme.test", "@alice:acme.test"), undefined, "nothing happened");
  clock.advance(10_000);
  assert.equal((await join(10)).status, 200);
  assert.equal(hs.membership("#p10:acme.test", "@alice:acme.test"), "join");
  assert.equal((await adminJoin(hs, "#p11:acme.test", "@alice:acme.test")).status, 200, "the admin join API is not limited");
});

test("a room takes 10 joins in a burst (rc_joins_per_room), each counted once; the 11th user's is 429", async (t) => {
  const builder = seedBuilder("acme.test").user("admin", { admin: true });
  for (let i = 0; i < 11; i++) builder.user(`u${i}`);
  const hs = await startSandbox(builder.room({ alias: "busy", creator: "admin", join_rule: "public" }).build(), { clock: createManualClock() });
  t.after(() => hs.close());
  const join = (i: number) => clientJoin(hs, `u${i}`, "#busy:acme.test");
  for (let i = 0; i < 10; i++) assert.equal((await join(i)).status, 200, `join ${i}`);
  const limited = await join(10);
  assert.deepEqual([limited.status, limited.body.errcode], [429, "M_LIMIT_EXCEEDED"]);
  assert.equal(hs.membership("#busy:acme.test", "@u10:acme.test"), undefined);
});
