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
      `# Imported by \`roster import\` from acme.test: each room's joined members with their power levels where these differ from the room's default (the acting admin and deactivated users left out).`,
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
  assert.match(result.stdout, /rooms:\n {2}"#secret":\n {4}# !\S+\n {4}members:\n {6}- \{user: alice, power: admin\}\n {6}- carol\n$/);
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

test("import --all lists rooms by name, each room once even when named twice; a tree is any .yaml or .yml outside hidden folders", async (t) => {
  const seed = acmeUsers()
    .room({ alias: "zeta", room_id: "!aaa:acme.test", creator: "admin", members: { alice: "join" } })
    .room({ alias: "alpha", room_id: "!zzz:acme.test", creator: "admin", members: { bob: "join" } });
  const s = await scenario(t, seed, { "rooms/.drafts/old.yaml": "server_name: acme.test\n" });
  const all = await s.roster(["import", "--all"]);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /\nserver_name: acme\.test\n/, "a hidden folder's file does not make a tree: the new one declares server_name");
  assert.ok(all.stdout.indexOf('"#alpha"') < all.stdout.indexOf('"#zeta"'), all.stdout);
  const twice = await s.roster(["import", "#zeta:acme.test", "!aaa:acme.test"]);
  assert.equal(twice.stdout.match(/"#zeta":/g)?.length, 1, twice.stdout);

  await writeFile(join(s.cwd, "rooms/server.yml"), "server_name: acme.test\n");
  const existing = await s.roster(["import", "#alpha:acme.test"]);
  assert.equal(existing.code, 0, existing.stderr);
  assert.doesNotMatch(existing.stdout, /server_name/, "a .yml file is a tree that already declares it");
});

test("import --all --write into a new tree with nothing to import writes nothing, not even server.yaml", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "gone", creator: "alice", members: { alice: "leave" } }), {});
  const result = await s.roster(["import", "--all", "--write"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /0 files written/);
  await assert.rejects(stat(join(s.cwd, "rooms/server.yaml")), /ENOENT/);
});

/** Rooms whose levels differ from their users_default: moderators, admins, muted users, a raised default. */
const leveledServer = () =>
  acmeUsers()
    .user("erin")
    .room({
      alias: "eng",
      creator: "admin",
      join_rule: "invite",
      power_levels: {
        users: {
          "@alice:acme.test": 50,
          "@bob:acme.test": 100,
          "@carol:acme.test": -10,
          "@dave:acme.test": 0,
          "@erin:acme.test": 100,
          "@mallory:acme.test": 50,
          "@zoe:partner.test": 75,
        },
      },
      // erin holds 100 but has left: not declared, so import must not turn prune_power on.
      members: { alice: "join", bob: "join", carol: "join", dave: "join", erin: "leave", mallory: "join", "@zoe:partner.test": "join" },
    })
    .room({
      alias: "lounge",
      creator: "alice",
      join_rule: "public",
      power_levels: { users_default: 10, users: { "@alice:acme.test": 100, "@bob:acme.test": 0, "@carol:acme.test": 10 } },
      members: { alice: "leave", bob: "join", carol: "join", dave: "join" },
    })
    .room({ alias: "bare", creator: "bob", join_rule: "invite", power_levels: null, members: { carol: "join" } })
    .room({ alias: "v12", version: "12", creator: "carol", join_rule: "invite", members: { alice: "join" } });

test("import declares every level that differs from the room's default, and the next plan changes no level", async (t) => {
  const s = await scenario(t, leveledServer(), {});
  const result = await s.roster(["import", "--all", "--write"]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const file = (name: string) => readFile(join(s.cwd, `rooms/imported/${name}.yaml`), "utf8");
  const members = async (name: string) => (await file(name)).split("\n    members:\n")[1];
  assert.equal(
    await members("eng"),
    ["      - {user: alice, power: moderator}", "      - {user: bob, power: admin}", "      - {user: carol, power: -10}", "      - dave", `      - {user: "@zoe:partner.test", power: 75}`, ""].join("\n"),
  );
  // users_default 10: bob's explicit 0 is below it (declared), carol's explicit 10 equals it (not), dave has it by default.
  assert.equal(await members("lounge"), ["      - {user: bob, power: 0}", "      - carol", "      - dave", ""].join("\n"));
  // No power-levels event: the creator holds 100 (reference §14.1 rule 3).
  assert.equal(await members("bare"), ["      - {user: bob, power: admin}", "      - carol", ""].join("\n"));
  assert.match(await file("v12"), /# room creators, whose power no level can declare: @carol:acme\.test\n {4}members:\n {6}- alice\n {6}- carol\n$/);
  assert.doesNotMatch(await file("eng"), /prune_power|erin/);

  const validate = await s.roster(["validate"]);
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  const { code, plan } = await planJson(s, ["--detailed-exitcode"]);
  assert.equal(code, 0, JSON.stringify(plan.rooms, null, 1));
  assert.deepEqual(plan.summary, { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0 });
});
