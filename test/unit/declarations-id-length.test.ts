/** The 255-byte limit of Matrix IDs (reference §3), counted in UTF-8 bytes, at its exact edge. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { describeExpandedLengthProblem, describeRoomProblem, describeUserProblem, isServerName, parseUserId } from "../../src/declarations/identifiers.js";

const SUFFIX = ":acme.test"; // 10 bytes
const emoji = "\u{1F600}"; // 4 bytes of UTF-8, two UTF-16 code units
const user = (bytes: number) => `@${"a".repeat(bytes - 1 - SUFFIX.length)}${SUFFIX}`;

const cases: { name: string; problem: (text: string) => string | undefined; text: string; valid: boolean }[] = [
  { name: "a user ID of exactly 255 bytes", problem: describeUserProblem, text: user(255), valid: true },
  { name: "a user ID of 256 bytes", problem: describeUserProblem, text: user(256), valid: false },
  { name: "an alias of 255 bytes with 61 emoji", problem: describeRoomProblem, text: `#${emoji.repeat(61)}${SUFFIX}`, valid: true },
  { name: "an alias of 256 bytes with 61 emoji", problem: describeRoomProblem, text: `#a${emoji.repeat(61)}${SUFFIX}`, valid: false },
  { name: "an alias of 255 bytes with 2- and 3-byte characters", problem: describeRoomProblem, text: `#${"é".repeat(61)}${"€".repeat(40)}ab${SUFFIX}`, valid: true },
  { name: "an alias of 256 bytes with 2- and 3-byte characters", problem: describeRoomProblem, text: `#${"é".repeat(61)}${"€".repeat(40)}abc${SUFFIX}`, valid: false },
  { name: "a room ID of exactly 255 bytes", problem: describeRoomProblem, text: `!${"x".repeat(244)}${SUFFIX}`, valid: true },
  { name: "a room ID of 256 bytes", problem: describeRoomProblem, text: `!${"x".repeat(245)}${SUFFIX}`, valid: false },
];

for (const { name, problem, text, valid } of cases) {
  test(`${name} is ${valid ? "valid" : "refused as too long"}`, () => {
    const found = problem(text);
    if (valid) assert.equal(found, undefined);
    else assert.match(found ?? "", /longer than 255 bytes/);
  });
}

test("parseUserId keeps the same limit", () => {
  assert.deepEqual(parseUserId(user(255))?.server, "acme.test");
  assert.equal(parseUserId(user(256)), undefined);
});

test("an ID expanded with server_name is checked after expansion, at the same edge", () => {
  assert.equal(describeExpandedLengthProblem("room", `#${emoji.repeat(61)}${SUFFIX}`), undefined);
  assert.match(describeExpandedLengthProblem("room", `#é${emoji.repeat(61)}${SUFFIX}`) ?? "", /room ".*" is longer than 255 bytes once expanded/);
  assert.equal(describeExpandedLengthProblem("user", user(255)), undefined);
  assert.match(describeExpandedLengthProblem("user", user(256)) ?? "", /^user /);
});

test("a server name of 255 bytes is valid, one of 256 is not", () => {
  const label = "a".repeat(63);
  const name255 = [label, label, label, "a".repeat(63)].join("."); // 4 × 63 + 3 dots
  assert.equal(name255.length, 255);
  assert.equal(isServerName(name255), true);
  assert.equal(isServerName(`${name255}a`), false);
});
