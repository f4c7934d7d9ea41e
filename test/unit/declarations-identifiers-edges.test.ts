/**
 * Identifier rules at their edges: UTF-8 byte counts at each encoding width's first and last code point,
 * which users are local to a server, and what parseUserId (used on the token's whoami answer) refuses.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  describeExpandedLengthProblem,
  isServerName,
  describeRoomProblem,
  describeUserProblem,
  expandRoom,
  expandUser,
  isLocalUser,
  isRoomId,
  parseUserId,
  serverOf,
} from "../../src/declarations/identifiers.js";

const SUFFIX = ":acme.test"; // 10 bytes
/** An alias of `#`, `count` copies of `char`, `pad` ASCII letters and SUFFIX. */
const alias = (char: string, count: number, pad: number) => `#${char.repeat(count)}${"a".repeat(pad)}${SUFFIX}`;

// Each character with its UTF-8 width, at the edges of each width (U+10000 and U+10FFFF are surrogate pairs).
const widths: [string, string, number][] = [
  ["U+007E", "~", 1],
  ["U+00A1 (the first two-byte character that is neither a control nor white space)", "\u00a1", 2],
  ["U+07FF", "\u07ff", 2],
  ["U+0800", "\u0800", 3],
  ["U+D7FF", "\ud7ff", 3],
  ["U+E000", "\ue000", 3],
  ["U+FFFD", "\ufffd", 3],
  ["U+10000", "\u{10000}", 4],
  ["U+10FFFF", "\u{10ffff}", 4],
];

for (const [name, char, bytes] of widths) {
  test(`an alias of ${name} characters (${bytes} bytes each) is valid at 255 bytes and too long at 256`, () => {
    const count = Math.floor(244 / bytes);
    const pad = 244 - count * bytes; // # + count*bytes + pad + 10 = 255
    const at255 = alias(char, count, pad);
    const at256 = alias(char, count, pad + 1);
    assert.equal(describeRoomProblem(at255), undefined);
    assert.match(describeRoomProblem(at256) ?? "", /longer than 255 bytes/);
    assert.equal(describeExpandedLengthProblem("room", at255), undefined);
    assert.match(describeExpandedLengthProblem("room", at256) ?? "", /longer than 255 bytes once expanded/);
  });
}

test("a user is local only when the part after the first colon is exactly the server name", () => {
  const cases: [string, string, boolean][] = [
    ["@alice:acme.test", "acme.test", true],
    ["@alice:localhost:8008", "localhost:8008", true],
    ["@alice:acme.tester", "acme.test", false],
    ["@alice:xacme.test", "acme.test", false],
    ["@alice:acme.test:8448", "acme.test", false],
    ["@alice:acme.tes", "acme.test", false],
    ["@alice:other.test", "acme.test", false],
    ["@acme.test", "acme.test", false],
    ["alice", "alice", false],
  ];
  for (const [user, server, local] of cases) assert.equal(isLocalUser(user, server), local, `${user} on ${server}`);
});

test("parseUserId refuses what is not a full, valid user ID", () => {
  const refused = ["#alice:acme.test", "!alice:acme.test", "@alice", "@:acme.test", "@al ice:acme.test", "@alice:bad_host", "@alice:", "alice:acme.test", ""];
  for (const text of refused) assert.equal(parseUserId(text), undefined, text);
  assert.deepEqual(parseUserId("@Old~Name:[::1]:8448"), { localpart: "Old~Name", server: "[::1]:8448" });
});

