/**
 * Renders diagnostics for people, machines and GitHub. Pure.
 *
 * `json` prints an array (stable, documented in the README), one object per problem:
 *   { "file": "rooms/company.yaml", "line": 4, "column": 7, "code": "unknown-group",
 *     "message": "unknown group \"backnd\" — did you mean \"backend\"?",
 *     "related": [{ "file": "...", "line": 1, "column": 1 }] }      // related: only when other places are involved
 * An empty array means the declarations are valid.
 */
// @ts-nocheck


import type { Diagnostic } from "./diagnostic.js";
import { formatPos } from "./diagnostic.js";

export type DiagnosticFormat = "text" | "json" | "github";
export const diagnosticFormats: readonly DiagnosticFormat[] = ["text", "json", "github"];

/** `rooms/company.yaml:4:7: unknown group "backnd" — did you mean "backend"?`, one line per problem. */
export function formatDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  // A message quotes what the file says, which may hold line breaks; one problem stays one line.
  return diagnostics.map((d) => `${formatPos(d)}: ${d.message.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}\n`).join("");
}

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const plain = diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    code: d.code,
    message: d.message,
    ...(d.related ? { related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column })) } : {}),
  }));
  return JSON.stringify(plain, null, 2) + "\n";
}

/** GitHub workflow commands: each problem becomes an annotation on its line in the pull request. */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[], title = "roster validate"): string {
  return diagnostics
    .map((d) => {
      const properties = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `title=${escapeProperty(title)}`].join(",");
      return `::error ${properties}::${escapeData(d.message)}\n`;
    })
    .join("");
}

/** Workflow-command message escaping, as in @actions/core (toolkit/packages/core/src/command.ts). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape ":" and ",", which delimit the properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat): string {
  if (format === "json") return formatDiagnosticsJson(diagnostics);
  if (format === "github") return formatDiagnosticsGithub(diagnostics);
  return formatDiagnosticsText(diagnostics);
}
