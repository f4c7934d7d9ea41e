import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { load } from "js-yaml";
import { generateRoomsValidator, roomsSchemaUrl, roomsValidator, roomsValidatorFile } from "../../src/declarations/rooms-validator.js";
import { repoRoot } from "../support/run-cli.js";

// The build compiles the rooms schema ahead of time (scripts/build-validators.ts), so that no run loads
// ajv or compiles the schema. These tests hold the compiled file to the schema it came from.

test("the build wrote the precompiled rooms validator, and loading declarations uses it", () => {
  assert.equal(roomsValidator().precompiled, true);
});

test("the precompiled rooms validator is current: the schema compiles to the same code today", () => {
  assert.equal(readFileSync(fileURLToPath(roomsValidatorFile), "utf8"), generateRoomsValidator());
});

/** Every declaration file the tests know: the valid examples and each invalid fixture. */
function documents(): { name: string; data: unknown }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(repoRoot, "test", "fixtures", "invalid"));
  walk(join(repoRoot, "rooms"));
  const found: { name: string; data: unknown }[] = [];
  for (const file of files) {
    try {
      found.push({ name: file.slice(repoRoot.length), data: load(readFileSync(file, "utf8")) });
    } catch {
      // YAML errors (several documents, syntax, aliases) never reach the schema.
    }
  }
  return found;
}

test("the precompiled validator answers exactly as ajv compiling the schema at run time, errors included", () => {
  const runtime = new Ajv2020({ allErrors: true, strict: true, validateSchema: false }).compile(JSON.parse(readFileSync(roomsSchemaUrl, "utf8")) as object);
  const { validate } = roomsValidator();
  const extra = [
    { name: "not a mapping", data: ["x"] },
    { name: "wrong types everywhere", data: { server_name: 3, groups: { a: "b" }, rooms: { "#x": { members: "alice", prune: "yes", colour: 1 } }, extra: true } },
  ];
  const all = [...documents(), ...extra];
  assert.ok(all.length >= 10, `only ${all.length} documents`);
  let invalid = 0;
  for (const { name, data } of all) {
    const expected = runtime(data);
    assert.equal(validate(data), expected, name);
    assert.deepEqual(validate.errors ?? null, runtime.errors ?? null, name);
    if (!expected) invalid += 1;
  }
  assert.ok(invalid >= 3, `only ${invalid} invalid documents`);
});
