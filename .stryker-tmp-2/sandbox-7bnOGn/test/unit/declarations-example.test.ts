// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { repoRoot } from "../support/run-cli.js";

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

test("every file in rooms/ starts with a yaml-language-server modeline that reaches the schema", () => {
  const files = yamlFiles(join(repoRoot, "rooms"));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const first = readFileSync(file, "utf8").split("\n")[0] ?? "";
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    assert.ok(match, `${relative(repoRoot, file)} lacks the modeline`);
    const target = resolve(dirname(file), match[1] ?? "");
    assert.equal(relative(repoRoot, target), join("schemas", "rooms.schema.json"), relative(repoRoot, file));
    assert.ok(existsSync(target));
  }
});
