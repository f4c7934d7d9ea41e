/** Bugs the declaration fuzzer found, each pinned by the smallest input that showed it. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDeclarations } from "../../src/declarations/parse.js";

function positions(text: string): [number, number][] {
  return parseDeclarations([{ path: "rooms/x.yaml", text }]).diagnostics.map((d) => [d.line, d.column]);
}

test("an empty explicit key (`?` alone) is reported at a real column, not column 0", () => {
  for (const text of ["?", "rooms:\n  ? \n"]) {
    const found = positions(text);
    assert.ok(found.length > 0, `${JSON.stringify(text)} is reported`);
    for (const [line, column] of found) assert.ok(line >= 1 && column >= 1, `${line}:${column}`);
  }
});

test("lone CR line endings: positions count lines the way YAML and editors do", () => {
  const text = 'server_name: acme.test\rrooms:\r  "#a":\r    members: [alice, 5]\r';
  assert.deepEqual(positions(text), [[4, 22]]);
  assert.deepEqual(positions('server_name: acme.test\r\nrooms:\r  "#a":\r\n    members: [alice, 5]\n'), [[4, 22]]);
});
