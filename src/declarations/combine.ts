/**
 * The cross-file rules and the expansion into Desired: one server_name, groups defined once, rooms
 * declared once (after expansion, so `#a` and `#a:acme.test` are the same room), known groups, valid
 * identifiers, bare names only with a server_name. Every problem is collected; nothing stops early.
 */

import type { Diagnostic } from "./diagnostic.js";
import { formatPos } from "./diagnostic.js";
import type { EntryDecl, FileDecl, GroupDecl, Located, RoomDecl } from "./extract.js";
import {
  describeExpandedLengthProblem,
  describeGroupNameProblem,
  describeRoomProblem,
  describeServerNameProblem,
  describeUserProblem,
  expandRoom,
  expandUser,
  isBareRoom,
  isBareUser,
} from "./identifiers.js";
import type { Desired, DesiredGroup, DesiredMember, DesiredRoom, MemberSource, SourcePos, UserId } from "./model.js";
import { didYouMean } from "./suggest.js";

function at(pos: SourcePos, code: string, message: string, related?: SourcePos[]): Diagnostic {
  return { file: pos.file, line: pos.line, column: pos.column, code, message, ...(related ? { related } : {}) };
}

export function combineDeclarations(files: FileDecl[]): { desired: Desired; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const server = chooseServerName(files, diagnostics);
  const desired: Desired = { groups: [], rooms: [], files: files.map((f) => f.file) };
  if (server) {
    desired.serverName = server.value;
    desired.serverNamePos = server.pos;
  }
  // A server_name that is declared but invalid is already reported; bare names are not reported again then.
  const serverNameDeclared = files.some((f) => f.serverName !== undefined);
  const expandUsers = <T extends Located<string>>(users: T[]) => users.flatMap((u) => checkUser(u, server?.value, serverNameDeclared, diagnostics));
  const groups = new Map<string, { decl: GroupDecl; members: Located<UserId>[] }>();
  for (const decl of files.flatMap((f) => f.groups)) {
    const problem = describeGroupNameProblem(decl.name);
    if (problem) diagnostics.push(at(decl.pos, "invalid-group-name", problem));
    const members = expandUsers(decl.members);
    const first = groups.get(decl.name);
    if (first) {
      diagnostics.push(at(decl.pos, "duplicate-group", `group "${decl.name}" is defined twice: here and at ${formatPos(first.decl.pos)}; keep one definition (merge the member lists)`, [first.decl.pos]));
      continue;
    }
    groups.set(decl.name, { decl, members });
    desired.groups.push(toDesiredGroup(decl, members));
  }
  const rooms = new Map<string, RoomDecl[]>();
  const budget = { left: MAX_MEMBERSHIPS };
  for (const decl of files.flatMap((f) => f.rooms)) {
    const ref = checkRoom(decl, server?.value, serverNameDeclared, diagnostics);
    // Members and groups are checked even when the room's name is wrong: every problem is reported.
    const sources = collectMembers(decl, expandUsers(decl.members), groups, budget, diagnostics);
    if (ref === undefined) continue;
    const earlier = rooms.get(ref);
    if (earlier) {
      earlier.push(decl);
      continue;
    }
    rooms.set(ref, [decl]);
    desired.rooms.push(toDesiredRoom(ref, decl, sources));
  }
  reportDuplicateRooms(rooms, diagnostics);
  return { desired, diagnostics };
}

/**
 * Groups multiply: a few lines can ask for rooms × group members memberships. The budget keeps a hostile or
 * mistaken tree from taking minutes; it is far above any real organisation's declarations.
 */
export const MAX_MEMBERSHIPS = 500_000;

function collectMembers(
  decl: RoomDecl,
  direct: EntryDecl[],
  groups: Map<string, { members: Located<UserId>[] }>,
  budget: { left: number },
  diagnostics: Diagnostic[],
): Map<UserId, readonly MemberSource[]> {
  const sources = new Map<UserId, readonly MemberSource[]>();
  const add = (user: UserId, single: readonly MemberSource[]) => {
    const list = sources.get(user);
    // Lists are never changed in place: a group's list is shared by every member it brings in.
    sources.set(user, list ? [...list, ...single] : single);
  };
  for (const member of direct) add(member.value, [member.power === undefined ? { pos: member.pos } : { pos: member.pos, power: member.power }]);
  budget.left -= direct.length;
  const used = new Set<string>();
  for (const ref of decl.groups) {
    const group = groups.get(ref.value);
    if (!group) {
      diagnostics.push(at(ref.pos, "unknown-group", unknownGroupMessage(ref.value, [...groups.keys()])));
      continue;
    }
    // A group listed twice in one room counts once, with the higher power its listings declare.
    const key = `${ref.value}\u0000${ref.power ?? ""}`;
    if (used.has(key) || budget.left < 0) continue;
    used.add(key);
    budget.left -= group.members.length;
    if (budget.left < 0) {
      const message = `the declarations expand to more than ${MAX_MEMBERSHIPS} room memberships (rooms × group members); this looks like a mistake: use fewer or smaller groups`;
      diagnostics.push(at(ref.pos, "too-many-memberships", message));
      continue;
    }
    // One frozen source list for all the members this group brings into this room: group memberships are
    // the bulk of a large declaration (rooms × group members), and each then costs only its DesiredMember.
    const single = Object.freeze([Object.freeze(ref.power === undefined ? { pos: ref.pos, group: ref.value } : { pos: ref.pos, group: ref.value, power: ref.power })]);
    for (const member of group.members) add(member.value, single);
  }
  return sources;
}

