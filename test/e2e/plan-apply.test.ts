import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { acmeUsers, planJson, scenario } from "../support/e2e.js";

const rooms = (yaml: string) => ({ "rooms/rooms.yaml": `server_name: acme.test\n${yaml}` });

test("apply joins local users in public and invite-only rooms, invites remote ones, and a second plan is empty", async (t) => {
  const s = await scenario(
    t,
    acmeUsers()
      .room({ alias: "general", creator: "admin", join_rule: "public" })
      .room({ alias: "eng", creator: "admin", join_rule: "invite", members: { alice: "join" } }),
    rooms(`rooms:\n  "#general": {members: [alice, bob]}\n  "#eng": {members: [alice, bob, "@zoe:partner.test"]}\n`),
  );
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stderr + apply.stdout);
  assert.match(apply.stdout, /Apply complete: 3 joined, 1 invited, 0 kicked, 0 failed, 0 blocked\./);
  assert.deepEqual(s.hs.joinedMembers("#general:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test"]);
  assert.deepEqual(s.hs.joinedMembers("#eng:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test"]);
  assert.equal(s.hs.membership("#eng:acme.test", "@zoe:partner.test"), "invite");
  const again = await s.roster(["plan", "--detailed-exitcode"]);
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, /Plan: 0 to join, 0 to invite, 0 to kick, 0 blocked\./);
});

test("plan --detailed-exitcode exits 2 while changes are pending", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "general", creator: "admin", join_rule: "public" }), rooms(`rooms:\n  "#general": {members: [alice]}\n`));
  assert.equal((await s.roster(["plan", "--detailed-exitcode"])).code, 2);
  assert.equal((await s.roster(["plan"])).code, 0);
});

test("an already-joined user in an invite-only room gets no join call at all", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "eng", creator: "admin", join_rule: "invite", members: { alice: "join" } }),
    rooms(`rooms:\n  "#eng": {members: [alice]}\n`),
  );
  s.hs.resetRequestCounts();
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stderr);
  const joins = Object.entries(s.hs.requestCounts()).filter(([route]) => route.includes("/admin/v1/join"));
  assert.deepEqual(joins, []);
});

test("unknown, deactivated and banned users are blocked with hints, and plan exits 1", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "eng", creator: "admin", join_rule: "invite", members: { carol: "ban" } }),
    rooms(`rooms:\n  "#eng": {members: [ghost, mallory, carol, alice]}\n`),
  );
  const { code, plan } = await planJson(s);
  assert.equal(code, 1);
  const blocked = plan.rooms[0]?.blocked.map((b) => `${b.code} ${b.user ?? ""}`);
  assert.deepEqual(blocked, ["user_banned @carol:acme.test", "user_deactivated @mallory:acme.test", "user_not_found @ghost:acme.test"]);
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 3 blocked\./);
  assert.equal(s.hs.membership("#eng:acme.test", "@mallory:acme.test"), undefined, "a deactivated user is never joined");
  assert.equal(s.hs.membership("#eng:acme.test", "@carol:acme.test"), "ban");
});

test("an invite-only room without the admin is blocked as admin_not_in_room; a wrong alias as alias_not_found", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "secret", creator: "alice", join_rule: "invite" }).room({ alias: "general", creator: "admin", join_rule: "public" }),
    rooms(`rooms:\n  "#secret": {members: [alice, bob]}\n  "#nope": {members: [bob]}\n  "#general": {members: [bob]}\n`),
  );
  const { code, plan } = await planJson(s);
  assert.equal(code, 1);
  const [secret, nope, general] = plan.rooms;
  assert.deepEqual(secret?.blocked.map((b) => [b.code, b.users]), [["admin_not_in_room", ["@bob:acme.test"]]]);
  assert.match(secret?.blocked[0]?.hint ?? "", /make_room_admin/);
  assert.deepEqual(nope?.blocked.map((b) => [b.code, b.users]), [["alias_not_found", ["@bob:acme.test"]]]);
  assert.deepEqual(general?.changes.map((c) => c.action + " " + c.user), ["join @bob:acme.test"]);
});

test("a room every local user has left is blocked as room_not_found (Synapse shows no state for it), and apply leaves it alone", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "gone", creator: "alice", join_rule: "public", members: { alice: "leave" } }),
    rooms(`rooms:\n  "#gone": {members: [bob]}\n`),
  );
  const { code, plan } = await planJson(s);
  assert.equal(code, 1);
  const gone = plan.rooms[0];
  assert.deepEqual(gone?.blocked.map((b) => [b.code, b.users]), [["room_not_found", ["@bob:acme.test"]]]);
  assert.match(gone?.blocked[0]?.hint ?? "", /\(no local user is left in the room\)/);
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.equal(s.hs.membership("#gone:acme.test", "@bob:acme.test"), undefined);
});

