// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DoctorReport } from "../../src/doctor/render.js";
import { acmeUsers, scenario } from "../support/e2e.js";

const rooms = (yaml: string) => ({ "rooms/rooms.yaml": `server_name: acme.test\n${yaml}` });

const server = () =>
  acmeUsers()
    .room({ alias: "general", creator: "admin", join_rule: "public" })
    .room({ alias: "eng", creator: "admin", join_rule: "invite", members: { alice: "join" } })
    .room({ alias: "secret", creator: "alice", join_rule: "invite", members: { alice: "join" } })
    .room({ alias: "weak", creator: "alice", join_rule: "invite", power_levels: { invite: 50 }, members: { alice: "join", admin: "join" } })
    .room({ alias: "nokick", creator: "alice", join_rule: "public", members: { alice: "join", admin: "join" } })
    .room({ alias: "partners", creator: "alice", join_rule: "public", members: { alice: "join" } });

const declarations = rooms(
  [
    "rooms:",
    `  "#general": {members: [alice, bob]}`,
    `  "#eng": {members: [alice, bob, "@zoe:partner.test"], prune: true}`,
    `  "#secret": {members: [alice]}`,
    `  "#weak": {members: [alice, bob]}`,
    `  "#nokick": {members: [alice], prune: true}`,
    `  "#partners": {members: ["@zoe:partner.test"]}`,
    `  "#ghost": {members: [alice]}`,
    "",
  ].join("\n"),
);

test("doctor names exactly the rooms the admin cannot act in, says how to fix each, and exits 1", async (t) => {
  const s = await scenario(t, server(), declarations);
  const json = await s.roster(["doctor", "--format", "json"]);
  assert.equal(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as DoctorReport;
  assert.deepEqual(report.summary.blockedRooms, ["#secret:acme.test", "#weak:acme.test", "#nokick:acme.test", "#partners:acme.test", "#ghost:acme.test"]);
  const checks = report.findings.filter((f) => f.level === "error").map((f) => `${f.scope} ${f.check}`);
  assert.deepEqual(checks, [
    "#secret:acme.test admin_joined",
    "#weak:acme.test admin_can_invite",
    "#nokick:acme.test admin_can_kick",
    "#partners:acme.test admin_joined",
    "#ghost:acme.test alias_resolves",
  ]);
  const secret = report.findings.find((f) => f.scope === "#secret:acme.test");
  assert.match(secret?.fix ?? "", /roster apply --ensure-admin.*acting through @alice:acme\.test/);

  const text = await s.roster(["doctor"]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^ok {4}#general:acme\.test: public room/m);
  assert.match(text.stdout, /^error #secret:acme\.test: @admin:acme\.test is not a member here, but the room is not public/m);
  assert.match(text.stdout, /Roster cannot act in 5 rooms: #secret:acme\.test, #weak:acme\.test, #nokick:acme\.test, #partners:acme\.test, #ghost:acme\.test\./);
});

test("doctor warns about a missing rate-limit override with the exact fix, exits 0 when that is the only finding, and is quiet once it is set", async (t) => {
  const s = await scenario(t, server(), rooms(`rooms:\n  "#general": {members: [alice]}\n  "#eng": {members: [alice], prune: true}\n`));
  const first = await s.roster(["doctor"]);
  assert.equal(first.code, 0, first.stdout);
  assert.match(first.stdout, /^warn {2}server: @admin:acme\.test has no rate-limit override.*kicks share rc_message \(0\.2\/s, burst 10\).*per_user \(0\.003\/s, burst 5 per recipient/m);
  const fix = `curl -X POST -H "Authorization: Bearer $MATRIX_ADMIN_TOKEN" -H "Content-Type: application/json" -d '{"messages_per_second": 0, "burst_count": 0}' '${s.hs.url}/_synapse/admin/v1/users/%40admin%3Aacme.test/override_ratelimit'`;
  assert.ok(first.stdout.includes(`fix: Exempt the admin: ${fix}`), first.stdout);
  assert.ok(!first.stdout.includes(s.hs.adminToken), "the token value never appears");
  assert.match(first.stdout, /Doctor: 3 ok, 1 warning, 0 errors\./);

  // The fix itself, as printed (token from the environment, as the placeholder says).
  const answer = await fetch(`${s.hs.url}/_synapse/admin/v1/users/%40admin%3Aacme.test/override_ratelimit`, {
    method: "POST",
    headers: { Authorization: `Bearer ${s.hs.adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ messages_per_second: 0, burst_count: 0 }),
  });
  assert.equal(answer.status, 200);
  const second = await s.roster(["doctor"]);
  assert.equal(second.code, 0);
  assert.match(second.stdout, /^ok {4}server: @admin:acme\.test is exempt from rate limits/m);
  assert.match(second.stdout, /Doctor: 4 ok, 0 warnings, 0 errors\./);
});

test("doctor reports a refused token as its finding, never the token, and exits 1", async (t) => {
  const s = await scenario(t, server(), declarations);
  const result = await s.roster(["doctor"], { env: { MATRIX_ADMIN_TOKEN: "not-a-valid-token-123" } });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^error server: /m);
  assert.ok(!(result.stdout + result.stderr).includes("not-a-valid-token-123"));
});
