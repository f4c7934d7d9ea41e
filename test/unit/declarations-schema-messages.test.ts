/** What a schema problem says, word for word, and where: each kind of place named the way a person would. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDeclarations } from "../../src/declarations/parse.js";

const problems = (text: string) => parseDeclarations([{ path: "rooms/a.yaml", text: `server_name: acme.test\n${text}` }]).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

test("schema problems name the place and say what fits there, once each", () => {
  const rows: [string, string[]][] = [
    ["groups:\n  g: [true]\n", ['3:7 member 1 of group "g" must be a string: YAML read true as a boolean; quote it ("true")']],
    ["groups:\n  g: alice\n", ['3:6 group "g" must be a list']],
    ['rooms:\n  "#x":\n    prune: 5\n', ['4:12 "prune" of room "#x" must be true or false']],
    ['rooms:\n  "#x":\n    groups: [{power: 50}]\n', ['4:14 group 1 of room "#x" needs "group:" (the group it gives a power level to), e.g. {group: leads, power: moderator}']],
    ['rooms:\n  "#x":\n    members: [{power: 50}]\n', ['4:15 member 1 of room "#x" needs "user:" (the user it gives a power level to), e.g. {user: bob, power: moderator}']],
    ['rooms:\n  "#x":\n    members: [{user: 5, power: 5}]\n', ['4:22 "user" of member 1 of room "#x" must be a string: YAML read 5 as a number; quote it ("5")']],
    ['rooms:\n  "#x":\n    members: [[1]]\n', ['4:15 member 1 of room "#x" must be a string']],
    // Several schema errors (type, enum, anyOf) describe the same bad level: said once.
    ['rooms:\n  "#x":\n    members: [{user: bob, power: lots}]\n', ['4:34 "power" of member 1 of room "#x" is "lots": use moderator (50), admin (100) or a whole number such as 25']],
  ];
  for (const [text, expected] of rows) assert.deepEqual(problems(text), expected, text);
  assert.deepEqual(parseDeclarations([{ path: "rooms/a.yaml", text: "server_name: 5\n" }]).diagnostics.map((d) => d.message), ['server_name must be a string: YAML read 5 as a number; quote it ("5")']);
});
