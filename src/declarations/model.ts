/**
 * The Desired model: what the files under rooms/ declare, after parsing, validation and expansion.
 * Plain data only (no classes, no functions) so the planner can be tested with object literals and
 * so it can be serialised. Every room and every member keeps the file:line:column it came from.
 */

/** A place in a declaration file. `file` is relative to the working directory; line and column start at 1. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** A full Matrix user ID, `@localpart:server`. */
export type UserId = string;

/**
 * A room as declared, expanded: `#alias:server`, `!opaque:server`, or `!opaque` (room versions whose
 * IDs have no server part). A bare `#alias` has been given the declared server_name; IDs are never expanded.
 */
export type RoomRef = string;

/** One reason a user is wanted in a room: listed directly, or through a group. */
export interface MemberSource {
  /**
   * Listed directly: the position of the user in the room's `members`. Through a group: the position of
   * the group's name in the room's `groups`.
   */
  pos: SourcePos;
  /** The group that brought the user in; absent when listed directly under `members`. */
  group?: string;
  /** The power level this listing declares (`{user: bob, power: moderator}`, `{group: leads, power: 50}`). */
  power?: number;
}

export interface DesiredMember {
  user: UserId;
  /**
   * Every place that puts this user in this room (at least one), in file order (file, line, column). A user listed twice keeps both places.
   * Shared and frozen: every member one group brings into a room (and nothing else) has the same one-element list, so a
   * million group memberships cost one small object each. Where the user is listed in the group: DesiredGroup.memberPos.
   */
  readonly sources: readonly MemberSource[];
  /** The highest power level any of `sources` declares; absent when none declares one. */
  power?: number;
}

export interface DesiredRoom {
  /** The expanded reference, e.g. `#engineering:acme.test`. Unique among Desired.rooms. */
  ref: RoomRef;
  /** The key exactly as written in the file, e.g. `#engineering`. */
  written: string;
  /** Position of the room's key. */
  pos: SourcePos;
  /** true: members that are not declared are removed (kicked). */
  prune: boolean;
  /** true: elevated power levels of users not declared with a power are reset (reference §14). */
  prunePower?: boolean;
  /** members ∪ expanded groups, unique, sorted by user ID. */
  members: DesiredMember[];
}

export interface DesiredGroup {
  name: string;
  pos: SourcePos;
  /** Unique, sorted by user ID. */
  members: UserId[];
  /** Where each of `members` (same index) is listed in the group's definition; its first listing when listed twice. */
  memberPos: SourcePos[];
}

/**
 * The result of parseDeclarations / loadDeclarationDir. Only act on it when the accompanying diagnostics
 * are empty: with errors it is best effort (invalid entries left out, first of duplicates kept).
 */
export interface Desired {
  /** The declared server_name, when any file declares one. */
  serverName?: string;
  serverNamePos?: SourcePos;
  groups: DesiredGroup[];
  /** Declaration order: files in sorted path order, rooms in file order. */
  rooms: DesiredRoom[];
  /** The declaration files read, relative to the working directory, sorted. */
  files: string[];
}
