import { test } from "node:test";
import assert from "node:assert/strict";
import { formatAnnotations } from "../../src/github/annotations.js";

test("each diagnostic becomes one workflow command on its exact line", () => {
  const text = formatAnnotations([
    { file: "rooms/engineering.yaml", line: 4, column: 14, code: "unknown-group", message: 'unknown group "backnd" — did you mean "backend"?' },
    { file: "rooms/ops/ops.yaml", line: 2, column: 3, code: "duplicate-room", message: "room #ops:acme.test is declared twice", related: [{ file: "rooms/company.yaml", line: 9, column: 3 }] },
  ]);
  assert.equal(
    text,
    '::error file=rooms/engineering.yaml,line=4,col=14,title=roster%3A unknown-group::unknown group "backnd" — did you mean "backend"?\n' +
      "::error file=rooms/ops/ops.yaml,line=2,col=3,title=roster%3A duplicate-room::room #ops:acme.test is declared twice%0A  also at rooms/company.yaml:9:3\n",
  );
});

test("percent signs, newlines and property separators are escaped", () => {
  const text = formatAnnotations([{ file: "rooms/a,b:c.yaml", line: 1, column: 1, code: "schema", message: "100% wrong\r\nreally" }], "warning");
  assert.equal(text, "::warning file=rooms/a%2Cb%3Ac.yaml,line=1,col=1,title=roster%3A schema::100%25 wrong%0D%0Areally\n");
});
