// @ts-nocheck
import type { SourcePos } from "./model.js";

/**
 * One problem found in the declarations. `message` says what is wrong and what to do, e.g.
 * `unknown group "backnd" — did you mean "backend"?`. Rendered as `file:line:column: message`.
 */
export interface Diagnostic extends SourcePos {
  /**
   * Stable machine-readable kind: "yaml-syntax", "yaml-alias", "yaml-tag", "yaml-key", "multiple-documents",
   * "encoding", "file-too-large", "too-many-nodes", "too-many-memberships", "symlink", "not-a-file",
   * "unreadable", "schema", "duplicate-key", "invalid-server-name", "conflicting-server-name",
   * "invalid-user", "invalid-room", "invalid-group-name", "bare-name-without-server-name",
   * "duplicate-group", "duplicate-room", "unknown-group".
   */
  code: string;
  message: string;
  /** Other places involved (e.g. the first declaration of a room declared twice); the message names them too. */
  related?: SourcePos[];
}

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.column}`;
}
