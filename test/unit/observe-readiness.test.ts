import { test } from "node:test";
import assert from "node:assert/strict";
import type { Desired } from "../../src/declarations/model.js";
import { ReadinessTracker } from "../../src/observe/readiness.js";
import { declared } from "../support/plan-builders.js";

const a = declared("#a").with("zed", "bob", "@zoe:partner.test", "@eve:acme.test.evil", "@mal:acme.tes").room;
const b = declared("#b").with("alice", "bob", "carol").room;
const c = declared("#c").with("@zoe:partner.test").room;
const desired: Desired = { serverName: "acme.test", groups: [], rooms: [a, b, c], files: [] };

test("the users to look up: each declared local user once, the first room's first; remote users and look-alike servers are left out", () => {
  assert.deepEqual(new ReadinessTracker(desired, "acme.test").usersRoomByRoom(), ["@bob:acme.test", "@zed:acme.test", "@alice:acme.test", "@carol:acme.test"]);
});

test("a room is ready once it is read and each of its local users is known, whatever the order; each room once", () => {
  const tracker = new ReadinessTracker(desired, "acme.test");
  tracker.roomRead(2);
  assert.deepEqual(tracker.takeReady(), [2], "only remote members: ready once read");
  tracker.userKnown("@alice:acme.test");
  tracker.userKnown("@bob:acme.test");
  tracker.roomRead(1);
  assert.deepEqual(tracker.takeReady(), [], "carol is not known yet");
  tracker.userKnown("@carol:acme.test");
  tracker.userKnown("@zed:acme.test");
  assert.deepEqual(tracker.takeReady(), [1], "room a is not read yet");
  tracker.roomRead(0);
  assert.deepEqual(tracker.takeReady(), [0]);
  assert.deepEqual(tracker.takeReady(), []);
});

test("rooms that get ready together come in declaration order", () => {
  const tracker = new ReadinessTracker(desired, "acme.test");
  tracker.roomRead(1);
  tracker.roomRead(0);
  for (const user of ["@alice:acme.test", "@carol:acme.test", "@zed:acme.test"]) tracker.userKnown(user);
  assert.deepEqual(tracker.takeReady(), []);
  tracker.userKnown("@bob:acme.test");
  assert.deepEqual(tracker.takeReady(), [0, 1]);
});

test("rooms read in reverse order between two takes still come in declaration order", () => {
  const tracker = new ReadinessTracker(desired, "acme.test");
  for (const user of tracker.usersRoomByRoom()) tracker.userKnown(user);
  for (const index of [2, 1, 0]) tracker.roomRead(index);
  assert.deepEqual(tracker.takeReady(), [0, 1, 2]);
});
