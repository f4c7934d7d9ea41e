import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadDeclarationDir } from "../../src/declarations/load.js";
import { formatPos } from "../../src/declarations/diagnostic.js";
import { repoRoot } from "../support/run-cli.js";

interface Expected {
  /** file:line:column, relative to the repository root. */
  at: string;
  code: string;
  message: RegExp;
  related?: string[];
}

const dir = "test/fixtures/invalid";

/** One fixture folder per error kind under test/fixtures/invalid/, with every diagnostic it must produce. */
const cases: Record<string, Expected[]> = {
  "yaml-syntax": [{ at: "rooms.yaml:5:5", code: "yaml-syntax", message: /^YAML syntax error: deficient indentation/ }],
  "schema-unknown-key": [
    { at: "rooms.yaml:4:5", code: "schema", message: /^unknown key "memebers" in room "#general" — did you mean "members"\?/ },
    { at: "rooms.yaml:5:12", code: "schema", message: /^"prune" of room "#general" must be true or false \(YAML 1\.2 reads yes as text\)$/ },
  ],
  "schema-type": [{ at: "rooms.yaml:4:22", code: "schema", message: /^member 2 of room "#general" must be a string: YAML read 42 as a number; quote it \("42"\)$/ }],
  "schema-root": [{ at: "rooms.yaml:1:1", code: "schema", message: /^the file must be a mapping/ }],
  "unknown-group": [{ at: "rooms.yaml:3:14", code: "unknown-group", message: /^unknown group "backnd" — did you mean "backend"\?$/ }],
  "duplicate-room": [
    {
      at: "b/b.yaml:2:3",
      code: "duplicate-room",
      message: /^room "#general:acme\.test" is declared more than once: here \(as "#general:acme\.test"\) and at test\/fixtures\/invalid\/duplicate-room\/a\.yaml:3:3 \(as "#general"\)/,
      related: ["a.yaml:3:3"],
    },
  ],
  "duplicate-group": [{ at: "b.yaml:2:3", code: "duplicate-group", message: /^group "backend" is defined twice: here and at test\/fixtures\/invalid\/duplicate-group\/a\.yaml:3:3/, related: ["a.yaml:3:3"] }],
  "duplicate-key": [{ at: "rooms.yaml:5:5", code: "duplicate-key", message: /^key "members" appears twice .*rooms\.yaml:4:5/, related: ["rooms.yaml:4:5"] }],
  "conflicting-server-name": [
    { at: "b.yaml:1:14", code: "conflicting-server-name", message: /^server_name "other\.test" conflicts with server_name "acme\.test" at test\/fixtures\/invalid\/conflicting-server-name\/a\.yaml:1:14/, related: ["a.yaml:1:14"] },
  ],
  "bare-name-without-server-name": [
    { at: "rooms.yaml:2:3", code: "bare-name-without-server-name", message: /^bare alias "#general" needs a server_name: add "server_name: <your server>".*"#general:<server>"/ },
    { at: "rooms.yaml:3:35", code: "bare-name-without-server-name", message: /^bare user "bob" needs a server_name.*"@bob:<server>"/ },
  ],
  "multiple-documents": [{ at: "rooms.yaml:2:1", code: "multiple-documents", message: /^a second YAML document starts here/ }],
  "invalid-user": [
    { at: "rooms.yaml:4:15", code: "invalid-user", message: /^user "Alice" is not a valid localpart.*did you mean "alice"\?$/ },
    { at: "rooms.yaml:4:22", code: "invalid-user", message: /did you mean "@alice:acme\.test"\?$/ },
    { at: "rooms.yaml:4:41", code: "invalid-user", message: /^user "@bob:bad_host": "bad_host" is not a valid server name/ },
    { at: "rooms.yaml:4:58", code: "invalid-user", message: /^user "@carol" has no server part/ },
  ],
  "invalid-room": [
    { at: "rooms.yaml:3:3", code: "invalid-room", message: /did you mean "#general"\?$/ },
    { at: "rooms.yaml:5:3", code: "invalid-room", message: /^room ID "!abc" has no server part, so it must be "!" followed by 43 characters/ },
  ],
  "invalid-server-name": [{ at: "rooms.yaml:1:14", code: "invalid-server-name", message: /^"acme_test" is not a valid server name/ }],
  "invalid-group-name": [{ at: "rooms.yaml:3:3", code: "invalid-group-name", message: /^group name "-backend" is not valid/ }],
  "yaml-alias": [{ at: "rooms.yaml:3:26", code: "yaml-alias", message: /^alias "\*team" refers to a node that contains it/ }],
  encoding: [{ at: "rooms.yaml:3:8", code: "encoding", message: /^file is not valid UTF-8/ }],
  power: [
    { at: "rooms.yaml:8:29", code: "schema", message: /^"power" of member 2 of room "#eng" is "mod": use moderator \(50\), admin \(100\) or a whole number such as 25$/ },
    { at: "rooms.yaml:9:29", code: "schema", message: /^"power" of member 3 of room "#eng" is 1\.5: use moderator/ },
    { at: "rooms.yaml:10:29", code: "schema", message: /^"power" of member 4 of room "#eng" is "50": write the number without quotes \(power: 50\)$/ },
    { at: "rooms.yaml:11:29", code: "schema", message: /^"power" of member 5 of room "#eng" is 100000000000000000000, outside Matrix's range of power levels/ },
    { at: "rooms.yaml:12:9", code: "schema", message: /^member 6 of room "#eng" needs "user:" \(the user it gives a power level to\), e\.g\. \{user: bob, power: moderator\}$/ },
    { at: "rooms.yaml:12:10", code: "schema", message: /^unknown key "usr" in member 6 of room "#eng" — did you mean "user"\? \(allowed: user, power\)$/ },
    { at: "rooms.yaml:14:31", code: "schema", message: /^"power" of group 1 of room "#eng" is "admn": .* did you mean "admin"\?$/ },
    { at: "rooms.yaml:15:18", code: "schema", message: /^"prune_power" of room "#eng" must be true or false \(YAML 1\.2 reads yes as text\)$/ },
  ],
};

test("every fixture folder has its expectations, and every expectation its folder", () => {
  assert.deepEqual(readdirSync(join(repoRoot, dir)).sort(), Object.keys(cases).sort());
});

for (const [name, expected] of Object.entries(cases)) {
  test(`fixture ${name}: reports exactly the expected diagnostics at their positions`, async () => {
    const { diagnostics } = await loadDeclarationDir(join(dir, name), repoRoot);
    const prefix = `${dir}/${name}/`;
    assert.deepEqual(
      diagnostics.map((d) => `${formatPos(d)} ${d.code}`),
      expected.map((e) => `${prefix}${e.at} ${e.code}`),
    );
    for (const [index, e] of expected.entries()) {
      const actual = diagnostics[index];
      assert.match(actual?.message ?? "", e.message);
      if (e.related) assert.deepEqual(actual?.related?.map(formatPos), e.related.map((r) => prefix + r));
    }
  });
}
