import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "js-yaml";
import { assignFileNames, renderDeclarations, shortRoom, shortUser, type ImportedRoom } from "../../src/adopt/render-import.js";
import { parseDeclarations } from "../../src/declarations/parse.js";

const room = (ref: string, roomId: string, joined: string[], extra: Partial<ImportedRoom> = {}): ImportedRoom => ({ ref, roomId, joined, invited: [], deactivated: [], ...extra });

test("users: bare localparts only on the server in effect and only where the bare grammar allows", () => {
  const cases: [string, string | undefined, string][] = [
    ["@alice:acme.test", "acme.test", "alice"],
    ["@alice:acme.test", undefined, "@alice:acme.test"],
    ["@zoe:partner.test", "acme.test", "@zoe:partner.test"],
    ["@Legacy:acme.test", "acme.test", "@Legacy:acme.test"],
  ];
  for (const [user, server, expected] of cases) assert.equal(shortUser(user, server), expected, user);
  assert.equal(shortRoom("#eng:acme.test", "acme.test"), "#eng");
  assert.equal(shortRoom("#eng:other.test", "acme.test"), "#eng:other.test");
  assert.equal(shortRoom("!x:acme.test", "acme.test"), "!x:acme.test");
});

test("the rendered YAML reads back as the same declarations, tricky scalars quoted", () => {
  const rooms = [room("#eng:acme.test", "!e:acme.test", ["@123:acme.test", "@true:acme.test", "@alice:acme.test", "@zoe:partner.test"]), room("!q:acme.test", "!q:acme.test", [])];
  const yaml = renderDeclarations(rooms, { schemaPath: "../schemas/rooms.schema.json", serverName: "acme.test", declareServerName: true, source: "acme.test" });
  assert.deepEqual(load(yaml), {
    server_name: "acme.test",
    rooms: { "#eng": { members: ["123", "alice", "true", "@zoe:partner.test"] }, "!q:acme.test": { members: [] } },
  });
  const parsed = parseDeclarations([{ path: "rooms/imported.yaml", text: yaml }]);
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(parsed.desired.rooms[0]?.members.map((m) => m.user), ["@123:acme.test", "@alice:acme.test", "@true:acme.test", "@zoe:partner.test"]);
});

test("file names: alias localpart, remote aliases carry their server, IDs get room_, clashes a stable suffix", () => {
  const names = assignFileNames(
    [
      room("#Eng:acme.test", "!a:acme.test", []),
      room("#eng:other.test", "!b:acme.test", []),
      room("!c/d:acme.test", "!c/d:acme.test", []),
      room("#x y:acme.test", "!d:acme.test", []),
      room("#x_y:acme.test", "!e:acme.test", []),
    ],
    "acme.test",
  );
  assert.equal(names.get("!a:acme.test"), "imported/eng.yaml");
  assert.equal(names.get("!b:acme.test"), "imported/eng_other.test.yaml");
  assert.equal(names.get("!c/d:acme.test"), "imported/room_c_d.yaml");
  assert.match(names.get("!d:acme.test") ?? "", /^imported\/x_y-[0-9a-f]{8}\.yaml$/);
  assert.notEqual(names.get("!d:acme.test"), names.get("!e:acme.test"));
});

test("file names never hide the file (a leading dot), stay short, and the clash suffix is always 8 hex digits", () => {
  const long = `#${"a".repeat(150)}:acme.test`;
  const names = assignFileNames([room("#..dots:acme.test", "!a:acme.test", []), room(long, "!b:acme.test", []), room("#twin:acme.test", "!r22:acme.test", []), room("#Twin:acme.test", "!c:acme.test", [])], "acme.test");
  assert.equal(names.get("!a:acme.test"), "imported/_dots.yaml", "the loader skips dotfiles, so a hidden name would never be read");
  assert.equal(names.get("!b:acme.test"), `imported/${"a".repeat(100)}.yaml`);
  // FNV-1a of "!r22:acme.test" is 0x090f67b0: its leading zero is kept.
  assert.equal(names.get("!r22:acme.test"), "imported/twin-090f67b0.yaml");
});

test("levels: {user, power} entries with moderator and admin by name, other levels as integers, that read back as the same levels", () => {
  const power = { "@alice:acme.test": 50, "@bob:acme.test": 100, "@carol:acme.test": -10, "@zoe:partner.test": 75, "@true:acme.test": 0 };
  const rooms = [room("#eng:acme.test", "!e:acme.test", ["@alice:acme.test", "@bob:acme.test", "@carol:acme.test", "@dave:acme.test", "@true:acme.test", "@zoe:partner.test"], { power })];
  const yaml = renderDeclarations(rooms, { schemaPath: "../schemas/rooms.schema.json", serverName: "acme.test", declareServerName: true, source: "acme.test" });
  assert.match(yaml, /\n {6}- \{user: alice, power: moderator\}\n {6}- \{user: bob, power: admin\}\n {6}- \{user: carol, power: -10\}\n {6}- dave\n {6}- \{user: "true", power: 0\}\n {6}- \{user: "@zoe:partner\.test", power: 75\}\n$/);
  const parsed = parseDeclarations([{ path: "rooms/imported.yaml", text: yaml }]);
  assert.deepEqual(parsed.diagnostics, []);
  const levels = parsed.desired.rooms[0]?.members.map((m) => `${m.user} ${m.power ?? "-"}`);
  assert.deepEqual(levels, ["@alice:acme.test 50", "@bob:acme.test 100", "@carol:acme.test -10", "@dave:acme.test -", "@true:acme.test 0", "@zoe:partner.test 75"]);
  assert.notEqual(parsed.desired.rooms[0]?.prunePower, true, "import never turns prune_power on");
});

test("creators and out-of-range levels are declared as plain members, with a comment saying why", () => {
  const rooms = [room("#v12:acme.test", "!v:acme.test", ["@alice:acme.test", "@old:acme.test"], { creators: ["@alice:acme.test"], undeclarable: ["@old:acme.test"] })];
  const yaml = renderDeclarations(rooms, { schemaPath: "s.json", serverName: "acme.test", source: "acme.test" });
  assert.match(yaml, /# room creators, whose power no level can declare: @alice:acme\.test\n/);
  assert.match(yaml, /# power level outside Matrix's range \(declared without one\): @old:acme\.test\n/);
  assert.match(yaml, /members:\n {6}- alice\n {6}- old\n$/);
});
