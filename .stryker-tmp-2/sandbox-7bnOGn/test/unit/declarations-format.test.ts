// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "../../src/declarations/diagnostic.js";
import { escapeData, escapeProperty, formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText } from "../../src/declarations/format.js";

const diagnostic: Diagnostic = { file: "rooms/a,b:c.yaml", line: 3, column: 7, code: "unknown-group", message: 'unknown group "x" — 100% sure\r\nsecond line' };

test("text is file:line:column: message, one line per problem even when the message quotes line breaks", () => {
  assert.equal(formatDiagnosticsText([diagnostic]), 'rooms/a,b:c.yaml:3:7: unknown group "x" — 100% sure\\r\\nsecond line\n');
});

test("github workflow commands escape %, CR and LF in messages, and also : and , in properties", () => {
  assert.equal(escapeData("50%\r\n"), "50%25%0D%0A");
  assert.equal(escapeProperty("a:b,c%"), "a%3Ab%2Cc%25");
  assert.equal(
    formatDiagnosticsGithub([diagnostic]),
    '::error file=rooms/a%2Cb%3Ac.yaml,line=3,col=7,title=roster validate::unknown group "x" — 100%25 sure%0D%0Asecond line\n',
  );
});

test("json is an array of {file, line, column, code, message, related?}", () => {
  const related = { ...diagnostic, related: [{ file: "rooms/b.yaml", line: 1, column: 2 }] };
  assert.deepEqual(JSON.parse(formatDiagnosticsJson([diagnostic, related])), [
    { file: diagnostic.file, line: 3, column: 7, code: "unknown-group", message: diagnostic.message },
    { file: diagnostic.file, line: 3, column: 7, code: "unknown-group", message: diagnostic.message, related: [{ file: "rooms/b.yaml", line: 1, column: 2 }] },
  ]);
  assert.equal(formatDiagnosticsJson([]), "[]\n");
});
