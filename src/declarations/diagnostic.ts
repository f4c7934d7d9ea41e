import type { SourcePos } from "./model.js";

/**
 * One problem found in the declarations. `message` says what is wrong and what to do, e.g.
 * `unknown group "backnd" — did you mean "backend"?`. Rendered as `file:line:column: message`.
 */
export interface Diagnostic extends SourcePos {
  /** Stable machine-readable kind, e.g. "yaml-syntax", "schema", "unknown-group", "duplicate-room". */
  code: string;
  message: string;
  /** Other places involved (e.g. the first declaration of a room declared twice). */
  related?: SourcePos[];
}

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.column}`;
}
