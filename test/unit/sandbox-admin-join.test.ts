import { test } from "node:test";
import assert from "node:assert/strict";
import type { JoinRule, SeedRoom } from "../../src/sandbox/index.js";
import { adminJoin, call, expectError, startTestSandbox, tokenOf } from "../support/sandbox.js";

const A = "@alice:acme.test";

function room(alias: string, join_rule: JoinRule | null, members: SeedRoom["members"] = {}, extra: Partial<SeedRoom> = {}): SeedRoom {
  return { alias, creator: "admin", join_rule, members, ...extra };
}

test("admin join: request checks come in Synapse's order before the room is looked at", async (t) => {
  const hs = await startTestSandbox(t, [room("pub", "public")]);
  const path = "/_synapse/admin/v1/join/%23pub:acme.test";
  const cases: [string, Parameters<typeof call>[3], number, string, RegExp][] = [
    ["no token", { body: { user_id: A } }, 401, "M_MISSING_TOKEN", /Missing access token/],
    ["non-admin token", { token: tokenOf(hs, "alice"), body: { user_id: A } }, 403, "M_FORBIDDEN", /You are not a server admin/],
    ["empty body", { token: hs.adminToken, rawBody: "" }, 400, "M_NOT_JSON", /Content not JSON/],
    ["array body", { token: hs.adminToken, body: [] }, 400, "M_BAD_JSON", /JSON object/],
    ["missing user_id", { token: hs.adminToken, body: {} }, 400, "M_MISSING_PARAM", /Missing params: \['user_id'\]/],
    ["user_id without @", { token: hs.adminToken, body: { user_id: "alice" } }, 400, "M_INVALID_PARAM", /start with '@'/],
    ["user_id without :", { token: hs.adminToken, body: { user_id: "@alice" } }, 400, "M_INVALID_PARAM", /@localname:domain/],
    ["non-string user_id", { token: hs.adminToken, body: { user_id: 7 } }, 500, "M_UNKNOWN", /Internal server error/],
    // A list has a length and slices, so UserID.from_string refuses it instead of crashing (Synapse 1.67).
    ["list user_id", { token: hs.adminToken, body: { user_id: ["@alice:acme.test"] } }, 400, "M_INVALID_PARAM", /start with '@'/],
    ["object user_id", { token: hs.adminToken, body: { user_id: {} } }, 500, "M_UNKNOWN", /Internal server error/],
    ["remote user", { token: hs.adminToken, body: { user_id: "@zoe:partner.test" } }, 400, "M_UNKNOWN", /^This endpoint can only be used with local users$/],
    ["unknown local user", { token: hs.adminToken, body: { user_id: "@nobody:acme.test" } }, 404, "M_NOT_FOUND", /^User not found$/],
  ];
  for (const [name, options, status, errcode, error] of cases) {
    const answer = await call(hs, "POST", path, options);
    assert.equal(answer.status, status, name);
    assert.equal(answer.body.errcode, errcode, name);
    assert.match(answer.body.error, error, name);
  }
  assert.equal(hs.membership("pub", A), undefined, "no refused request changed state");
});

test("admin join: room resolution answers", async (t) => {
  const hs = await startTestSandbox(t, [room("pub", "public")]);
  assert.deepEqual(expectError(await adminJoin(hs, "#nope:acme.test", A)), { status: 404, errcode: "M_NOT_FOUND", error: "Room alias #nope:acme.test not found" });
  assert.deepEqual(expectError(await adminJoin(hs, "#x:down.test", A)), { status: 502, errcode: "M_UNKNOWN", error: "Failed to fetch alias" });
  assert.deepEqual(expectError(await adminJoin(hs, "pub", A)), { status: 400, errcode: "M_UNKNOWN", error: "pub was not legal room ID or room alias" });
  assert.deepEqual(expectError(await adminJoin(hs, "!abc", A)), { status: 400, errcode: "M_UNKNOWN", error: "!abc was not legal room ID or room alias" });
  // An unknown but well-formed room ID is used as is: no invite (no join rules), then the join cannot find a server.
  const unknown = await adminJoin(hs, "!unknown:acme.test", A);
  assert.deepEqual(expectError(unknown), {
    status: 404,
    errcode: "M_UNKNOWN",
    error: "Can't join remote room because no servers that are in the room have been provided.",
  });
  const ok = await adminJoin(hs, "#pub:acme.test", A);
  assert.deepEqual([ok.status, ok.body], [200, { room_id: hs.roomIdOf("pub") }]);
  const byId = await adminJoin(hs, hs.roomIdOf("pub"), "@bob:acme.test");
  assert.equal(byId.status, 200);
  assert.deepEqual(hs.joinedMembers("pub"), ["@admin:acme.test", A, "@bob:acme.test"]);
});

