import { test } from "node:test";
import assert from "node:assert/strict";
import {
  adminJoinInvitesFirst,
  checkInvite,
  checkKick,
  powerOf,
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
  assert.equal(adminJoinInvitesFirst(room({})), false);
  const keyless = toRoomSnapshot("!r:hs", [state("m.room.join_rules", "", {})]);
  assert.equal(keyless.joinRule, "invite");
  assert.equal(adminJoinInvitesFirst(keyless), true);
  assert.equal(adminJoinInvitesFirst(room({ joinRule: "public" })), false);
  const empty = toRoomSnapshot("!r:hs", []);
  assert.deepEqual([empty.version, empty.serverInRoom, empty.powerLevels], [null, false, null]);
});

test("power: users entry, else users_default; int-like strings in old rooms; without power levels the creator has 100", () => {
  const levels = { users: { [ADMIN]: "100", "@mod:hs": " 50 ", "@bad:hs": "lots" }, users_default: "10", kick: "75" };
  const old = room({ version: "5", levels });
  assert.deepEqual([powerOf(old, ADMIN), powerOf(old, "@mod:hs"), powerOf(old, "@bad:hs"), powerOf(old, "@x:hs")], [100, 50, 10, 10]);
  assert.equal(old.powerLevels?.kick, 75);
  const bare = room({});
  assert.deepEqual([powerOf(bare, ADMIN), powerOf(bare, "@x:hs")], [100, 0]);
});

test("v12 creators (sender and additional_creators) have infinite power; earlier versions ignore additional_creators", () => {
  const v12 = room({ version: "12", levels: { users: { "@mod:hs": 100 } }, extraCreators: ["@co:hs"], members: { [ADMIN]: "join", "@co:hs": "join", "@mod:hs": "join" } });
  assert.deepEqual(v12.creators, [ADMIN, "@co:hs"]);
  assert.equal(powerOf(v12, "@co:hs"), Number.POSITIVE_INFINITY);
  assert.equal(checkKick(v12, "@mod:hs", "@co:hs"), "target_not_lower");
  assert.equal(checkKick(v12, ADMIN, "@co:hs"), "target_not_lower", "equal infinite power cannot kick");
  assert.equal(checkKick(v12, ADMIN, "@mod:hs"), null);
  const v11 = room({ version: "11", levels: {}, extraCreators: ["@co:hs"] });
  assert.deepEqual(v11.creators, [ADMIN]);
  assert.equal(powerOf(v11, ADMIN), 0, "pre-v12 creators get their power from the power-levels event");
});

test("checkInvite follows the auth rules (reference §8.6)", () => {
  const cases: Array<[string, RoomSnapshot, string, string | null]> = [
    ["admin joined, invite level 0 by default", room({ levels: { users: {} } }), "@a:hs", null],
    ["admin not joined", room({ members: { [ADMIN]: "leave" } }), "@a:hs", "actor_not_joined"],
    ["admin below invite level", room({ levels: { users: { [ADMIN]: 40 }, invite: 50 } }), "@a:hs", "actor_lacks_power"],
    ["target already joined", room({ members: { [ADMIN]: "join", "@a:hs": "join" } }), "@a:hs", "target_joined"],
    ["target banned", room({ members: { [ADMIN]: "join", "@a:hs": "ban" } }), "@a:hs", "target_banned"],
    ["target invited before (re-invite allowed)", room({ members: { [ADMIN]: "join", "@a:hs": "invite" } }), "@a:hs", null],
  ];
  for (const [name, snapshot, target, expected] of cases) assert.equal(checkInvite(snapshot, ADMIN, target), expected, name);
});

test("checkKick follows the auth rules (reference §8.3, §8.6)", () => {
  const levels = { users: { [ADMIN]: 100, "@peer:hs": 100, "@mod:hs": 50 } };
  const members = { [ADMIN]: "join", "@a:hs": "join", "@i:hs": "invite", "@k:hs": "knock", "@l:hs": "leave", "@b:hs": "ban", "@peer:hs": "join", "@mod:hs": "join" };
  const snapshot = room({ levels, members });
  const cases: Array<[string, string | null]> = [
    ["@a:hs", null],
    ["@i:hs", null],
    ["@k:hs", null],
    ["@mod:hs", null],
    ["@l:hs", "target_not_member"],
    ["@never:hs", "target_not_member"],
    ["@b:hs", "target_banned"],
    ["@peer:hs", "target_not_lower"],
  ];
  for (const [target, expected] of cases) assert.equal(checkKick(snapshot, ADMIN, target), expected, target);
  assert.equal(checkKick(room({ levels: { users: { [ADMIN]: 40 } }, members }), ADMIN, "@a:hs"), "actor_lacks_power");
  assert.equal(checkKick(room({ levels, members: { ...members, [ADMIN]: "leave" } }), ADMIN, "@a:hs"), "actor_not_joined");
});

test("a hostile __proto__ state key does not pollute the snapshot", () => {
  const snapshot = toRoomSnapshot("!r:hs", [state("m.room.member", "__proto__", { membership: "join" }), state("m.room.power_levels", "", { users: JSON.parse('{"__proto__": 100}') as Record<string, unknown> })]);
  assert.equal(Object.getPrototypeOf(snapshot.members), Object.prototype);
  assert.deepEqual(Object.keys(snapshot.members), []);
  assert.equal(powerOf(snapshot, "@x:hs"), 0);
});
