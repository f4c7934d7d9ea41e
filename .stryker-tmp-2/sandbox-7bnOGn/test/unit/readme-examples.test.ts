// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { parseDeclarations } from "../../src/declarations/parse.js";
import { startSandbox, validateSeed } from "../../src/sandbox/index.js";
import { repoRoot } from "../support/run-cli.js";

/** The first ```yaml block after a heading of the README: the examples people copy must keep working. */
function yamlBlockAfter(heading: string): string {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const from = readme.indexOf(heading);
  assert.ok(from >= 0, `README has no heading ${heading}`);
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(from));
  assert.ok(block?.[1], `no yaml block after ${heading}`);
  return block[1];
}

test("the README's seed example is a valid seed and starts a sandbox", async () => {
  const seed = validateSeed(load(yamlBlockAfter("### Seed format")), "README seed");
  const hs = await startSandbox(seed);
  try {
    assert.equal(hs.membership("#eng:acme.test", "@bob:acme.test"), "invite");
  } finally {
    await hs.close();
  }
});

test("the README's declaration example is valid", () => {
  const { diagnostics } = parseDeclarations([{ path: "rooms/example.yaml", text: yamlBlockAfter("## Declarations") }]);
  assert.deepEqual(diagnostics, []);
});