test("admin join failure table, invite step (non-public rooms)", async (t) => {
  const hs = await startTestSandbox(t, [
    room("blocked", "invite", {}, { blocked: true }),
    room("banned", "invite", { alice: "ban" }),
    room("noadmin", "invite", { admin: "leave", bob: "join" }),
    room("joined", "invite", { alice: "join" }),
    room("lowpower", "invite", {}, { power_levels: { invite: 100, users: { "@admin:acme.test": 50 } } }),
    room("suspended", "invite", { susan: "join" }, { power_levels: { users: { "@susan:acme.test": 100 } } }),
    room("shadow", "invite", { sam: "join" }, { power_levels: { users: { "@sam:acme.test": 100 } } }),
  ]);
  const rows: [string, string | undefined, number, string, string][] = [
    ["blocked", hs.adminToken, 403, "M_UNKNOWN", "This room has been blocked on this server"],
    ["banned", hs.adminToken, 403, "M_BAD_STATE", "Cannot invite user who was banned"],
    ["noadmin", hs.adminToken, 403, "M_FORBIDDEN", `@admin:acme.test not in room ${hs.roomIdOf("noadmin")}.`],
    ["joined", hs.adminToken, 403, "M_FORBIDDEN", "@alice:acme.test is already in the room."],
    ["lowpower", hs.adminToken, 403, "M_FORBIDDEN", "You don't have permission to invite users"],
    ["suspended", tokenOf(hs, "susan"), 403, "M_USER_SUSPENDED", "Sending invites while account is suspended is not allowed."],
    ["shadow", tokenOf(hs, "sam"), 500, "M_UNKNOWN", "Internal server error"],
  ];
  for (const [alias, token, status, errcode, error] of rows) {
    const before = hs.membership(alias, A);
    const answer = await adminJoin(hs, `#${alias}:acme.test`, A, token);
    assert.deepEqual(expectError(answer), { status, errcode, error }, alias);
    assert.equal(hs.membership(alias, A), before, `${alias}: membership unchanged`);
  }
});

test("admin join failure table, join step", async (t) => {
  const hs = await startTestSandbox(t, [
    room("pub", "public", { carol: "ban" }),
    room("pubblocked", "public", {}, { blocked: true }),
    room("priv", "invite"),
    room("private", "private"),
    room("norule", null),
    room("oldknock", "knock", {}, { version: "6" }),
    room("left", "invite", { admin: "leave", alice: "leave", "@zoe:partner.test": "join" }),
  ]);
  const expectations: [string, string, number, string, string, string | undefined][] = [
    ["pub", "@erin:acme.test", 403, "M_USER_SUSPENDED", "Joining rooms while account is suspended is not allowed.", undefined],
    ["priv", "@erin:acme.test", 403, "M_USER_SUSPENDED", "Joining rooms while account is suspended is not allowed.", "invite"],
    ["pubblocked", A, 403, "M_UNKNOWN", "This room has been blocked on this server", undefined],
    ["pub", "@carol:acme.test", 403, "M_BAD_STATE", "Cannot join user who was banned", "ban"],
    ["private", A, 403, "M_FORBIDDEN", "You are not allowed to join this room", "invite"],
    ["norule", A, 403, "M_FORBIDDEN", "You are not invited to this room.", undefined],
    ["oldknock", A, 403, "M_FORBIDDEN", "You are not allowed to join this room", "invite"],
    ["left", "@bob:acme.test", 404, "M_UNKNOWN", "Can't join remote room because no servers that are in the room have been provided.", undefined],
  ];
  for (const [alias, user, status, errcode, error, after] of expectations) {
    const answer = await adminJoin(hs, `#${alias}:acme.test`, user);
    assert.deepEqual(expectError(answer), { status, errcode, error }, `${alias} ${user}`);
    assert.equal(hs.membership(alias, user), after, `${alias} ${user}: resulting membership (no rollback of the invite)`);
  }
});

