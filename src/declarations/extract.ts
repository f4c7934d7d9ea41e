/** Pulls the declarations out of one file's tree, keeping positions. Only well-typed pieces are taken: the schema check reports the rest. */

import type { SourcePos } from "./model.js";
import { parsePowerLevel } from "./power.js";
import { entryOf } from "./yaml-lookup.js";
import type { YamlNode } from "./yaml-tree.js";

export interface Located<T> {
  value: T;
  pos: SourcePos;
}

/** A room's member or group entry: the name, and the power level declared with it (`{user: bob, power: 50}`). */
export interface EntryDecl extends Located<string> {
  power?: number;
}

export interface GroupDecl {
  name: string;
  pos: SourcePos;
  members: Located<string>[];
}

export interface RoomDecl {
  written: string;
  pos: SourcePos;
  members: EntryDecl[];
  groups: EntryDecl[];
  prune: boolean;
  prunePower: boolean;
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
    for (const entry of groups.entries) decl.groups.push({ name: entry.key, pos: entry.keyPos, members: entries(entry.value) });
  }
  const rooms = entryOf(root, "rooms")?.value;
  if (rooms?.kind === "map") {
    for (const entry of rooms.entries) decl.rooms.push(extractRoom(entry.key, entry.keyPos, entry.value));
  }
  return decl;
}

function extractRoom(written: string, pos: SourcePos, node: YamlNode): RoomDecl {
  const room: RoomDecl = { written, pos, members: [], groups: [], prune: false, prunePower: false };
  if (node.kind !== "map") return room;
  const members = entryOf(node, "members")?.value;
  const groups = entryOf(node, "groups")?.value;
  if (members) room.members = entries(members, "user");
  if (groups) room.groups = entries(groups, "group");
  room.prune = isTrue(entryOf(node, "prune")?.value);
  room.prunePower = isTrue(entryOf(node, "prune_power")?.value);
  return room;
}

function isTrue(node: YamlNode | undefined): boolean {
  return node?.kind === "scalar" && node.value === true;
}

/**
 * The strings of a list, and with a `nameKey` also its `{<nameKey>: name, power: level}` mappings; an invalid
 * power leaves the entry out (the schema check reports it).
 */
function entries(node: YamlNode, nameKey?: "user" | "group"): EntryDecl[] {
  if (node.kind !== "seq") return [];
  const out: EntryDecl[] = [];
  for (const item of node.items) {
    if (item.kind === "scalar" && typeof item.value === "string") out.push({ value: item.value, pos: item.pos });
    if (item.kind !== "map" || nameKey === undefined) continue;
    const name = entryOf(item, nameKey)?.value;
    if (name?.kind !== "scalar" || typeof name.value !== "string") continue;
    const powerNode = entryOf(item, "power")?.value;
    if (powerNode === undefined) {
      out.push({ value: name.value, pos: name.pos });
      continue;
    }
    const power = powerNode.kind === "scalar" ? parsePowerLevel(powerNode.value) : undefined;
    if (power !== undefined) out.push({ value: name.value, pos: name.pos, power });
  }
  return out;
}