test("prune kicks undeclared members within the guard, and the mass-removal guard blocks beyond it", async (t) => {
  const s = await scenario(
    t,
    acmeUsers()
      .room({ alias: "small", creator: "admin", members: { alice: "join", bob: "join", carol: "join", dave: "invite" } })
      .room({ alias: "big", creator: "admin", members: { alice: "join", bob: "join", carol: "join" } }),
    rooms(`rooms:\n  "#small": {members: [alice, bob, carol], prune: true}\n  "#big": {members: [alice], prune: true}\n`),
  );
  const { plan } = await planJson(s);
  assert.deepEqual(plan.rooms[0]?.changes.map((c) => `${c.action} ${c.user}`), ["kick @dave:acme.test"]);
  assert.deepEqual(plan.rooms[1]?.blocked.map((b) => [b.code, b.users]), [["mass_removal", ["@bob:acme.test", "@carol:acme.test"]]]);
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1, "blocked items make apply exit 1");
  assert.equal(s.hs.membership("#small:acme.test", "@dave:acme.test"), "leave");
  assert.equal(s.hs.membership("#big:acme.test", "@bob:acme.test"), "join", "withheld kicks are not made");
  const forced = await s.roster(["apply", "--yes", "--allow-mass-removal"]);
  assert.equal(forced.code, 0, forced.stdout);
  assert.deepEqual(s.hs.joinedMembers("#big:acme.test"), ["@admin:acme.test", "@alice:acme.test"]);
  assert.equal((await s.roster(["plan", "--detailed-exitcode"])).code, 0);
});

test("apply refuses to act without --yes when not on a terminal, and asks on a terminal", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "general", creator: "admin", join_rule: "public" }), rooms(`rooms:\n  "#general": {members: [alice]}\n`));
  const refused = await s.roster(["apply"]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--yes/);
  assert.equal(s.hs.membership("#general:acme.test", "@alice:acme.test"), undefined);
  const declined = await s.roster(["apply"], { tty: true, answers: ["no"] });
  assert.equal(declined.code, 1);
  assert.equal(s.hs.membership("#general:acme.test", "@alice:acme.test"), undefined);
  const accepted = await s.roster(["apply"], { tty: true, answers: ["yes"] });
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.equal(s.hs.membership("#general:acme.test", "@alice:acme.test"), "join");
});

test("start-up checks: a bad token, a non-admin token and a different server_name each fail clearly", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "general", creator: "admin", join_rule: "public" }), rooms(`rooms:\n  "#general": {members: [alice]}\n`));
  const bad = await s.roster(["plan"], { env: { MATRIX_ADMIN_TOKEN: "syt_not_a_real_token" } });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /token/i);
  const notAdmin = await s.roster(["plan"], { env: { MATRIX_ADMIN_TOKEN: s.hs.tokens["@alice:acme.test"] } });
  assert.equal(notAdmin.code, 1);
  assert.match(notAdmin.stderr, /not a server admin/);
  const other = await scenario(t, acmeUsers(), { "rooms/rooms.yaml": `server_name: other.test\nrooms:\n  "#general": {members: [alice]}\n` });
  const mismatch = await other.roster(["plan"]);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.stderr, /other\.test/);
  assert.match(mismatch.stderr, /acme\.test/);
});

test("the token never appears in any output, saved plan or error", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "general", creator: "admin", join_rule: "public" }).room({ alias: "secret", creator: "alice" }),
    rooms(`rooms:\n  "#general": {members: [alice, ghost]}\n  "#secret": {members: [bob]}\n  "#nope": {members: [bob]}\n`),
  );
  const token = s.hs.adminToken;
  const outputs = [
    await s.roster(["plan", "--verbose", "--out", "plan.json"]),
    await s.roster(["plan", "--format", "json"]),
    await s.roster(["plan", "--format", "markdown"]),
    await s.roster(["apply", "--yes", "--verbose"]),
    await s.roster(["apply", "plan.json", "--yes"]),
    await s.roster(["plan"], { env: { MATRIX_HOMESERVER_URL: "http://127.0.0.1:9" } }),
  ];
  const saved = await readFile(join(s.cwd, "plan.json"), "utf8");
  for (const text of [...outputs.flatMap((o) => [o.stdout, o.stderr]), saved]) assert.equal(text.includes(token), false);
  assert.ok(outputs[0]?.stderr.includes("GET "), "--verbose shows requests");
});

test("a saved plan is applied only to rooms that did not change since", async (t) => {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "a", creator: "admin", join_rule: "public" }).room({ alias: "b", creator: "admin", join_rule: "public" }),
    rooms(`rooms:\n  "#a": {members: [alice]}\n  "#b": {members: [bob]}\n`),
  );
  const saved = await s.roster(["plan", "--out", "plan.json"]);
  assert.equal(saved.code, 0, saved.stderr);
  s.hs.setMembership("#b:acme.test", "@carol:acme.test", "join");
  const apply = await s.roster(["apply", "plan.json", "--yes"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /skipped #b:acme\.test: its membership or power levels changed since the plan was made/);
  assert.equal(s.hs.membership("#a:acme.test", "@alice:acme.test"), "join");
  assert.equal(s.hs.membership("#b:acme.test", "@bob:acme.test"), undefined);
});

test("a room without a join-rules event: apply invites first, then joins, and converges", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "old", creator: "admin", join_rule: null }), rooms(`rooms:\n  "#old": {members: [alice]}\n`));
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.equal(s.hs.membership("#old:acme.test", "@alice:acme.test"), "join");
  assert.equal((await s.roster(["plan", "--detailed-exitcode"])).code, 0);
});