function chooseServerName(files: FileDecl[], diagnostics: Diagnostic[]): Located<string> | undefined {
  let chosen: Located<string> | undefined;
  for (const file of files) {
    const declared = file.serverName;
    if (!declared) continue;
    const problem = describeServerNameProblem(declared.value);
    if (problem) {
      diagnostics.push(at(declared.pos, "invalid-server-name", problem));
      continue;
    }
    if (!chosen) chosen = declared;
    else if (chosen.value !== declared.value) {
      diagnostics.push(
        at(declared.pos, "conflicting-server-name", `server_name "${declared.value}" conflicts with server_name "${chosen.value}" at ${formatPos(chosen.pos)}; declare server_name once for the whole tree`, [chosen.pos]),
      );
    }
  }
  return chosen;
}

function checkUser<T extends Located<string>>(user: T, serverName: string | undefined, declared: boolean, diagnostics: Diagnostic[]): T[] {
  const problem = describeUserProblem(user.value);
  if (problem) {
    diagnostics.push(at(user.pos, "invalid-user", problem));
    return [];
  }
  if (isBareUser(user.value) && serverName === undefined) {
    if (declared) return [];
    diagnostics.push(at(user.pos, "bare-name-without-server-name", `bare user "${user.value}" needs a server_name: add "server_name: <your server>" to one file under the declarations folder, or write the full ID "@${user.value}:<server>"`));
    return [];
  }
  const expanded = expandUser(user.value, serverName ?? "");
  const tooLong = describeExpandedLengthProblem("user", expanded);
  if (tooLong) {
    diagnostics.push(at(user.pos, "invalid-user", tooLong));
    return [];
  }
  return [{ ...user, value: expanded }];
}

function checkRoom(decl: RoomDecl, serverName: string | undefined, declared: boolean, diagnostics: Diagnostic[]): string | undefined {
  const problem = describeRoomProblem(decl.written);
  if (problem) {
    diagnostics.push(at(decl.pos, "invalid-room", problem));
    return undefined;
  }
  if (isBareRoom(decl.written) && serverName === undefined) {
    if (declared) return undefined;
    diagnostics.push(at(decl.pos, "bare-name-without-server-name", `bare alias "${decl.written}" needs a server_name: add "server_name: <your server>" to one file under the declarations folder, or write the full alias "${decl.written}:<server>"`));
    return undefined;
  }
  const ref = expandRoom(decl.written, serverName ?? "");
  const tooLong = describeExpandedLengthProblem("room", ref);
  if (tooLong) {
    diagnostics.push(at(decl.pos, "invalid-room", tooLong));
    return undefined;
  }
  return ref;
}

function unknownGroupMessage(name: string, known: string[]): string {
  const suggestion = didYouMean(name, known);
  if (suggestion) return `unknown group "${name}"${suggestion}`;
  const list = known.length > 0 ? `known groups: ${known.join(", ")}` : "no group is defined";
  return `unknown group "${name}": define it under "groups:" or fix the name (${list})`;
}

function toDesiredRoom(ref: string, decl: RoomDecl, sources: Map<UserId, readonly MemberSource[]>): DesiredRoom {
  const members: DesiredMember[] = [...sources.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([user, list]) => toDesiredMember(user, list));
  return { ref, written: decl.written, pos: decl.pos, prune: decl.prune, prunePower: decl.prunePower, members };
}

function toDesiredMember(user: UserId, list: readonly MemberSource[]): DesiredMember {
  const sources = list.length > 1 ? [...list].sort((a, b) => comparePos(a.pos, b.pos)) : list;
  let power: number | undefined;
  for (const source of sources) if (source.power !== undefined && (power === undefined || source.power > power)) power = source.power;
  return power === undefined ? { user, sources } : { user, sources, power };
}

/** Members unique and sorted, each with the position of its first listing in the group. */
function toDesiredGroup(decl: GroupDecl, members: Located<UserId>[]): DesiredGroup {
  const first = new Map<UserId, SourcePos>();
  for (const member of members) if (!first.has(member.value)) first.set(member.value, member.pos);
  const users = [...first.keys()].sort(compare);
  return { name: decl.name, pos: decl.pos, members: users, memberPos: users.map((user) => first.get(user) as SourcePos) };
}

function reportDuplicateRooms(rooms: Map<string, RoomDecl[]>, diagnostics: Diagnostic[]): void {
  for (const [ref, decls] of rooms) {
    if (decls.length < 2) continue;
    for (const [index, decl] of decls.entries()) {
      if (index === 0) continue;
      const others = decls.filter((d) => d !== decl);
      const places = others.map((d) => `${formatPos(d.pos)} (as "${d.written}")`).join(", ");
      diagnostics.push(at(decl.pos, "duplicate-room", `room "${ref}" is declared more than once: here (as "${decl.written}") and at ${places}; keep one declaration`, others.map((d) => d.pos)));
    }
  }
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePos(a: SourcePos, b: SourcePos): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column;
}
