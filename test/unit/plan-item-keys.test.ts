/** Pull-request attribution: which items of the head plan the base plan lacks. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { introducedKeys, isIntroducedBlock, planItemKeys } from "../../src/plan/item-keys.js";
import { declared, observed, planOf } from "../support/plan-builders.js";

const base = () =>
  planOf({
    rooms: [declared("#eng").with("alice", "ghost"), declared("#ops").with("bob")],
    observed: [observed("#eng"), observed("#ops").without("admin").rule("invite")],
    users: { ghost: "not_found" },
  });

test("a plan's keys name every change and every user a block holds back, per room", () => {
  assert.deepEqual([...planItemKeys(base())].sort(), [
    "blocked|#eng:acme.test|user_not_found|@ghost:acme.test",
    "blocked|#ops:acme.test|admin_not_in_room|@bob:acme.test",
    "join|#eng:acme.test|@alice:acme.test",
  ]);
});

test("what the head plan adds is introduced: a new change, and a new user held back by an existing room-level block", () => {
  const head = planOf({
    rooms: [declared("#eng").with("alice", "carol", "ghost"), declared("#ops").with("bob", "dave")],
    observed: [observed("#eng"), observed("#ops").without("admin").rule("invite")],
    users: { ghost: "not_found" },
  });
  const introduced = introducedKeys(head, base());
  assert.deepEqual([...introduced].sort(), ["blocked|#ops:acme.test|admin_not_in_room|@dave:acme.test", "join|#eng:acme.test|@carol:acme.test"]);
  const [eng, ops] = head.rooms;
  assert.ok(eng && ops);
  assert.equal(isIntroducedBlock(ops, ops.blocked[0] ?? assert.fail(), introduced), true);
  assert.equal(isIntroducedBlock(eng, eng.blocked[0] ?? assert.fail(), introduced), false, "ghost was blocked before");
  assert.equal(introducedKeys(base(), base()).size, 0);
});

test("a power change is introduced when its target level is new: the same promotion pending before is not", () => {
  const plan = (level: number) => planOf({ rooms: [declared("#eng").withPower("bob", level)], observed: [observed("#eng").member("bob")] });
  assert.deepEqual([...planItemKeys(plan(50))], ["power|#eng:acme.test|@bob:acme.test|50"]);
  assert.deepEqual([...introducedKeys(plan(100), plan(50))], ["power|#eng:acme.test|@bob:acme.test|100"]);
  assert.equal(introducedKeys(plan(50), plan(50)).size, 0);
});
