// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import type { SeedRoom } from "../../src/sandbox/index.js";
import { adminJoin, call, expectError, startTestSandbox } from "../support/sandbox.js";

const rooms: SeedRoom[] = ["a", "b", "c", "d", "e"].map((name, i) => ({
  alias: name,
  name: name.toUpperCase(),
  creator: "admin",
  join_rule: i === 0 ? "public" : "invite",
  members: i === 0 ? { alice: "join", bob: "join" } : {},
}));

test("admin room list pages by offset with an integer next_batch (§6.1)", async (t) => {
  const hs = await startTestSandbox(t, rooms);
  const first = await call(hs, "GET", "/_synapse/admin/v1/rooms?limit=2", { token: hs.adminToken });
  assert.equal(first.status, 200);
  assert.deepEqual([first.body.offset, first.body.total_rooms, first.body.next_batch, first.body.prev_batch], [0, 5, 2, undefined]);
  assert.deepEqual(first.body.rooms.map((r: { name: string }) => r.name), ["A", "B"]);
  const last = await call(hs, "GET", "/_synapse/admin/v1/rooms?from=4&limit=2", { token: hs.adminToken });
  assert.deepEqual([last.body.next_batch, last.body.prev_batch, last.body.rooms.length], [undefined, 2, 1]);
  const a = first.body.rooms[0];
  assert.deepEqual([a.canonical_alias, a.joined_members, a.join_rules, a.public, a.version, a.creator], ["#a:acme.test", 3, "public", true, "11", "@admin:acme.test"]);
  const bySize = await call(hs, "GET", "/_synapse/admin/v1/rooms?order_by=joined_members", { token: hs.adminToken });
  assert.equal(bySize.body.rooms[0].name, "A", "counts sort descending");
  const search = await call(hs, "GET", "/_synapse/admin/v1/rooms?search_term=c", { token: hs.adminToken });
  assert.deepEqual(search.body.rooms.map((r: { name: string }) => r.name), ["C"]);
  const invalid: [string, string][] = [
    ["from=-1", "M_INVALID_PARAM"],
    ["limit=ten", "M_INVALID_PARAM"],
    ["order_by=colour", "M_INVALID_PARAM"],
    ["dir=up", "M_INVALID_PARAM"],
    ["search_term=", "M_INVALID_PARAM"],
  ];
  for (const [query, errcode] of invalid) {
    const answer = await call(hs, "GET", `/_synapse/admin/v1/rooms?${query}`, { token: hs.adminToken });
    assert.deepEqual([answer.status, answer.body.errcode], [400, errcode], query);
  }
});

test("admin user list v2 hides deactivated and locked users and pages with a string next_token (§7.2)", async (t) => {
  const hs = await startTestSandbox(t, []);
  const all = await call(hs, "GET", "/_synapse/admin/v2/users", { token: hs.adminToken });
  const names = all.body.users.map((u: { name: string }) => u.name);
  assert.ok(!names.includes("@dave:acme.test") && !names.includes("@frank:acme.test"), "deactivated and locked hidden");
  assert.equal(all.body.total, names.length);
  assert.equal(all.body.next_token, undefined);
  const page = await call(hs, "GET", "/_synapse/admin/v2/users?limit=3&deactivated=true&locked=true", { token: hs.adminToken });
  assert.deepEqual([page.body.total, page.body.next_token, page.body.users.length], [11, "3", 3]);
  assert.ok(page.body.users[0].creation_ts > 1e11, "creation_ts in milliseconds in the list");
  const next = await call(hs, "GET", `/_synapse/admin/v2/users?limit=3&deactivated=true&locked=true&from=${page.body.next_token}`, { token: hs.adminToken });
  assert.equal(next.body.next_token, "6");
  const v3 = await call(hs, "GET", "/_synapse/admin/v3/users?deactivated=true", { token: hs.adminToken });
  assert.deepEqual(v3.body.users.map((u: { name: string }) => u.name), ["@dave:acme.test"]);
  const bad = await call(hs, "GET", "/_synapse/admin/v2/users?deactivated=yes", { token: hs.adminToken });
  assert.deepEqual([bad.status, bad.body.errcode], [400, "M_INVALID_PARAM"]);
});

