// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { call, expectError, startTestSandbox, tokenOf } from "../support/sandbox.js";

test("auth answers (§2) in order", async (t) => {
  const hs = await startTestSandbox(t, []);
  const path = "/_synapse/admin/v2/users/@alice:acme.test";
  const daveToken = "syt_stale";
  const rows: [string, Parameters<typeof call>[3], string, number, string, string, boolean | undefined][] = [
    ["no token", {}, path, 401, "M_MISSING_TOKEN", "Missing access token", undefined],
    ["unknown token", { token: "nope" }, path, 401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", false],
    ["not Bearer", { headers: { Authorization: `Basic ${hs.adminToken}` } }, path, 401, "M_MISSING_TOKEN", "Invalid Authorization header.", undefined],
    ["header and query", { token: hs.adminToken }, `${path}?access_token=${hs.adminToken}`, 401, "M_MISSING_TOKEN", "Mixing Authorization headers and access_token query parameters.", undefined],
    ["locked user", { token: tokenOf(hs, "frank") }, path, 401, "M_USER_LOCKED", "User account has been locked", true],
    ["non-admin", { token: tokenOf(hs, "alice") }, path, 403, "M_FORBIDDEN", "You are not a server admin", undefined],
    ["stale token", { token: daveToken }, path, 401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", false],
  ];
  for (const [name, options, at, status, errcode, error, softLogout] of rows) {
    const answer = await call(hs, "GET", at, options);
    assert.deepEqual(expectError(answer), { status, errcode, error }, name);
    assert.equal(answer.body.soft_logout, softLogout, name);
  }
  const viaQuery = await call(hs, "GET", `${path}?access_token=${hs.adminToken}`);
  assert.equal(viaQuery.status, 200);
});

test("a deactivated user's token is dead; the deactivated user never had one from the seed", async (t) => {
  const hs = await startTestSandbox(t, [{ alias: "r", creator: "admin", members: { alice: "join", bob: "invite" } }]);
  assert.equal(hs.tokens["@dave:acme.test"], undefined);
  const aliceToken = tokenOf(hs, "alice");
  assert.equal((await call(hs, "GET", "/_matrix/client/v3/account/whoami", { token: aliceToken })).status, 200);
  const deactivate = await call(hs, "POST", "/_synapse/admin/v1/deactivate/@alice:acme.test", { token: hs.adminToken });
  assert.deepEqual([deactivate.status, deactivate.body], [200, { id_server_unbind_result: "success" }]);
  const after = await call(hs, "GET", "/_matrix/client/v3/account/whoami", { token: aliceToken });
  assert.deepEqual(expectError(after), { status: 401, errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed." });
  assert.equal(hs.membership("r", "alice"), "leave", "deactivation parts rooms");
  const user = await call(hs, "GET", "/_synapse/admin/v2/users/@alice:acme.test", { token: hs.adminToken });
  assert.equal(user.body.deactivated, true);
  const remote = await call(hs, "POST", "/_synapse/admin/v1/deactivate/@zoe:partner.test", { token: hs.adminToken });
  assert.deepEqual(expectError(remote), { status: 400, errcode: "M_UNKNOWN", error: "Can only deactivate local users" });
});

test("unknown paths answer 404 M_UNRECOGNIZED before auth; wrong methods 405", async (t) => {
  const hs = await startTestSandbox(t, []);
  for (const path of ["/_synapse/admin/v1/nothing", "/_matrix/client/v3/rooms/!r:acme.test/frobnicate", "/_synapse/admin/v1/rooms/!r:acme.test/nothing", "/_synapse/admin/v1/rooms/!r:acme.test/state/"]) {
    const answer = await call(hs, "GET", path);
    assert.deepEqual(expectError(answer), { status: 404, errcode: "M_UNRECOGNIZED", error: "Unrecognized request" }, path);
  }
  const wrong = await call(hs, "GET", "/_synapse/admin/v1/join/%23x:acme.test");
  assert.deepEqual(expectError(wrong), { status: 405, errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
  const v1Whoami = await call(hs, "GET", "/_matrix/client/api/v1/account/whoami", { token: hs.adminToken });
  assert.equal(v1Whoami.status, 404, "whoami is not served under api/v1");
});

test("server_version needs no token; whoami and users/<id>/admin", async (t) => {
  const hs = await startTestSandbox(t, []);
  const version = await call(hs, "GET", "/_synapse/admin/v1/server_version", { token: "garbage" });
  assert.equal(version.status, 200);
  assert.match(version.body.server_version, /^1\.157\.1/);
  const whoami = await call(hs, "GET", "/_matrix/client/v3/account/whoami", { token: tokenOf(hs, "alice") });
  assert.deepEqual([whoami.body.user_id, whoami.body.is_guest], ["@alice:acme.test", false]);
  const admin = await call(hs, "GET", "/_synapse/admin/v1/users/@admin:acme.test/admin", { token: hs.adminToken });
  assert.deepEqual(admin.body, { admin: true });
  const notAdmin = await call(hs, "GET", "/_synapse/admin/v1/users/@alice:acme.test/admin", { token: hs.adminToken });
  assert.deepEqual(notAdmin.body, { admin: false });
  const remote = await call(hs, "GET", "/_synapse/admin/v1/users/@zoe:partner.test/admin", { token: hs.adminToken });
  assert.deepEqual(expectError(remote), { status: 400, errcode: "M_UNKNOWN", error: "Only local users can be admins of this homeserver" });
  const asAlice = await call(hs, "GET", "/_synapse/admin/v1/users/@alice:acme.test/admin", { token: tokenOf(hs, "alice") });
  assert.equal(asAlice.status, 403);
});

test("GET /_synapse/admin/v2/users/<id>", async (t) => {
  const hs = await startTestSandbox(t, []);
  const dave = await call(hs, "GET", "/_synapse/admin/v2/users/@dave:acme.test", { token: hs.adminToken });
  assert.equal(dave.status, 200);
  assert.deepEqual([dave.body.name, dave.body.deactivated, dave.body.admin, dave.body.locked], ["@dave:acme.test", true, false, false]);
  assert.ok(dave.body.creation_ts < 1e11, "creation_ts is in seconds here");
  const rows: [string, number, string, string][] = [
    ["@nobody:acme.test", 404, "M_NOT_FOUND", "User not found"],
    ["@zoe:partner.test", 400, "M_UNKNOWN", "Can only look up local users"],
    ["alice", 400, "M_INVALID_PARAM", "Expected UserID string to start with '@'"],
  ];
  for (const [id, status, errcode, error] of rows) {
    assert.deepEqual(expectError(await call(hs, "GET", `/_synapse/admin/v2/users/${id}`, { token: hs.adminToken })), { status, errcode, error }, id);
  }
});
