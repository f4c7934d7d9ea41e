/** The flags plan and apply share: their ranges, their defaults, and what a wrong value says. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseChoice, parseConcurrency, parsePlanOptions } from "../../src/cli/options.js";
import { runCli } from "../support/run-cli.js";

test("--concurrency: a whole number from 1 to 256, default 8", () => {
  assert.equal(parseConcurrency({}), 8);
  for (const ok of ["1", "256", "16"]) assert.equal(parseConcurrency({ concurrency: ok }), Number(ok));
  for (const bad of ["0", "257", "2.5", "-1", "lots", ""]) {
    assert.throws(() => parseConcurrency({ concurrency: bad }), { message: `--concurrency must be a whole number from 1 to 256, not "${bad}"` }, bad);
  }
});

test("--max-removal-ratio: a share from 0 to 1, default 0.25; --allow-mass-removal and --ensure-admin are off unless given", () => {
  assert.deepEqual(parsePlanOptions({}), { maxRemovalRatio: 0.25, allowMassRemoval: false, ensureAdmin: false });
  assert.deepEqual(parsePlanOptions({ "max-removal-ratio": "0", "allow-mass-removal": true, "ensure-admin": true }), { maxRemovalRatio: 0, allowMassRemoval: true, ensureAdmin: true });
  assert.equal(parsePlanOptions({ "max-removal-ratio": "1" }).maxRemovalRatio, 1);
  for (const bad of ["1.01", "-0.1", "NaN", "Infinity", "half"]) {
    assert.throws(() => parsePlanOptions({ "max-removal-ratio": bad }), { message: `--max-removal-ratio must be a number from 0 to 1 (0.25 = 25%), not "${bad}"` }, bad);
  }
});

test("a choice flag names the allowed values", () => {
  assert.equal(parseChoice({}, "format", ["text", "json"], "text"), "text");
  assert.throws(() => parseChoice({ format: "yaml" }, "format", ["text", "json"], "text"), (error: Error & { hint?: string }) => error.message === 'unknown --format "yaml"' && error.hint === "Use one of: text, json.");
});

test("a wrong --concurrency stops plan before anything is read, with exit 1", async () => {
  const result = await runCli(["plan", "--concurrency", "0"]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--concurrency must be a whole number from 1 to 256, not "0"/);
});
