import type { UserId } from "../declarations/model.js";
import { powerLevelName } from "../declarations/power.js";

/**
 * Pure: a room's current state, as import read it, rendered as YAML declarations that make the next
 * `roster plan` empty for the room. No I/O; the edge (read-rooms.ts, write-files.ts) feeds it.
 */

export interface ImportedRoom {
  roomId: string;
  /** How to declare it: the canonical alias when it resolves to this room, else the alias given, else the ID. */
  ref: string;
  /** Joined members to declare, the acting admin and deactivated users left out. */
  joined: UserId[];
  /** Invited, not joined yet: not declared (a declared local invitee would be joined by the next apply). */
  invited: UserId[];
  /** Deactivated but still joined: not declared (roster never joins deactivated users). */
  deactivated: UserId[];
  /** Levels of joined members that differ from the room's users_default, declared as `{user, power}`. */
  power?: Readonly<Record<UserId, number>>;
  /** v12 creators among the joined members: declared without a power, which they hold beyond any level. */
  creators?: UserId[];
  /** Joined members whose level lies outside the declarations' range: declared without a power. */
  undeclarable?: UserId[];
  /** Why the room is declared by its ID although it has a canonical alias, when that is so. */
  aliasNote?: string;
}

export interface RenderOptions {
  /** Path from the file to schemas/rooms.schema.json, for the editor modeline. */
  schemaPath: string;
  /** The server_name in effect: its users become bare localparts and its aliases bare #names. */
  serverName?: string;
  /** Write `server_name:` into this document (a new tree). */
  declareServerName?: boolean;
  /** The server imported from, for the header comment. */
  source: string;
}

/** The bare localpart grammar of the declarations (schema `user`): anything else stays a full ID. */
const bareLocalpart = /^[a-z0-9._=/+-]+$/;
/** Plain YAML scalars that would not read back as the same string. */
const plainSafe = /^[a-z_][a-z0-9._-]*$/;
const yamlWords = new Set(["true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf"]);

export function renderDeclarations(rooms: readonly ImportedRoom[], options: RenderOptions): string {
  const lines = [
    `# yaml-language-server: $schema=${options.schemaPath}`,
    `# Imported by \`roster import\` from ${options.source}: each room's joined members with their power levels where these differ from the room's default (the acting admin and deactivated users left out).`,
  ];
  if (options.declareServerName && options.serverName !== undefined) lines.push(`server_name: ${options.serverName}`);
  if (rooms.length === 0) return lines.join("\n") + "\n";
  lines.push("rooms:");
  for (const room of rooms) lines.push(...renderRoom(room, options.serverName));
  return lines.join("\n") + "\n";
}

function renderRoom(room: ImportedRoom, serverName: string | undefined): string[] {
  const lines = [`  ${JSON.stringify(shortRoom(room.ref, serverName))}:`];
  if (room.ref !== room.roomId) lines.push(`    # ${room.roomId}`);
  if (room.aliasNote !== undefined) lines.push(`    # ${room.aliasNote}`);
  if (room.invited.length > 0) lines.push(`    # invited, not joined yet (not declared): ${room.invited.join(", ")}`);
  if (room.deactivated.length > 0) lines.push(`    # deactivated but still joined (not declared): ${room.deactivated.join(", ")}`);
  if (room.creators !== undefined) lines.push(`    # room creators, whose power no level can declare: ${room.creators.join(", ")}`);
  if (room.undeclarable !== undefined) lines.push(`    # power level outside Matrix's range (declared without one): ${room.undeclarable.join(", ")}`);
  if (room.joined.length === 0) return [...lines, "    members: []"];
  const members = room.joined.map((user) => ({ name: shortUser(user, serverName), power: room.power?.[user] })).sort((a, b) => compareMembers(a.name, b.name));
  return [...lines, "    members:", ...members.map((m) => `      - ${renderMember(m.name, m.power)}`)];
}

/** `alice`, or `{user: alice, power: moderator}`: the names for 50 and 100, integers otherwise. */
function renderMember(name: string, power: number | undefined): string {
  if (power === undefined) return quote(name);
  return `{user: ${quote(name)}, power: ${powerLevelName(power) ?? power}}`;
}

/** Bare localparts first (sorted), then full IDs (sorted): the way people write these lists. */
function compareMembers(a: string, b: string): number {
  const fullA = a.startsWith("@");
  const fullB = b.startsWith("@");
  if (fullA !== fullB) return fullA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function shortUser(user: UserId, serverName: string | undefined): string {
  const colon = user.indexOf(":");
  const localpart = user.slice(1, colon);
  if (serverName !== undefined && user.slice(colon + 1) === serverName && bareLocalpart.test(localpart)) return localpart;
  return user;
}

export function shortRoom(ref: string, serverName: string | undefined): string {
  if (!ref.startsWith("#") || serverName === undefined) return ref;
  const colon = ref.indexOf(":");
  return colon > 0 && ref.slice(colon + 1) === serverName ? ref.slice(0, colon) : ref;
}

function quote(value: string): string {
  return plainSafe.test(value) && !yamlWords.has(value) ? value : JSON.stringify(value);
}

/**
 * The file a room is written to under DIR: `imported/<alias localpart>.yaml` for a local alias,
 * `imported/<localpart>_<server>.yaml` for a remote one, `imported/room_<opaque ID>.yaml` for a room
 * without an alias. Lower case, other characters as `_`. Names that would clash get a suffix derived
 * from the room ID, so a room keeps its file name from one run to the next.
 */
export function assignFileNames(rooms: readonly ImportedRoom[], serverName: string): Map<string, string> {
  const base = new Map(rooms.map((room) => [room.roomId, baseName(room, serverName)]));
  const counts = new Map<string, number>();
  for (const name of base.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const [roomId, name] of base) {
    const unique = (counts.get(name) ?? 0) > 1 ? `${name}-${hashHex(roomId)}` : name;
    names.set(roomId, `imported/${unique}.yaml`);
  }
  return names;
}

function baseName(room: ImportedRoom, serverName: string): string {
  const colon = room.ref.indexOf(":");
  const local = colon > 0 ? room.ref.slice(1, colon) : room.ref.slice(1);
  const server = colon > 0 ? room.ref.slice(colon + 1) : "";
  const raw = room.ref.startsWith("#") ? (server === serverName ? local : `${local}_${server}`) : `room_${local}`;
  return raw.toLowerCase().replace(/[^a-z0-9._-]/g, "_").replace(/^[.]+/, "_").slice(0, 100);
}

/** FNV-1a, 32 bits: a short stable suffix, not a security measure. */
function hashHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
