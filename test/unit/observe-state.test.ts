import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { toRoomSnapshot } from "../../src/homeserver/room-state.js";
import type { StateEvent } from "../../src/homeserver/types.js";
import { observeState } from "../../src/observe/observe-rooms.js";
import { toObservedRoom } from "../support/observed-from-snapshot.js";

/** observeState is the one-pass form of toObservedRoom(toRoomSnapshot(...)): they must agree on every input. */
function bothWays(events: StateEvent[]) {
  return { fused: observeState("#r:hs", "!r:hs", events), reference: toObservedRoom("#r:hs", toRoomSnapshot("!r:hs", events)) };
}

function state(type: string, stateKey: string, content: Record<string, unknown>, sender = "@admin:hs"): StateEvent {
  return { type, state_key: stateKey, content, sender };
}

test("observeState agrees with the snapshot path on duplicates, unknown memberships and odd keys", () => {
  const events = [
    state("m.room.create", "", { room_version: "12", additional_creators: ["@c:hs"] }),
    state("m.room.power_levels", "", { users: { "@a:hs": 50 }, kick: "40" }),
    state("m.room.join_rules", "", { join_rule: "public" }),
    state("m.room.member", "@a:hs", { membership: "join" }),
    state("m.room.member", "@b:hs", { membership: "invite" }),
    state("m.room.member", "@b:hs", { membership: "shrug" }),
    state("m.room.member", "@c:hs", { membership: "ban" }),
    state("m.room.member", "@c:hs", { membership: 7 }),
    state("m.room.member", "__proto__", { membership: "join" }),
    state("m.room.member", "@d:hs", {}),
  ];
  const { fused, reference } = bothWays(events);
  assert.deepEqual(fused, reference);
  assert.deepEqual(fused.members, new Map([["@a:hs", "join"], ["@c:hs", "ban"]]));
  assert.deepEqual(fused.powerLevels.creators, ["@admin:hs", "@c:hs"]);
});

test("observeState agrees with the snapshot path on random member event sequences", () => {
  const membership = fc.oneof(fc.constantFrom("join", "invite", "leave", "ban", "knock", "other"), fc.integer());
  const event = fc.tuple(fc.constantFrom("@a:hs", "@b:hs", "@c:hs", "__proto__"), membership, fc.constantFrom("m.room.member", "m.room.join_rules")).map(([user, m, type]) =>
    type === "m.room.member" ? state(type, user, { membership: m }) : state(type, "", { join_rule: String(m) }),
  );
  fc.assert(
    fc.property(fc.array(event, { maxLength: 12 }), (events) => {
      const { fused, reference } = bothWays(events);
      assert.deepEqual(fused, reference);
      assert.deepEqual([...fused.members.keys()].sort(), [...reference.members.keys()].sort());
    }),
    { numRuns: 300 },
  );
});

test("without a power-levels event the creator holds 100, everyone else 0, and the named levels are Synapse's defaults (reference §8.6)", () => {
  const room = observeState("#r:hs", "!r:hs", [state("m.room.create", "", { room_version: "10" }, "@boss:hs"), state("m.room.member", "@boss:hs", { membership: "join" }, "@boss:hs")]);
  assert.deepEqual(room.powerLevels, { users: { "@boss:hs": 100 }, usersDefault: 0, invite: 0, kick: 50, creators: [], changeLevels: 50, hasEvent: false });
});

test("changing the power levels needs events[m.room.power_levels], else state_default", () => {
  const levels = (content: Record<string, unknown>) =>
    observeState("#r:hs", "!r:hs", [state("m.room.create", "", { room_version: "10" }), state("m.room.power_levels", "", content)]).powerLevels.changeLevels;
  assert.equal(levels({ state_default: 70 }), 70);
  assert.equal(levels({ state_default: 70, events: { "m.room.power_levels": 90 } }), 90);
  assert.equal(levels({ events: { "m.room.name": 10 } }), 50);
});

test("a room's fingerprint ignores the order the server lists its state in, and changes with any membership or user level", () => {
  const create = state("m.room.create", "", { room_version: "10" });
  const member = (user: string, membership: string) => state("m.room.member", user, { membership });
  const levels = (users: Record<string, number>) => state("m.room.power_levels", "", { users, users_default: 0 });
  const fingerprint = (...events: StateEvent[]) => observeState("#r:hs", "!r:hs", [create, ...events]).fingerprint;
  const base = fingerprint(member("@a:hs", "join"), member("@b:hs", "invite"), levels({ "@a:hs": 50, "@b:hs": 10 }));
  // Saved plans of this format carry it: the digest of one room must not change from one release to the next.
  assert.equal(base, "sha256:a8bbe72983ba2c60d3edcaa17dc82419");
  assert.equal(fingerprint(levels({ "@b:hs": 10, "@a:hs": 50 }), member("@b:hs", "invite"), member("@a:hs", "join")), base);
  assert.notEqual(fingerprint(member("@a:hs", "join"), member("@b:hs", "join"), levels({ "@a:hs": 50, "@b:hs": 10 })), base);
  assert.notEqual(fingerprint(member("@a:hs", "join"), member("@b:hs", "invite"), levels({ "@a:hs": 50, "@b:hs": 20 })), base);
  assert.notEqual(fingerprint(member("@a:hs", "join"), member("@b:hs", "invite"), levels({ "@a:hs": 50 })), base);
});
