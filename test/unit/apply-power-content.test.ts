import { test } from "node:test";
import assert from "node:assert/strict";
import { normaliseLevels, reachesPlannedLevel, sameContent, withPlannedLevels } from "../../src/apply/power-content.js";
import type { Change } from "../../src/plan/types.js";

const ADMIN = "@admin:acme.test";
const promote = (user: string, from: number, to: number): Change => ({ action: "power", user, reason: "declared", power: { from, to } });
const reset = (user: string, from: number): Change => ({ action: "power", user, reason: "prune_power", power: { from, to: 0, reset: true } });

const current = {
  users: { [ADMIN]: 100, "@bob:acme.test": 50, "@carol:acme.test": 50 },
  users_default: 0,
  events: { "m.room.name": 50, "m.room.power_levels": 100 },
  state_default: 50,
  historical: 100,
  "org.example.custom": { keep: true },
};

test("the content sent is the current content with only the planned entries changed: other keys and entries are kept", () => {
  const next = withPlannedLevels(current, [promote("@dave:acme.test", 0, 50), reset("@carol:acme.test", 50)], ADMIN);
  assert.deepEqual(next, {
    ...current,
    users: { [ADMIN]: 100, "@bob:acme.test": 50, "@dave:acme.test": 50 },
  });
  assert.deepEqual(current.users, { [ADMIN]: 100, "@bob:acme.test": 50, "@carol:acme.test": 50 }, "the content read is not changed in place");
});

test("a level changed by hand since the plan is preserved: only the planned users are written", () => {
  const byHand = { ...current, users: { ...current.users, "@erin:acme.test": 75 } };
  const next = withPlannedLevels(byHand, [promote("@dave:acme.test", 0, 50)], ADMIN);
  assert.equal((next["users"] as Record<string, number>)["@erin:acme.test"], 75);
});

test("int-like strings and floats of old rooms are sent as the integers Synapse reads them as (§14.6 row 4)", () => {
  const old = { users: { [ADMIN]: "100", "@bob:acme.test": 50.0, "@x:acme.test": " 7 " }, kick: "50", events: { "m.room.name": "50" }, notifications: { room: "50" }, custom: "50" };
  assert.deepEqual(normaliseLevels(old), {
    users: { [ADMIN]: 100, "@bob:acme.test": 50, "@x:acme.test": 7 },
    kick: 50,
    events: { "m.room.name": 50 },
    notifications: { room: 50 },
    custom: "50",
  });
});

test("a room without a power-levels event starts from the admin (its creator) at 100", () => {
  assert.deepEqual(withPlannedLevels(null, [promote("@bob:acme.test", 0, 50)], ADMIN), { users: { [ADMIN]: 100, "@bob:acme.test": 50 } });
});

test("whether a change's level is already on the server", () => {
  assert.equal(reachesPlannedLevel(current, promote("@bob:acme.test", 0, 50)), true);
  assert.equal(reachesPlannedLevel(current, promote("@bob:acme.test", 0, 100)), false);
  assert.equal(reachesPlannedLevel({ users: { "@bob:acme.test": "50" } }, promote("@bob:acme.test", 0, 50)), true);
  assert.equal(reachesPlannedLevel(current, reset("@carol:acme.test", 50)), false);
  assert.equal(reachesPlannedLevel(current, reset("@zed:acme.test", 50)), true);
  assert.equal(reachesPlannedLevel(null, promote("@bob:acme.test", 0, 50)), false);
  assert.equal(reachesPlannedLevel(current, { action: "join", user: "@bob:acme.test", reason: "declared" }), false);
});

test("contents compare as canonical JSON: key order does not matter, values do", () => {
  assert.equal(sameContent({ a: 1, b: { c: 2, d: [1, 2] } }, { b: { d: [1, 2], c: 2 }, a: 1 }), true);
  assert.equal(sameContent({ a: 1 }, { a: "1" }), false);
  assert.equal(sameContent({ a: [1, 2] }, { a: [2, 1] }), false);
  assert.equal(sameContent({ a: 1 }, { a: 1, b: null }), false);
});

test("every integer key of the schema is normalised, not only some", () => {
  const keys = ["ban", "events_default", "invite", "kick", "redact", "state_default", "users_default"];
  const old = Object.fromEntries(keys.map((key) => [key, "50"]));
  assert.deepEqual(normaliseLevels(old), Object.fromEntries(keys.map((key) => [key, 50])));
});

test("array elements stay apart in the comparison", () => {
  assert.equal(sameContent({ a: [1, 2] }, { a: [12] }), false);
});

test("a users entry that is not a mapping is replaced by the planned entries alone", () => {
  for (const users of [["@bob:acme.test"], "x", null]) {
    assert.deepEqual(withPlannedLevels({ users }, [promote("@bob:acme.test", 0, 50)], ADMIN), { users: { "@bob:acme.test": 50 } });
    // Read back after a lost answer: such a users entry holds nobody's level.
    assert.equal(reachesPlannedLevel({ users }, promote("@bob:acme.test", 0, 50)), false);
    assert.equal(reachesPlannedLevel({ users }, reset("@bob:acme.test", 50)), true);
  }
});