test("admin join by situation (§4.3): public rooms", async (t) => {
  const hs = await startTestSandbox(t, [
    room("pub", "public", { alice: "leave", bob: "invite", carol: "knock", mod: "join" }),
  ]);
  for (const user of ["alice", "bob", "carol", "mod", "dave", "frank", "gina", "admin"]) {
    const answer = await adminJoin(hs, "#pub:acme.test", `@${user}:acme.test`);
    assert.equal(answer.status, 200, `${user}: ${JSON.stringify(answer.body)}`);
    assert.equal(hs.membership("pub", user), "join", user);
  }
  const modEvents = hs.state.rooms.get(hs.roomIdOf("pub"))?.members.get("@mod:acme.test");
  assert.equal(modEvents?.previous, undefined, "an already-joined user gets no new event");
});

test("admin join by situation (§4.3): non-public rooms invite first, then join", async (t) => {
  const rules: JoinRule[] = ["invite", "knock", "restricted", "knock_restricted"];
  const hs = await startTestSandbox(t, rules.map((rule) => room(rule, rule, { bob: { membership: "invite", sender: "mod" }, carol: "knock", mod: "join" })));
  for (const rule of rules) {
    for (const user of ["alice", "bob", "carol", "dave", "frank", "gina"]) {
      const answer = await adminJoin(hs, `#${rule}:acme.test`, `@${user}:acme.test`);
      assert.equal(answer.status, 200, `${rule} ${user}: ${JSON.stringify(answer.body)}`);
      assert.equal(hs.membership(rule, user), "join", `${rule} ${user}`);
    }
    const again = await adminJoin(hs, `#${rule}:acme.test`, A);
    assert.deepEqual(expectError(again), { status: 403, errcode: "M_FORBIDDEN", error: `${A} is already in the room.` }, rule);
    const self = await adminJoin(hs, `#${rule}:acme.test`, "@admin:acme.test");
    assert.deepEqual(expectError(self), { status: 403, errcode: "M_FORBIDDEN", error: "@admin:acme.test is already in the room." });
  }
  assert.equal(hs.requestCounts()["POST /_synapse/admin/v1/join/{roomIdOrAlias}"], 32);
});

test("admin join: the admin cannot use it to enter an invite-only room it is not in", async (t) => {
  const hs = await startTestSandbox(t, [room("priv", "invite", { admin: "leave", alice: "join" }, { creator: "alice" })]);
  const answer = await adminJoin(hs, "#priv:acme.test", "@admin:acme.test");
  assert.deepEqual(expectError(answer), { status: 403, errcode: "M_FORBIDDEN", error: `@admin:acme.test not in room ${hs.roomIdOf("priv")}.` });
  assert.equal(hs.membership("priv", "admin"), "leave");
});

test("admin join: a deactivated user's invite and join both succeed in an invite-only room", async (t) => {
  const hs = await startTestSandbox(t, [room("priv", "invite")]);
  const answer = await adminJoin(hs, "#priv:acme.test", "@dave:acme.test");
  assert.equal(answer.status, 200);
  assert.deepEqual(hs.joinedMembers("priv"), ["@admin:acme.test", "@dave:acme.test"]);
  const event = hs.state.rooms.get(hs.roomIdOf("priv"))?.members.get("@dave:acme.test");
  assert.equal(event?.sender, "@dave:acme.test");
  assert.ok(event?.previous, "the join replaced the admin's invite");
});