test("what each problem message says, for every kind of bad user", () => {
  const long = `@${"a".repeat(250)}:acme.test`;
  const messages: [string, string | undefined][] = [
    ["@alice", `user "@alice" has no server part: write "@alice:<server>", or the bare localpart "alice" to use server_name`],
    ["@:acme.test", `user "@:acme.test" has an empty localpart`],
    ["@a b:acme.test", `user "@a b:acme.test" has invalid characters in its localpart: use a-z 0-9 . _ = - / + (historical IDs: printable ASCII except ":")`],
    ["@alice:bad_host", `user "@alice:bad_host": "bad_host" is not a valid server name: expected host[:port], where host is a DNS name (letters, digits, "-" and "."), an IPv4 address or a bracketed IPv6 address, and port has 1–5 digits`],
    [long, `user "${long.slice(0, 40)}…" is longer than 255 bytes`],
    ["alice:acme.test", `user "alice:acme.test" is neither a full ID nor a bare localpart: did you mean "@alice:acme.test"?`],
    ["", `empty user name: write a localpart such as "alice" or a full ID such as "@alice:example.org"`],
    ["Alice", `user "Alice" is not a valid localpart: use only a-z 0-9 . _ = - / + (or write a full historical ID "@…:server") — did you mean "alice"?`],
    ["al ice", `user "al ice" is not a valid localpart: use only a-z 0-9 . _ = - / + (or write a full historical ID "@…:server")`],
    ["a.b_c=d-e/f+g", undefined],
  ];
  for (const [written, message] of messages) assert.equal(describeUserProblem(written), message, written);
});

test("what each problem message says, for every kind of bad room", () => {
  const long = `!${"x".repeat(250)}:acme.test`;
  const messages: [string, string | undefined][] = [
    ["general", `room "general" must start with "#" (alias) or "!" (room ID): did you mean "#general"?`],
    ["@alice:acme.test", `"@alice:acme.test" is a user ID, not a room: rooms are "#alias", "#alias:server" or "!roomid:server"`],
    ["#:acme.test", `room alias "#:acme.test" has an empty name`],
    ["#a\tb", `room alias "#a\tb" contains whitespace or control characters`],
    ["!abc", `room ID "!abc" has no server part, so it must be "!" followed by 43 characters of URL-safe base64 (room version 12); older room IDs are written "!opaque:server"`],
    ["!:acme.test", `room ID "!:acme.test" has an empty or invalid opaque part (printable ASCII except ":")`],
    ["!a b:acme.test", `room ID "!a b:acme.test" has an empty or invalid opaque part (printable ASCII except ":")`],
    ["#eng:bad_host", `room "#eng:bad_host": "bad_host" is not a valid server name: expected host[:port], where host is a DNS name (letters, digits, "-" and "."), an IPv4 address or a bracketed IPv6 address, and port has 1–5 digits`],
    [long, `room "${long.slice(0, 40)}…" is longer than 255 bytes`],
    ["#eng", undefined],
    ["!opaque:acme.test", undefined],
  ];
  for (const [written, message] of messages) assert.equal(describeRoomProblem(written), message, written);
});

test("expansion: only bare names take server_name; serverOf and isRoomId read the written form", () => {
  assert.equal(expandUser("@alice:other.test", "acme.test"), "@alice:other.test");
  assert.equal(expandUser("alice", "localhost:8008"), "@alice:localhost:8008");
  assert.equal(expandRoom("#eng", "localhost:8008"), "#eng:localhost:8008");
  assert.equal(expandRoom("!abc:other.test", "acme.test"), "!abc:other.test");
  assert.equal(expandRoom("!abc", "acme.test"), "!abc");
  assert.equal(serverOf("#eng:acme.test"), "acme.test");
  assert.equal(serverOf("!abc:localhost:8008"), "localhost:8008");
  assert.equal(serverOf("#eng"), undefined);
  assert.equal(serverOf("alice:acme.test"), undefined);
  assert.equal(isRoomId("!abc:acme.test"), true);
  assert.equal(isRoomId("#abc:acme.test"), false);
  assert.equal(isRoomId("abc!"), false);
});

test("bracketed IPv6 server names: '::' at most once, embedded IPv4 quads checked strictly, a port only after ':'", () => {
  assert.equal(isServerName("[1::2::3:4:5:6:7:8]"), false, "two '::'");
  assert.equal(isServerName("[::ffff:1.2.3.255]"), true);
  assert.equal(isServerName("[::ffff:1.2.3.256]"), false);
  assert.equal(isServerName("[::ffff:0x1.2.3.4]"), false, "not decimal");
  assert.equal(isServerName("[::1]:8448"), true);
  assert.equal(isServerName("[::1]x8448"), false);
});

test("an ID too long once expanded is named by its first 40 characters", () => {
  const long = `@${"a".repeat(300)}:acme.test`;
  assert.equal(describeExpandedLengthProblem("user", long), `user "${long.slice(0, 40)}…" is longer than 255 bytes once expanded with server_name`);
});
