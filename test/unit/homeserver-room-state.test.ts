import { test } from "node:test";
import assert from "node:assert/strict";
import { toObservedRoom } from "../support/observed-from-snapshot.js";
import { canInvite, canKick, powerOf } from "../../src/plan/power.js";
import {
  toRoomSnapshot,
  type RoomSnapshot,
} from "../../src/homeserver/room-state.js";
import type { StateEvent } from "../../src/homeserver/types.js";

const ADMIN = "@admin:hs";

function state(type: string, stateKey: string, content: Record<string, unknown>, sender = ADMIN): StateEvent {
  return { type, state_key: stateKey, content, sender };
}

/** A room built from a version, optional join rule and power levels, and `user: membership` pairs. */
function room(options: { version?: string; joinRule?: string; levels?: Record<string, unknown>; members?: Record<string, string>; extraCreators?: string[] }): RoomSnapshot {
  const events: StateEvent[] = [
    state("m.room.create", "", { ...(options.version ? { room_version: options.version } : {}), ...(options.extraCreators ? { additional_creators: options.extraCreators } : {}) }),
  ];
  if (options.joinRule) events.push(state("m.room.join_rules", "", { join_rule: options.joinRule }));
  if (options.levels) events.push(state("m.room.power_levels", "", options.levels));
  for (const [user, membership] of Object.entries(options.members ?? { [ADMIN]: "join" })) events.push(state("m.room.member", user, { membership }, user));
  return toRoomSnapshot("!r:hs", events);
}

test("a snapshot reads version, creators, join rule, power levels and members", () => {
  const snapshot = room({ version: "11", joinRule: "invite", levels: { users: { [ADMIN]: 100 }, invite: 50 }, members: { [ADMIN]: "join", "@a:hs": "invite" } });
  assert.equal(snapshot.version, "11");
  assert.deepEqual(snapshot.creators, [ADMIN]);
  assert.equal(snapshot.creatorsArePrivileged, false);
  assert.equal(snapshot.joinRule, "invite");
  assert.equal(snapshot.powerLevels?.invite, 50);
  assert.equal(snapshot.powerLevels?.kick, 50, "missing keys take Synapse's defaults");
  assert.deepEqual(snapshot.members["@a:hs"], { membership: "invite", sender: "@a:hs" });
  assert.equal(snapshot.serverInRoom, true);
});

test("missing pieces: no create event ⇒ version null, no join-rules event ⇒ null, event without key ⇒ invite, empty state ⇒ server not in room", () => {
  assert.equal(room({}).version, "1");
  assert.equal(room({}).joinRule, null);
  const keyless = toRoomSnapshot("!r:hs", [state("m.room.join_rules", "", {})]);
  assert.equal(keyless.joinRule, "invite");
  const empty = toRoomSnapshot("!r:hs", []);
  assert.deepEqual([empty.version, empty.serverInRoom, empty.powerLevels, empty.creators], [null, false, null, []]);
});

test("odd state: room-level events with a state key are not the room's, an empty or non-string version is version 1, non-string creators are skipped", () => {
  const keyed = toRoomSnapshot("!r:hs", [
    state("m.room.create", "x", { room_version: "12" }),
    state("m.room.join_rules", "x", { join_rule: "public" }),
    state("m.room.power_levels", "x", { users: { [ADMIN]: 100 } }),
  ]);
  assert.deepEqual([keyed.version, keyed.joinRule, keyed.powerLevels], [null, null, null]);
  assert.equal(toRoomSnapshot("!r:hs", [state("m.room.create", "", { room_version: "" })]).version, "1");
  assert.equal(toRoomSnapshot("!r:hs", [state("m.room.create", "", { room_version: 12 })]).version, "1");
  assert.deepEqual(room({ version: "12", extraCreators: [7, "@co:hs"] as unknown as string[] }).creators, [ADMIN, "@co:hs"]);
});

/** The production path: state events → snapshot → the planner's observed room and power rules. */
function observedOf(snapshot: RoomSnapshot) {
  return toObservedRoom("#r:hs", snapshot);
}

test("power: users entry, else users_default; int-like strings in old rooms; without power levels the creator has 100", () => {
  const levels = { users: { [ADMIN]: "100", "@mod:hs": " 50 ", "@bad:hs": "lots" }, users_default: "10", kick: "75" };
  const old = observedOf(room({ version: "5", levels }));
  const power = (user: string) => powerOf(old.powerLevels, user);
  assert.deepEqual([power(ADMIN), power("@mod:hs"), power("@bad:hs"), power("@x:hs")], [100, 50, 10, 10]);
  assert.equal(old.powerLevels.kick, 75);
  const bare = observedOf(room({}));
  assert.deepEqual([powerOf(bare.powerLevels, ADMIN), powerOf(bare.powerLevels, "@x:hs")], [100, 0]);
});

