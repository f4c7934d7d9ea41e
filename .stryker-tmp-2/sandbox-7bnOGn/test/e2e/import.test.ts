// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { acmeUsers, planJson, scenario } from "../support/e2e.js";

/** Rooms roster has never seen: one the admin is not in, one without an alias, one the server has left. */
const liveServer = () =>
  acmeUsers()
    .user("zed")
    .room({
      alias: "eng",
      creator: "admin",
      join_rule: "invite",
      members: { alice: "join", bob: "invite", mallory: "join", "@zoe:partner.test": "join", "@yuri:partner.test": "invite" },
    })
    .room({ alias: "secret", creator: "alice", join_rule: "invite", members: { alice: "join", carol: "join" } })
    .room({ room_id: "!noalias:acme.test", creator: "admin", join_rule: "public", members: { dave: "join", bob: "leave" } })
    .room({ alias: "gone", creator: "zed", join_rule: "invite", members: { zed: "leave" } });

test("import --all --write into a new tree: validate accepts it and plan is empty for every imported room", async (t) => {
  const s = await scenario(t, liveServer(), {});
  const result = await s.roster(["import", "--all", "--write"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /skipped !\S+ \(!\S+\): no local user is left in it/);
  assert.match(result.stdout, /Import: 3 imported, 0 already declared, 0 unreadable, 4 files written\./);
  assert.deepEqual((await readdir(join(s.cwd, "rooms/imported"))).sort(), ["eng.yaml", "room_noalias.yaml", "secret.yaml"]);

  const eng = await readFile(join(s.cwd, "rooms/imported/eng.yaml"), "utf8");
  assert.equal(
    eng,
    [
      "# yaml-language-server: $schema=../../schemas/rooms.schema.json",
      `# Imported by \`roster import\` from acme.test: each room's joined members (the acting admin and deactivated users left out).`,
      "rooms:",
      `  "#eng":`,
      `    # ${s.hs.roomIdOf("#eng:acme.test")}`,
      "    # invited, not joined yet (not declared): @bob:acme.test, @yuri:partner.test",
      "    # deactivated but still joined (not declared): @mallory:acme.test",
      "    members:",
      "      - alice",
      `      - "@zoe:partner.test"`,
      "",
    ].join("\n"),
  );
  const server = await readFile(join(s.cwd, "rooms/server.yaml"), "utf8");
  assert.match(server, /^# yaml-language-server: \$schema=\.\.\/schemas\/rooms\.schema\.json\n[^\n]*\nserver_name: acme\.test\n$/);

  const validate = await s.roster(["validate"]);
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  const { code, plan } = await planJson(s, ["--detailed-exitcode"]);
  assert.equal(code, 0, JSON.stringify(plan.summary));
  assert.deepEqual(plan.rooms.map((r) => r.room).sort(), ["!noalias:acme.test", "#eng:acme.test", "#secret:acme.test"]);
  for (const room of plan.rooms) {
    assert.deepEqual([room.changes, room.blocked, room.error], [[], [], undefined], room.room);
  }
});

test("import --write twice: the second run changes nothing and says so", async (t) => {
  const s = await scenario(t, liveServer(), {});
  assert.equal((await s.roster(["import", "--all", "--write"])).code, 0);
  const before = await stat(join(s.cwd, "rooms/imported/eng.yaml"));
  const again = await s.roster(["import", "--all", "--write"]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /skipped #eng:acme\.test: already declared at rooms\/imported\/eng\.yaml:4:3/);
  assert.match(again.stdout, /Import: 0 imported, 3 already declared, 0 unreadable, 0 files written\./);
  assert.match(again.stdout, /Nothing changed in rooms: every room is already declared there\./);
  assert.equal((await stat(join(s.cwd, "rooms/imported/eng.yaml"))).mtimeMs, before.mtimeMs);
});

test("import never overwrites a file with different content, names it, and still writes the other rooms", async (t) => {
  const s = await scenario(t, liveServer(), {
    "rooms/server.yaml": "server_name: acme.test\n",
    "rooms/imported/eng.yaml": `rooms:\n  "!noalias:acme.test": {members: [dave]}\n`,
  });
  const result = await s.roster(["import", "#eng", "#secret", "--write"]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /error: not writing rooms\/imported\/eng\.yaml: it already exists with different content/);
  assert.match(result.stdout, /wrote rooms\/imported\/secret\.yaml/);
  assert.equal(await readFile(join(s.cwd, "rooms/imported/eng.yaml"), "utf8"), `rooms:\n  "!noalias:acme.test": {members: [dave]}\n`);
});

test("import prints YAML for the rooms it can read, names the one it cannot, and exits 1", async (t) => {
  const s = await scenario(t, liveServer(), { "rooms/server.yaml": "server_name: acme.test\n" });
  const result = await s.roster(["import", "#nope", s.hs.roomIdOf("#secret:acme.test")]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /error: #nope:acme\.test: #nope:acme\.test does not resolve on this server/);
  assert.match(result.stdout, /^# yaml-language-server: \$schema=\.\.\/schemas\/rooms\.schema\.json\n/);
  assert.match(result.stdout, /rooms:\n {2}"#secret":\n {4}# !\S+\n {4}members:\n {6}- alice\n {6}- carol\n$/);
  assert.doesNotMatch(result.stdout, /server_name/, "the tree already declares it");
});

test("import into a tree without server_name keeps full IDs, and skips rooms declared by ID", async (t) => {
  const s = await scenario(t, liveServer(), {});
  const noalias = "!noalias:acme.test";
  await mkdir(join(s.cwd, "rooms"), { recursive: true });
  await writeFile(join(s.cwd, "rooms/a.yaml"), `rooms:\n  "${s.hs.roomIdOf("#secret:acme.test")}": {members: ["@alice:acme.test", "@carol:acme.test"]}\n`);
  const result = await s.roster(["import", "#secret:acme.test", noalias]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /skipped #secret:acme\.test: already declared at rooms\/a\.yaml:2:3/);
  assert.match(result.stdout, /"!noalias:acme\.test":\n {4}members:\n {6}- "@dave:acme\.test"\n$/);
});
