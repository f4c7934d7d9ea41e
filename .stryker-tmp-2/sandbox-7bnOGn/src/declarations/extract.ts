/** Pulls the declarations out of one file's tree, keeping positions. Only well-typed pieces are taken: the schema check reports the rest. */
// @ts-nocheck


import type { SourcePos } from "./model.js";
import { entryOf } from "./yaml-lookup.js";
import type { YamlNode } from "./yaml-tree.js";

export interface Located<T> {
  value: T;
  pos: SourcePos;
}

export interface GroupDecl {
  name: string;
  pos: SourcePos;
  members: Located<string>[];
}

export interface RoomDecl {
  written: string;
  pos: SourcePos;
  members: Located<string>[];
  groups: Located<string>[];
  prune: boolean;
}

export interface FileDecl {
  file: string;
  serverName?: Located<string>;
  groups: GroupDecl[];
  rooms: RoomDecl[];
}

export function extractDeclarations(file: string, root: YamlNode | undefined): FileDecl {
  const decl: FileDecl = { file, groups: [], rooms: [] };
  if (root?.kind !== "map") return decl;
  const serverName = entryOf(root, "server_name")?.value;
  if (serverName?.kind === "scalar" && typeof serverName.value === "string") decl.serverName = { value: serverName.value, pos: serverName.pos };
  const groups = entryOf(root, "groups")?.value;
  if (groups?.kind === "map") {
    for (const entry of groups.entries) decl.groups.push({ name: entry.key, pos: entry.keyPos, members: strings(entry.value) });
  }
  const rooms = entryOf(root, "rooms")?.value;
  if (rooms?.kind === "map") {
    for (const entry of rooms.entries) decl.rooms.push(extractRoom(entry.key, entry.keyPos, entry.value));
  }
  return decl;
}

function extractRoom(written: string, pos: SourcePos, node: YamlNode): RoomDecl {
  const room: RoomDecl = { written, pos, members: [], groups: [], prune: false };
  if (node.kind !== "map") return room;
  const members = entryOf(node, "members")?.value;
  const groups = entryOf(node, "groups")?.value;
  const prune = entryOf(node, "prune")?.value;
  if (members) room.members = strings(members);
  if (groups) room.groups = strings(groups);
  room.prune = prune?.kind === "scalar" && prune.value === true;
  return room;
}

function strings(node: YamlNode): Located<string>[] {
  if (node.kind !== "seq") return [];
  const out: Located<string>[] = [];
  for (const item of node.items) {
    if (item.kind === "scalar" && typeof item.value === "string") out.push({ value: item.value, pos: item.pos });
  }
  return out;
}
