// @ts-nocheck
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
