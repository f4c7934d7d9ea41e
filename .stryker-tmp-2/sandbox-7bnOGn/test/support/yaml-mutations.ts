/**
 * Hostile-input generators for the declaration loader: mutations of real declaration files (bytes,
 * lines, indentation, anchors, aliases, tags, merge keys, control characters, line endings, BOM) and
 * a checker that a parse result is well-formed (every diagnostic positioned inside its file).
 */
// @ts-nocheck


import assert from "node:assert/strict";
import fc from "fast-check";
import type { Diagnostic } from "../../src/declarations/diagnostic.js";

const snippets = [
  "&a ",
  "*a",
  "&b [x, y]",
  "[*b, *b, *b, *b]",
  "<<: *a",
  "<<: {members: [alice]}",
  "!!js/function 'function () { return 1 }'",
  "!!js/regexp /x/",
  "!!js/undefined ''",
  "!!binary aGVsbG8=",
  "!!python/object:os.system",
  "!<tag:yaml.org,2002:str> x",
  "!!str",
  "!!map",
  "? ",
  ": ",
  "- ",
  "{",
  "}",
  "[",
  "]",
  "|",
  ">-",
  '"',
  "'",
  "#",
  "%YAML 1.1",
  "---",
  "...",
  "\t",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u2028",
  "\uFEFF",
  "\uD800",
  "\r",
  "\r\n",
  "é",
  "🦀",
  "__proto__",
  "constructor",
  "@",
  "@alice:acme.test",
  "#general",
  "!opaque:acme.test",
  "server_name: other.test",
  "prune: yes",
  "prune: true",
  "1e400",
  "0x1F",
  "~",
  "null",
];

type Mutation = (text: string) => string;

const at = (text: string, ratio: number) => Math.floor(ratio * (text.length + 1));
const ratioArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(ratioArb, fc.constantFrom(...snippets)).map(([r, s]): Mutation => (t) => t.slice(0, at(t, r)) + s + t.slice(at(t, r))),
  fc.tuple(ratioArb, fc.integer({ min: 1, max: 8 })).map(([r, n]): Mutation => (t) => t.slice(0, at(t, r)) + t.slice(at(t, r) + n)),
  fc.tuple(ratioArb, fc.string({ unit: "binary", maxLength: 4 })).map(([r, s]): Mutation => (t) => t.slice(0, at(t, r)) + s + t.slice(at(t, r) + s.length)),
  fc.tuple(ratioArb, fc.integer({ min: -4, max: 4 })).map(([r, d]): Mutation => (t) => mapLine(t, r, (line) => (d >= 0 ? " ".repeat(d) + line : line.slice(-d)))),
  fc.tuple(ratioArb, ratioArb).map(([a, b]): Mutation => (t) => swapLines(t, a, b)),
  ratioArb.map((r): Mutation => (t) => mapLine(t, r, (line) => `${line}\n${line}`)),
  ratioArb.map((r): Mutation => (t) => mapLine(t, r, () => "")),
  ratioArb.map((r): Mutation => (t) => mapLine(t, r, (line) => line.replace(/^( *)/, "$1\t"))),
  fc.constant<Mutation>((t) => t.replace(/\n/g, "\r\n")),
  fc.constant<Mutation>((t) => t.replace(/\n/g, "\r")),
  fc.constant<Mutation>((t) => `\uFEFF${t}`),
  fc.tuple(ratioArb, fc.integer({ min: 1000, max: 200_000 })).map(([r, n]): Mutation => (t) => t.slice(0, at(t, r)) + "x".repeat(n) + t.slice(at(t, r))),
  fc.tuple(ratioArb, fc.integer({ min: 10, max: 3000 })).map(([r, n]): Mutation => (t) => t.slice(0, at(t, r)) + "[".repeat(n) + t.slice(at(t, r))),
  fc.integer({ min: 2, max: 12 }).map((n): Mutation => (t) => `${aliasBomb(n)}${t}`),
);

function mapLine(text: string, ratio: number, f: (line: string) => string): string {
  const lines = text.split("\n");
  const i = Math.floor(ratio * lines.length);
  lines[i] = f(lines[i] ?? "");
  return lines.join("\n");
}

function swapLines(text: string, a: number, b: number): string {
  const lines = text.split("\n");
  const i = Math.floor(a * lines.length);
  const j = Math.floor(b * lines.length);
  [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
  return lines.join("\n");
}

/** `levels` levels of nine aliases each: 9^levels nodes once expanded. */
export function aliasBomb(levels: number): string {
  const lines = ["x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < levels; i += 1) lines.push(`x${i}: &x${i} [${Array.from({ length: 9 }, () => `*x${i - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

/** A file's text with 1–6 random mutations applied. */
export function mutatedArb(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([seed, mutations]) => mutations.reduce((text, m) => m(text), seed));
}

/** Lines as an editor counts them: split at CRLF, CR or LF, after a leading BOM. */
export function editorLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/** Every diagnostic names a known file and a line ≥ 1 and column ≥ 1 inside it, with a message and no stack trace. */
export function assertPositioned(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  for (const d of diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
    const text = texts.get(d.file);
    assert.ok(text !== undefined, `diagnostic in an unknown file: ${where}`);
    assert.ok(Number.isInteger(d.line) && d.line >= 1, `line < 1: ${where}`);
    assert.ok(Number.isInteger(d.column) && d.column >= 1, `column < 1: ${where}`);
    const lines = editorLines(text);
    assert.ok(d.line <= lines.length, `line past the end (${lines.length} lines): ${where}`);
    assert.ok(d.column <= (lines[d.line - 1]?.length ?? 0) + 1, `column past the end of the line: ${where}`);
    assert.ok(d.message.length > 0 && d.code.length > 0, `empty message or code: ${where}`);
    assert.ok(!/\n\s+at /.test(d.message), `stack trace in a message: ${where}`);
  }
}
