// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, spawnRoster } from "../support/run-cli.js";

test("roster --help lists every command", async () => {
  const result = await runCli(["--help"]);
  assert.equal(result.code, 0);
  for (const name of ["validate", "plan", "apply", "import", "doctor", "sandbox"]) {
    assert.match(result.stdout, new RegExp(`^  ${name} `, "m"));
  }
});

test("an unknown command is a clear error with exit 1", async () => {
  const result = await runCli(["frobnicate"]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /unknown command "frobnicate"/);
});

test("an unknown flag names the flag and points at --help, without a stack trace", async () => {
  const result = await runCli(["validate", "--bogus"]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--bogus/);
  assert.match(result.stderr, /roster validate --help/);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
});

test("the spawned roster executable prints its version", async () => {
  const result = await spawnRoster(["--version"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
});
