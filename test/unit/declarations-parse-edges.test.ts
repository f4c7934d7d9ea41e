/** Parsing edges: duplicates inside one file said once and in the best words, empty files, and typo suggestions. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDeclarations } from "../../src/declarations/parse.js";
import { didYouMean } from "../../src/declarations/suggest.js";

const problems = (text: string) => parseDeclarations([{ path: "rooms/a.yaml", text }]).diagnostics.map((d) => `${d.line}:${d.column} [${d.code}] ${d.message}`);

test("a room or group named twice in one file is reported by the cross-file rule only, not also as a duplicate key", () => {
  assert.deepEqual(problems('server_name: acme.test\nrooms:\n  "#x": {members: [a]}\n  "#x": {members: [b]}\n'), [
    '4:3 [duplicate-room] room "#x:acme.test" is declared more than once: here (as "#x") and at rooms/a.yaml:3:3 (as "#x"); keep one declaration',
  ]);
  assert.deepEqual(problems("server_name: acme.test\ngroups:\n  g: [a]\n  g: [b]\n"), [
    '4:3 [duplicate-group] group "g" is defined twice: here and at rooms/a.yaml:3:3; keep one definition (merge the member lists)',
  ]);
});

test("any other key given twice is an error at each repetition, naming the first; a mapping shared through a YAML alias is reported once", () => {
  assert.deepEqual(problems('server_name: acme.test\nrooms:\n  "#x":\n    members: [a]\n    members: [b]\n    members: [c]\n'), [
    '5:5 [duplicate-key] key "members" appears twice in the same mapping (first at rooms/a.yaml:4:5); keep one',
    '6:5 [duplicate-key] key "members" appears twice in the same mapping (first at rooms/a.yaml:4:5); keep one',
  ]);
  assert.deepEqual(problems('server_name: acme.test\nrooms:\n  "#x": &r {members: [a], members: [b]}\n  "#y": *r\n'), [
    '3:27 [duplicate-key] key "members" appears twice in the same mapping (first at rooms/a.yaml:3:13); keep one',
  ]);
});

test("an empty file or one of comments only declares nothing and is fine; a YAML error is the file's only problem", () => {
  assert.deepEqual(problems(""), []);
  assert.deepEqual(problems("# nothing yet\n"), []);
  assert.deepEqual(problems("~\n"), [], "a document that is only null is empty too");
  // The first document is neither checked (no schema noise for foo) nor declared.
  assert.deepEqual(problems("foo: 1\n---\nbar: 2\n"), ["2:1 [multiple-documents] a second YAML document starts here; a declaration file holds exactly one document: move it to its own file"]);
  assert.equal(parseDeclarations([{ path: "rooms/a.yaml", text: 'server_name: acme.test\nrooms:\n  "#x": {members: [a]}\n---\nx: 1\n' }]).desired.rooms.length, 0);
  assert.deepEqual(problems("rooms: [\n"), ["2:1 [yaml-syntax] YAML syntax error: deficient indentation; fix the YAML at this place"]);
});

test("typo suggestions: case-insensitive, a swap of neighbours is one edit, the closest wins, far-off names are not suggested", () => {
  assert.equal(didYouMean("backnd", ["frontend", "backend", "backends"]), ' — did you mean "backend"?');
  assert.equal(didYouMean("BACKEND", ["backend"]), ' — did you mean "backend"?');
  assert.equal(didYouMean("neg", ["eng"]), ' — did you mean "eng"?');
  assert.equal(didYouMean("bacXYZd", ["backend"]), "", "three edits in seven letters is not a typo");
  assert.equal(didYouMean("engineering1", ["engineering12345"]), "", "four letters longer is another name");
  assert.equal(didYouMean("eng", ["ops"]), "");
});

test("an invalid server_name in one file is the one problem: bare names in the other files are not reported again", () => {
  const result = parseDeclarations([
    { path: "rooms/a.yaml", text: "server_name: bad_server!\n" },
    { path: "rooms/b.yaml", text: 'rooms:\n  "#eng": {members: [alice]}\n' },
  ]);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.file}:${d.line} [${d.code}]`),
    ["rooms/a.yaml:1 [invalid-server-name]"],
  );
});

test("oversized files are refused before parsing, saying which limit: the file's bytes, its nodes, or what the tree has left", () => {
  assert.deepEqual(problems(`# ${"x".repeat(1024 * 1024)}\n`), ["1:1 [file-too-large] file is larger than 1 MiB; declaration files are small: split it into several files"]);
  assert.deepEqual(problems(`server_name: acme.test\n${"# c\n".repeat(50_001)}`), [
    "1:1 [file-too-large] file has about 50003 lines and list items, more than the limit of 50000 per file; declarations this large are a mistake or an attack: split the file or trim it",
  ]);
  const files = Array.from({ length: 11 }, (_, i) => ({ path: `rooms/f${String(i).padStart(2, "0")}.yaml`, text: "# c\n".repeat(49_000) }));
  assert.deepEqual(
    parseDeclarations(files).diagnostics.map((d) => `${d.file} ${d.message}`),
    ["rooms/f10.yaml file has about 49001 lines and list items, more than what is left of the limit of 500000 for the whole tree; declarations this large are a mistake or an attack: split the file or trim it"],
  );
});

test("a byte-order mark is not a column", () => {
  assert.deepEqual(problems("\uFEFFrooms: 5\n"), ['1:8 [schema] "rooms" must be a mapping (key: value lines)']);
});

test("the same server_name in two files is fine; a different one is the conflict", () => {
  const twice = (second: string) =>
    parseDeclarations([
      { path: "rooms/a.yaml", text: "server_name: acme.test\n" },
      { path: "rooms/b.yaml", text: `server_name: ${second}\n` },
    ]).diagnostics.map((d) => `${d.file}:${d.line} [${d.code}]`);
  assert.deepEqual(twice("acme.test"), []);
  assert.deepEqual(twice("other.test"), ["rooms/b.yaml:1 [conflicting-server-name]"]);
});

test("a bare user or alias that fits alone but not once expanded with server_name is refused where it is written", () => {
  assert.deepEqual(problems(`server_name: acme.test\nrooms:\n  "!r:acme.test": {members: [${"a".repeat(250)}]}\n`), [
    `3:30 [invalid-user] user "@${"a".repeat(39)}…" is longer than 255 bytes once expanded with server_name`,
  ]);
  assert.deepEqual(problems(`server_name: acme.test\nrooms:\n  "#${"r".repeat(250)}": {members: []}\n`), [
    `3:3 [invalid-room] room "#${"r".repeat(39)}…" is longer than 255 bytes once expanded with server_name`,
  ]);
  assert.deepEqual(parseDeclarations([{ path: "rooms/a.yaml", text: `server_name: acme.test\nrooms:\n  "#${"r".repeat(250)}": {members: [alice]}\n` }]).desired.rooms, [], "the room is not declared");
});

test("an unknown group lists the groups there are, or says there are none", () => {
  assert.deepEqual(problems('server_name: acme.test\nrooms:\n  "#x": {groups: [zzz]}\n'), ['3:19 [unknown-group] unknown group "zzz": define it under "groups:" or fix the name (no group is defined)']);
  assert.deepEqual(problems('server_name: acme.test\ngroups:\n  ops: [a]\n  devs: [b]\nrooms:\n  "#x": {groups: [zzz]}\n'), [
    '6:19 [unknown-group] unknown group "zzz": define it under "groups:" or fix the name (known groups: ops, devs)',
  ]);
});

test("a member's listings come in file order, whichever way (group or direct) listed them first", () => {
  const text = 'server_name: acme.test\ngroups:\n  g: [alice]\nrooms:\n  "#x":\n    groups: [g]\n    members: [{user: alice, power: 50}]\n';
  const [member] = parseDeclarations([{ path: "rooms/a.yaml", text }]).desired.rooms[0]?.members ?? [];
  assert.deepEqual(
    member?.sources.map((s) => `${s.pos.line}:${s.pos.column}${"group" in s ? ` ${String(s.group)}` : ""}`),
    ["6:14 g", "7:22"],
  );
  assert.equal(member?.power, 50);
});

test("the highest declared level wins, whatever the order of the listings", () => {
  const text = 'server_name: acme.test\ngroups:\n  g: [alice]\nrooms:\n  "#x":\n    groups: [{group: g, power: 100}]\n    members: [{user: alice, power: 50}]\n';
  assert.equal(parseDeclarations([{ path: "rooms/a.yaml", text }]).desired.rooms[0]?.members[0]?.power, 100);
});

test("a room declared three times (by alias, by full alias, in another file): each later place names all the others", () => {
  const result = parseDeclarations([
    { path: "rooms/a.yaml", text: 'server_name: acme.test\nrooms:\n  "#x": {members: [a]}\n  "#x:acme.test": {members: [b]}\n' },
    { path: "rooms/b.yaml", text: 'rooms:\n  "#x": {members: [c]}\n' },
  ]);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
    [
      'rooms/a.yaml:4:3 room "#x:acme.test" is declared more than once: here (as "#x:acme.test") and at rooms/a.yaml:3:3 (as "#x"), rooms/b.yaml:2:3 (as "#x"); keep one declaration',
      'rooms/b.yaml:2:3 room "#x:acme.test" is declared more than once: here (as "#x") and at rooms/a.yaml:3:3 (as "#x"), rooms/a.yaml:4:3 (as "#x:acme.test"); keep one declaration',
    ],
  );
});
