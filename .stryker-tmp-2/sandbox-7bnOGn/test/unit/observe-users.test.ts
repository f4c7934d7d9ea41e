// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Desired } from "../../src/declarations/model.js";
import { localUsersToCheck } from "../../src/observe/observe-users.js";
import type { RoomObservation } from "../../src/plan/observation.js";
import { declared } from "../support/plan-builders.js";

test("localUsersToCheck lists each declared local user once, sorted; remote users and look-alike servers are left out", () => {
  const a = declared("#a").with("bob", "alice", "@zoe:partner.test", "@eve:acme.test.evil", "@mal:acme.tes").room;
  const b = declared("#b").with("alice", "carol").room;
  const desired: Desired = { serverName: "acme.test", groups: [], rooms: [a, b], files: [] };
  assert.deepEqual(localUsersToCheck(desired, "acme.test"), ["@alice:acme.test", "@bob:acme.test", "@carol:acme.test"]);
  const rooms = new Map<string, RoomObservation>([[b.ref, { status: "alias_not_found", ref: b.ref, detail: "gone" }]]);
  assert.deepEqual(localUsersToCheck(desired, "acme.test", rooms), [], "rooms that could not be read (or were not read) add nobody");
});
