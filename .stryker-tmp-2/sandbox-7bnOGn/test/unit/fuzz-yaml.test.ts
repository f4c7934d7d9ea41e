// @ts-nocheck
import "../support/fast-check-seed.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { decodeDeclarationBytes } from "../../src/declarations/load.js";
import { parseDeclarations, type DeclarationFile } from "../../src/declarations/parse.js";
import { MAX_NODES } from "../../src/declarations/yaml-tree.js";
import { repoRoot } from "../support/run-cli.js";
import { assertPositioned, mutatedArb } from "../support/yaml-mutations.js";

function exampleFiles(dir = join(repoRoot, "rooms")): DeclarationFile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return exampleFiles(path);
      return [{ path: relative(repoRoot, path), text: readFileSync(path, "utf8") }];
    });
}

const examples = exampleFiles();

/** Parses and checks the result; returns how long the call took (reported, never asserted). */
function parseChecked(files: DeclarationFile[]): number {
  const started = performance.now();
  const { desired, diagnostics } = parseDeclarations(files);
  const elapsed = performance.now() - started;
  assertPositioned(diagnostics, new Map(files.map((f) => [f.path, f.text])));
  const members = desired.rooms.reduce((n, r) => n + r.members.length, 0) + desired.groups.reduce((n, g) => n + g.members.length, 0);
  assert.ok(members <= MAX_NODES, `${members} members out of a bounded file`);
  return elapsed;
}

test("the example declarations parse cleanly (the seeds of the fuzzer are valid)", () => {
  assert.ok(examples.length >= 5);
  assert.deepEqual(parseDeclarations(examples).diagnostics, []);
});

test("fuzz: mutated example files never throw and every diagnostic is positioned inside its file", (t) => {
  let slowest = 0;
  fc.assert(
    fc.property(mutatedArb(examples.map((f) => f.text)), fc.integer({ min: 0, max: examples.length - 1 }), (text, index) => {
      const files = examples.map((f, i) => (i === index ? { ...f, text } : f));
      slowest = Math.max(slowest, parseChecked(files));
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
  t.diagnostic(`slowest parse of a mutated tree: ${slowest.toFixed(1)} ms`);
});

test("fuzz: arbitrary strings never throw and every diagnostic is positioned", (t) => {
  let slowest = 0;
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: fc.constantFrom("[", "]", "{", "}", ":", "-", " ", "\n", "\r", "\t", "&a", "*a", "!!", "'", '"', "#", "?", "a", "|", ","), maxLength: 200 }));
  fc.assert(
    fc.property(text, (t) => {
      slowest = Math.max(slowest, parseChecked([{ path: "rooms/fuzz.yaml", text: t }]));
    }),
    { numRuns: 1000, includeErrorInReport: true },
  );
  t.diagnostic(`slowest parse of an arbitrary string: ${slowest.toFixed(1)} ms`);
});

test("fuzz: mutated bytes (invalid UTF-8) give a positioned encoding error or parse", () => {
  const seeds = examples.map((f) => new TextEncoder().encode(f.text));
  const bytes = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 4 }));
  fc.assert(
    fc.property(bytes, ([seed, edits]) => {
      const mutated = Uint8Array.from(seed);
      for (const [ratio, byte] of edits) mutated[Math.floor(ratio * mutated.length)] = byte;
      const decoded = decodeDeclarationBytes("rooms/bytes.yaml", mutated);
      if ("text" in decoded) return void parseChecked([{ path: "rooms/bytes.yaml", text: decoded.text }]);
      assert.equal(decoded.code, "encoding");
      // Positions count what decodes before the bad byte; the replacement-decoded text has the same lines.
      assertPositioned([decoded], new Map([["rooms/bytes.yaml", new TextDecoder().decode(mutated)]]));
    }),
    { numRuns: 300, includeErrorInReport: true },
  );
});
