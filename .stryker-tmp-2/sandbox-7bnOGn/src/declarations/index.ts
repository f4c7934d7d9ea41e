/** The declarations API used by plan, apply, import and PR attribution. */
// @ts-nocheck

export type { Desired, DesiredGroup, DesiredMember, DesiredRoom, MemberSource, RoomRef, SourcePos, UserId } from "./model.js";
export type { Diagnostic } from "./diagnostic.js";
export { formatPos } from "./diagnostic.js";
export { parseDeclarations, type DeclarationFile, type ParseResult } from "./parse.js";
export { loadDeclarationDir, decodeDeclarationBytes } from "./load.js";
export { formatDiagnostics, formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText, escapeData, escapeProperty, type DiagnosticFormat } from "./format.js";
export {
  describeRoomProblem,
  describeServerNameProblem,
  describeUserProblem,
  expandRoom,
  expandUser,
  isBareRoom,
  isBareUser,
  isLocalUser,
  isRoomId,
  isServerName,
  parseUserId,
  serverOf,
} from "./identifiers.js";
export { MAX_FILE_BYTES, MAX_NODES, MAX_TOTAL_NODES } from "./yaml-tree.js";
export { MAX_MEMBERSHIPS } from "./combine.js";
