// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { repoRoot } from "../support/run-cli.js";

// roster compiles its schemas without checking them against the JSON Schema 2020-12 meta-schema (that
// check cost every run ~70 ms of start-up); this test does it instead, so a broken schema still fails.
for (const name of ["rooms.schema.json", "plan.schema.json"]) {
  test(`schemas/${name} is a valid JSON Schema 2020-12 document, strict mode included`, () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "schemas", name), "utf8")) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
    assert.doesNotThrow(() => ajv.compile(schema));
  });
}

test("the meta-schema check is a real one: a schema with a wrong keyword type fails it", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  assert.equal(ajv.validateSchema({ type: "object", properties: { a: { minLength: "three" } } }), false);
});