test("room detail, members and state; a room the server left shows [] but still exists (§6.2–6.4)", async (t) => {
  const hs = await startTestSandbox(t, [
    { alias: "live", creator: "admin", join_rule: "invite", members: { alice: "join", bob: "invite", "@zoe:partner.test": "join" } },
    { alias: "gone", creator: "admin", join_rule: "invite", members: { admin: "leave", "@zoe:partner.test": "join" } },
  ]);
  const live = hs.roomIdOf("live");
  const gone = hs.roomIdOf("gone");
  const detail = await call(hs, "GET", `/_synapse/admin/v1/rooms/${live}`, { token: hs.adminToken });
  assert.deepEqual([detail.body.joined_members, detail.body.joined_local_members, detail.body.forgotten], [3, 2, false]);
  const members = await call(hs, "GET", `/_synapse/admin/v1/rooms/${live}/members`, { token: hs.adminToken });
  assert.deepEqual([[...members.body.members].sort(), members.body.total], [["@admin:acme.test", "@alice:acme.test", "@zoe:partner.test"], 3]);
  const state = await call(hs, "GET", `/_synapse/admin/v1/rooms/${live}/state?type=m.room.member`, { token: hs.adminToken });
  const bob = state.body.state.find((e: { state_key: string }) => e.state_key === "@bob:acme.test");
  assert.deepEqual([bob.type, bob.content.membership, bob.sender, bob.user_id, bob.room_id], ["m.room.member", "invite", "@admin:acme.test", "@admin:acme.test", live]);
  assert.ok(bob.event_id.startsWith("$") && typeof bob.origin_server_ts === "number" && typeof bob.unsigned.age === "number");
  const all = await call(hs, "GET", `/_synapse/admin/v1/rooms/${live}/state`, { token: hs.adminToken });
  const types = new Set(all.body.state.map((e: { type: string }) => e.type));
  for (const type of ["m.room.create", "m.room.power_levels", "m.room.join_rules", "m.room.canonical_alias", "m.room.member"]) assert.ok(types.has(type), type);

  assert.deepEqual((await call(hs, "GET", `/_synapse/admin/v1/rooms/${gone}/state`, { token: hs.adminToken })).body, { state: [] });
  assert.deepEqual((await call(hs, "GET", `/_synapse/admin/v1/rooms/${gone}/members`, { token: hs.adminToken })).body, { members: [], total: 0 });
  assert.equal((await call(hs, "GET", `/_synapse/admin/v1/rooms/${gone}`, { token: hs.adminToken })).status, 200);
  assert.equal((await adminJoin(hs, gone, "@alice:acme.test")).status, 404);
  for (const id of ["!never:acme.test", "%23live:acme.test"]) {
    for (const suffix of ["", "/members", "/state"]) {
      const answer = await call(hs, "GET", `/_synapse/admin/v1/rooms/${id}${suffix}`, { token: hs.adminToken });
      assert.deepEqual(expectError(answer), { status: 404, errcode: "M_NOT_FOUND", error: "Room not found" }, `${id}${suffix}`);
    }
  }
});

test("directory lookups need no token and decode %23 (§8.2)", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "live", creator: "admin", members: { "@zoe:partner.test": "join" } }]);
  const found = await call(hs, "GET", "/_matrix/client/v3/directory/room/%23live:acme.test");
  assert.deepEqual(found.body, { room_id: hs.roomIdOf("live"), servers: ["acme.test", "partner.test"] });
  const rows: [string, number, string, string][] = [
    ["%23nope:acme.test", 404, "M_NOT_FOUND", "Room alias #nope:acme.test not found"],
    ["%23x:down.test", 502, "M_UNKNOWN", "Failed to fetch alias"],
    ["%23x:partner.test", 404, "M_NOT_FOUND", "Room alias #x:partner.test not found"],
    ["live", 400, "M_INVALID_PARAM", "Room alias invalid"],
  ];
  for (const [alias, status, errcode, error] of rows) {
    assert.deepEqual(expectError(await call(hs, "GET", `/_matrix/client/v3/directory/room/${alias}`)), { status, errcode, error }, alias);
  }
});
