// @ts-nocheck
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "./run-cli.js";

/** Compares `actual` with test/fixtures/golden/NAME; `UPDATE_GOLDEN=1 npm test` rewrites the file. */
export function assertGolden(name: string, actual: string): void {
  const path = join(repoRoot, "test", "fixtures", "golden", name);
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(path)) {
    if (process.env["CI"] === "true" && !existsSync(path)) assert.fail(`golden file ${name} is missing; run UPDATE_GOLDEN=1 npm test and commit it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, "utf8"), `output differs from ${path}; if the change is intended, run UPDATE_GOLDEN=1 npm test`);
}
