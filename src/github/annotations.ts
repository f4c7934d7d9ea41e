import type { Diagnostic } from "../declarations/diagnostic.js";

export type AnnotationLevel = "error" | "warning" | "notice";

/**
 * `validate --format github`: one workflow command per diagnostic, so GitHub shows each problem on
 * the exact line of the pull request's diff (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
 */
export function formatAnnotations(diagnostics: readonly Diagnostic[], level: AnnotationLevel = "error"): string {
  return diagnostics.map((diagnostic) => formatAnnotation(diagnostic, level)).join("");
}

export function formatAnnotation(diagnostic: Diagnostic, level: AnnotationLevel = "error"): string {
  const properties = [`file=${escapeProperty(diagnostic.file)}`, `line=${diagnostic.line}`, `col=${diagnostic.column}`, `title=${escapeProperty(`roster: ${diagnostic.code}`)}`];
  const related = (diagnostic.related ?? []).map((pos) => `\n  also at ${pos.file}:${pos.line}:${pos.column}`).join("");
  return `::${level} ${properties.join(",")}::${escapeData(diagnostic.message + related)}\n`;
}

/** The escaping @actions/core applies to a command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape the separators `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
