import { test } from "node:test";
import assert from "node:assert/strict";
import { SeedError, startSandbox, validateSeed, type Seed } from "../../src/sandbox/index.js";
import { adminJoin, call, clientAction, expectError } from "../support/sandbox.js";

function seed(extra: Partial<Seed>): Seed {
  return {
    server_name: "acme.test",
    users: [{ name: "admin", admin: true }, { name: "alice" }],
    rooms: [{ alias: "eng", creator: "admin" }, { alias: "other", creator: "alice" }],
    ...extra,
  };
}

const fetchFailed = { status: 502, errcode: "M_UNKNOWN", error: "Failed to fetch alias" };

// Answers of a real Synapse 1.67 with federation_domain_whitelist: [] (test/synapse/differential.test.ts).
test("federation off (federation_domain_whitelist: []): remote invites 403, remote aliases and joins 502", async (t) => {
  const hs = await startSandbox(seed({ federation_domain_whitelist: [] }));
  t.after(() => hs.close());
  const eng = hs.roomIdOf("eng");
  assert.deepEqual(expectError(await clientAction(hs, "invite", "admin", eng, "@x:other.test")), { status: 403, errcode: "M_FORBIDDEN", error: "Federation denied with other.test." });
  assert.equal(hs.membership("eng", "@x:other.test"), undefined);
  // Room checks come first: a requester who is not in the room hears that, not the federation refusal.
  const other = hs.roomIdOf("other");
  assert.equal(expectError(await clientAction(hs, "invite", "admin", other, "@x:other.test")).error, `@admin:acme.test not in room ${other}.`);

  assert.deepEqual(expectError(await call(hs, "GET", "/_matrix/client/v3/directory/room/%23x:other.test")), fetchFailed);
  assert.deepEqual(expectError(await adminJoin(hs, "#x:other.test", "@alice:acme.test")), fetchFailed);
  const join = (path: string) => call(hs, "POST", `/_matrix/client/v3/join/${path}`, { token: hs.adminToken, body: {} });
  assert.deepEqual(expectError(await join("%23x:other.test")), fetchFailed);
  assert.deepEqual(expectError(await join("!x:other.test?server_name=other.test")), { status: 502, errcode: "M_UNKNOWN", error: "Failed to make_join via any server" });
  assert.deepEqual(expectError(await join("!x:other.test?via=other.test")), { status: 502, errcode: "M_UNKNOWN", error: "Failed to make_join via any server" });
  // Without a remote server to ask (only this one), Synapse does not try federation at all.
  assert.equal((await join("!x:other.test?via=acme.test")).status, 404);
  assert.equal((await join("!x:other.test")).status, 404);
});

test("a federation whitelist lets listed servers through and refuses the others", async (t) => {
  const hs = await startSandbox(seed({ federation_domain_whitelist: ["friend.test"] }));
  t.after(() => hs.close());
  const eng = hs.roomIdOf("eng");
  assert.equal((await clientAction(hs, "invite", "admin", eng, "@x:friend.test")).status, 200);
  assert.equal(hs.membership("eng", "@x:friend.test"), "invite");
  assert.equal(expectError(await clientAction(hs, "invite", "admin", eng, "@x:other.test")).error, "Federation denied with other.test.");
  assert.equal((await call(hs, "GET", "/_matrix/client/v3/directory/room/%23x:friend.test")).status, 404);
  assert.equal((await call(hs, "GET", "/_matrix/client/v3/directory/room/%23x:other.test")).status, 502);
});

test("an unreachable server fails a join through it with 502, as a federation refusal does", async (t) => {
  const hs = await startSandbox(seed({ unreachable_servers: ["down.test"] }));
  t.after(() => hs.close());
  const answer = await call(hs, "POST", "/_matrix/client/v3/join/!x:down.test?server_name=down.test", { token: hs.adminToken, body: {} });
  assert.deepEqual(expectError(answer), { status: 502, errcode: "M_UNKNOWN", error: "Failed to make_join via any server" });
});

// _try_destination_list fails over past an unreachable host; a reachable one that is not in the room
// answers make_join 404, which ends the join with that 404 whatever the order.
test("a join through an unreachable host and a reachable one is the reachable host's 404, not a 502", async (t) => {
  const hs = await startSandbox(seed({ unreachable_servers: ["down.test"] }));
  t.after(() => hs.close());
  for (const hosts of ["server_name=down.test&server_name=up.test", "via=up.test&via=down.test"]) {
    const answer = await call(hs, "POST", `/_matrix/client/v3/join/!x:down.test?${hosts}`, { token: hs.adminToken, body: {} });
    assert.equal(answer.status, 404, hosts);
  }
});

// RoomCreationHandler stores this server with every alias it creates; get_association lists it first.
test("an alias lookup lists this server first even after every local member has left", async (t) => {
  const hs = await startSandbox(seed({ rooms: [{ alias: "gone", creator: "admin", members: { admin: "leave", "@zoe:partner.test": "join" } }] }));
  t.after(() => hs.close());
  const answer = await call(hs, "GET", "/_matrix/client/v3/directory/room/%23gone:acme.test");
  assert.deepEqual(answer.body, { room_id: hs.roomIdOf("gone"), servers: ["acme.test", "partner.test"] });
});

test("federation_domain_whitelist must be a list of server names", () => {
  assert.throws(() => validateSeed(seed({ federation_domain_whitelist: "none" as unknown as string[] })), (error: unknown) => {
    assert.ok(error instanceof SeedError);
    assert.match(error.message, /federation_domain_whitelist: must be a list of server names/);
    return true;
  });
});
