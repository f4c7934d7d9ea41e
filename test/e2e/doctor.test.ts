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
  assert.ok(first.stdout.includes(`fix: Run \`roster doctor --fix-rate-limits\`, or exempt the admin by hand: ${fix}`), first.stdout);
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

test("doctor --fix-rate-limits exempts the admin once (asking on a terminal, --yes elsewhere), says how to undo it, and then changes nothing", async (t) => {
  const s = await scenario(t, server(), rooms(`rooms:\n  "#general": {members: [alice]}\n`));
  const override = () => s.hs.state.users.get("@admin:acme.test")?.rateOverride;
  const refused = await s.roster(["doctor", "--fix-rate-limits"]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /not on a terminal.*nothing was changed[\s\S]*--fix-rate-limits --yes/);
  assert.equal(override(), undefined);

  const declined = await s.roster(["doctor", "--fix-rate-limits"], { tty: true, answers: ["n"] });
  assert.match(declined.stderr, /Exempt @admin:acme\.test from every rate limit \(it has no override: Synapse's default limits\)\? \[y\/N\]/);
  assert.match(declined.stdout, /^Nothing changed\./m);
  assert.equal(override(), undefined);

  const fixed = await s.roster(["doctor", "--fix-rate-limits"], { tty: true, answers: ["y"] });
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  assert.match(fixed.stdout, /^Set @admin:acme\.test's rate-limit override to 0\/0/m);
  assert.ok(fixed.stdout.includes(`Undo: curl -X DELETE -H "Authorization: Bearer $MATRIX_ADMIN_TOKEN" '${s.hs.url}/_synapse/admin/v1/users/%40admin%3Aacme.test/override_ratelimit'`), fixed.stdout);
  assert.match(fixed.stdout, /^ok {4}server: @admin:acme\.test is exempt from rate limits/m);
  assert.deepEqual(override(), { messagesPerSecond: 0, burstCount: 0 });

  const again = await s.roster(["doctor", "--fix-rate-limits", "--yes"]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /already exempt from rate limits \(override_ratelimit 0\/0\): nothing changed/);
  assert.ok(!(fixed.stdout + fixed.stderr + again.stdout).includes(s.hs.adminToken));
});

test("doctor reports rooms whose declared levels the admin cannot set, one line each with what to do, and is clean where it can", async (t) => {
  const seed = acmeUsers()
    .room({ alias: "low", creator: "alice", join_rule: "invite", power_levels: { users: { "@admin:acme.test": 50 } }, members: { alice: "join", admin: "join", bob: "join" } })
    .room({ alias: "peers", creator: "admin", join_rule: "invite", power_levels: { users: { "@carol:acme.test": 100 } }, members: { bob: "join", carol: "join" } })
    .room({ alias: "fine", creator: "admin", join_rule: "invite", members: { bob: "join" } })
    .room({ alias: "outside", creator: "alice", join_rule: "public", members: { alice: "join", bob: "join" } });
  const s = await scenario(
    t,
    seed,
    rooms(
      [
        "rooms:",
        `  "#low": {members: [alice, {user: bob, power: moderator}]}`,
        `  "#peers": {members: [{user: bob, power: 150}, {user: carol, power: moderator}]}`,
        `  "#fine": {members: [{user: bob, power: admin}]}`,
        `  "#outside": {members: [{user: bob, power: 20}]}`,
        "",
      ].join("\n"),
    ),
  );
  const json = await s.roster(["doctor", "--format", "json"]);
  assert.equal(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as DoctorReport;
  assert.deepEqual(
    report.findings.filter((f) => f.scope.startsWith("#")).map((f) => `${f.level} ${f.scope} ${f.check}`),
    ["error #low:acme.test admin_can_set_power", "error #peers:acme.test declared_power", "ok #fine:acme.test admin_reach", "error #outside:acme.test admin_joined"],
  );
  const peers = report.findings.find((f) => f.scope === "#peers:acme.test");
  assert.match(peers?.message ?? "", /@carol:acme\.test holds a level at or above @admin:acme\.test's 100 \(admin\).*; @bob:acme\.test is declared above @admin:acme\.test's own 100 \(admin\)/);
  assert.match(peers?.fix ?? "", /Declare at most 100 for @bob:acme\.test/);
  assert.match(report.findings.find((f) => f.scope === "#outside:acme.test")?.message ?? "", /the admin sets the declared power levels/);
  assert.match(report.findings.find((f) => f.scope === "#fine:acme.test")?.message ?? "", /it can invite and set power levels here/);
  assert.deepEqual(report.summary.blockedRooms, ["#low:acme.test", "#peers:acme.test", "#outside:acme.test"]);
});
