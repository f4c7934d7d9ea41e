import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  describeGroupNameProblem,
  describeRoomProblem,
  describeUserProblem,
  expandRoom,
  expandUser,
  isLocalUser,
  isServerName,
  parseUserId,
  serverOf,
} from "../../src/declarations/identifiers.js";
import { repoRoot } from "../support/run-cli.js";

const v12Id = "!" + "A".repeat(20) + "-_" + "z".repeat(21);

const servers: [string, boolean][] = [
  ["acme.test", true],
  ["localhost:8008", true],
  ["1.2.3.4", true],
  ["[::1]", true],
  ["[2001:db8::1]:8448", true],
  ["[::ffff:192.0.2.1]", true],
  ["[1:2:3:4:5:6:7:8]", true],
  ["[1:2:3:4:5:6:7::]", true],
  ["[::2:3:4:5:6:7:8]", true],
  ["[1::8]", true],
  ["[::ffff:1.2.3.4]:8448", true],
  ["acme_test", false],
  ["acme..test", false],
  ["acme.test:", false],
  ["acme.test:123456", false],
  ["[::1", false],
  ["[1:2:3:4:5:6:7:8:9]", false],
  ["[1:2:3:4::5:6:7:8]", false],
  ["[::1:2:3:4:5:6:7:8]", false],
  ["[1:2:3:4:5:6:7:8::]", false],
  ["[1:2:3:4:5:6:7]", false],
  ["[1::2::3]", false],
  ["[1:2:3:4:5:6:1.2.3.4:8]", false],
  ["[::ffff:1.2.3]", false],
  ["[::ffff:1.2.3.256]", false],
  ["[1:2:3:4:5:6:7:1.2.3.4]", false],
  ["[::1]x", false],
  ["[::1]:", false],
  ["[::g]", false],
  ["1.2.3.4:8448", true],
  ["[12345::]", false],
  ["", false],
];

for (const [name, valid] of servers) {
  test(`server name ${JSON.stringify(name)} is ${valid ? "valid" : "invalid"}`, () => assert.equal(isServerName(name), valid));
}

const users: [string, boolean][] = [
  ["alice", true],
  ["a.b_c=d-e/f+g", true],
  ["@alice:acme.test", true],
  ["@alice:localhost:8008", true],
  ["@Alice.Historic:acme.test", true],
  ["@bob:[::1]:8448", true],
  ["Alice", false],
  ["alice:acme.test", false],
  ["@alice", false],
  ["@:acme.test", false],
  ["@al ice:acme.test", false],
  ["@alice:bad_host", false],
  ["", false],
];

for (const [written, valid] of users) {
  test(`user ${JSON.stringify(written)} is ${valid ? "valid" : "invalid"}`, () => assert.equal(describeUserProblem(written) === undefined, valid, describeUserProblem(written)));
}

const rooms: [string, boolean][] = [
  ["#general", true],
  ["#general:acme.test", true],
  ["#café:acme.test", true],
  ["!abcdefghijklmnop:acme.test", true],
  [v12Id, true],
  ["general", false],
  ["#", false],
  ["#gen eral", false],
  ["!abc", false],
  ["!" + "A".repeat(42), false],
  ["!" + "A".repeat(42) + "=", false],
  ["@alice:acme.test", false],
  ["#general:bad_host", false],
];

for (const [written, valid] of rooms) {
  test(`room ${JSON.stringify(written)} is ${valid ? "valid" : "invalid"}`, () => assert.equal(describeRoomProblem(written) === undefined, valid, describeRoomProblem(written)));
}

test("IDs longer than 255 bytes are refused, counting UTF-8 bytes", () => {
  assert.match(describeUserProblem(`@${"a".repeat(250)}:acme.test`) ?? "", /longer than 255 bytes/);
  assert.match(describeRoomProblem(`#${"é".repeat(125)}:acme.test`) ?? "", /longer than 255 bytes/);
  assert.equal(describeRoomProblem(`#${"a".repeat(244)}:acme.test`), undefined);
});

test("bare names expand with server_name; room IDs are never expanded", () => {
  assert.equal(expandUser("alice", "acme.test"), "@alice:acme.test");
  assert.equal(expandUser("@zoe:partner.test", "acme.test"), "@zoe:partner.test");
  assert.equal(expandRoom("#general", "acme.test"), "#general:acme.test");
  assert.equal(expandRoom("#general:other.test", "acme.test"), "#general:other.test");
  assert.equal(expandRoom(v12Id, "acme.test"), v12Id);
});

test("serverOf and isLocalUser split at the first colon, so ports stay in the server part", () => {
  assert.equal(serverOf("@alice:localhost:8008"), "localhost:8008");
  assert.equal(serverOf(v12Id), undefined);
  assert.equal(isLocalUser("@alice:acme.test", "acme.test"), true);
  assert.equal(isLocalUser("@zoe:partner.test", "acme.test"), false);
  assert.deepEqual(parseUserId("@alice:localhost:8008"), { localpart: "alice", server: "localhost:8008" });
  assert.equal(parseUserId("alice"), undefined);
});

test("a mistyped bare user gets a suggestion", () => {
  assert.match(describeUserProblem("Alice") ?? "", /did you mean "alice"\?/);
  assert.match(describeUserProblem("alice:acme.test") ?? "", /did you mean "@alice:acme.test"\?/);
  assert.match(describeRoomProblem("general") ?? "", /did you mean "#general"\?/);
});

test("the schema's patterns accept exactly what the code accepts", () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/rooms.schema.json"), "utf8")) as { $defs: Record<string, { pattern: string }> };
  const pattern = (name: string) => new RegExp(schema.$defs[name]?.pattern ?? "(?!)", "u");
  for (const [name, valid] of servers) assert.equal(pattern("serverName").test(name) && isServerName(name), valid, name);
  for (const [name] of servers) if (pattern("serverName").test(name) !== isServerName(name)) assert.match(name, /^\[/, `${name}: only IPv6 details may differ`);
  for (const [written, valid] of users) assert.equal(pattern("user").test(written), valid, written);
  for (const [written, valid] of rooms) assert.equal(pattern("roomRef").test(written), valid, written);
  for (const [name, valid] of [["backend", true], ["-x", false], ["a".repeat(65), false]] as const) {
    assert.equal(pattern("groupName").test(name), valid, name);
    assert.equal(describeGroupNameProblem(name) === undefined, valid, name);
  }
});