test("v12 creators (sender and additional_creators) have infinite power; earlier versions ignore additional_creators", () => {
  const snapshot = room({ version: "12", levels: { users: { "@mod:hs": 100 } }, extraCreators: ["@co:hs"], members: { [ADMIN]: "join", "@co:hs": "join", "@mod:hs": "join" } });
  assert.deepEqual(snapshot.creators, [ADMIN, "@co:hs"]);
  const v12 = observedOf(snapshot);
  assert.ok(powerOf(v12.powerLevels, "@co:hs") > 100);
  assert.equal(canKick(v12.powerLevels, "join", "@mod:hs", "@co:hs"), false);
  assert.equal(canKick(v12.powerLevels, "join", ADMIN, "@co:hs"), false, "equal infinite power cannot kick");
  assert.equal(canKick(v12.powerLevels, "join", ADMIN, "@mod:hs"), true);
  const v11 = room({ version: "11", levels: {}, extraCreators: ["@co:hs"] });
  assert.deepEqual(v11.creators, [ADMIN]);
  assert.equal(powerOf(observedOf(v11).powerLevels, ADMIN), 0, "pre-v12 creators get their power from the power-levels event");
});

test("invite needs the admin joined with at least the invite level (reference §8.6)", () => {
  const cases: Array<[string, RoomSnapshot, boolean]> = [
    ["admin joined, invite level 0 by default", room({ levels: { users: {} } }), true],
    ["admin not joined", room({ members: { [ADMIN]: "leave" } }), false],
    ["admin below invite level", room({ levels: { users: { [ADMIN]: 40 }, invite: 50 } }), false],
    ["admin at invite level", room({ levels: { users: { [ADMIN]: 50 }, invite: 50 } }), true],
  ];
  for (const [name, snapshot, expected] of cases) {
    const observed = observedOf(snapshot);
    assert.equal(canInvite(observed.powerLevels, observed.members.get(ADMIN), ADMIN), expected, name);
  }
});

test("kick needs the kick level and more power than the target (reference §8.3, §8.6)", () => {
  const levels = { users: { [ADMIN]: 100, "@peer:hs": 100, "@mod:hs": 50 } };
  const members = { [ADMIN]: "join", "@a:hs": "join", "@peer:hs": "join", "@mod:hs": "join" };
  const observed = observedOf(room({ levels, members }));
  const kick = (target: string) => canKick(observed.powerLevels, observed.members.get(ADMIN), ADMIN, target);
  assert.deepEqual(["@a:hs", "@mod:hs", "@peer:hs"].map(kick), [true, true, false]);
  const weak = observedOf(room({ levels: { users: { [ADMIN]: 40 } }, members }));
  assert.equal(canKick(weak.powerLevels, "join", ADMIN, "@a:hs"), false);
  const outside = observedOf(room({ levels, members: { ...members, [ADMIN]: "leave" } }));
  assert.equal(canKick(outside.powerLevels, outside.members.get(ADMIN), ADMIN, "@a:hs"), false);
});

test("a hostile __proto__ state key does not pollute the snapshot", () => {
  const snapshot = toRoomSnapshot("!r:hs", [state("m.room.member", "__proto__", { membership: "join" }), state("m.room.power_levels", "", { users: JSON.parse('{"__proto__": 100}') as Record<string, unknown> })]);
  assert.equal(Object.getPrototypeOf(snapshot.members), Object.prototype);
  assert.deepEqual(Object.keys(snapshot.members), []);
  assert.equal(powerOf(observedOf(snapshot).powerLevels, "@x:hs"), 0);
});

test("org.matrix.hydra.11 gives creators infinite power like v12; a creator listed twice counts once", () => {
  const hydra = room({ version: "org.matrix.hydra.11", levels: {}, extraCreators: ["@co:hs", ADMIN, "@co:hs"] });
  assert.equal(hydra.creatorsArePrivileged, true);
  assert.deepEqual(hydra.creators, [ADMIN, "@co:hs"]);
});

test("levels are read as Synapse's int() reads them: signs allowed in int-like strings, a fraction truncated towards zero", () => {
  const levels = room({ version: "5", levels: { users: { "@a:hs": "-10", "@b:hs": "+5", "@c:hs": 50.7, "@d:hs": -1.5, "@e:hs": "50x", "@f:hs": "x50" } } }).powerLevels?.users;
  assert.deepEqual(levels, { "@a:hs": -10, "@b:hs": 5, "@c:hs": 50, "@d:hs": -1 }, "text around the digits is not int-like");
});
