/**
 * Matrix identifier grammar (reference §3), pure. The same rules are written as regular expressions in
 * schemas/rooms.schema.json for editors; test/unit/declarations-identifiers.test.ts keeps both in step.
 *
 * Decisions (documented in the README):
 * - Full user IDs accept historical localparts (printable ASCII except `:`, U+0021–U+007E) because such
 *   accounts exist on old servers and must stay manageable. Bare localparts must use the current grammar
 *   `a-z 0-9 . _ = - / +`: an uppercase bare name is almost always a typo for the lowercase account.
 * - Room aliases: any character except `:`, NUL, whitespace and control characters (the spec allows
 *   whitespace, but in a declaration it is a typo, and Synapse refuses to create such aliases).
 * - Room IDs are taken exactly as written and never expanded: `!opaque:server`, or `!` + 43 characters of
 *   URL-safe base64 (room version 12, no server part).
 * - Every full ID (after expansion) is at most 255 bytes of UTF-8.
 */

import type { RoomRef, UserId } from "./model.js";

export const MAX_ID_BYTES = 255;

const dnsHost = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
const port = /^[0-9]{1,5}$/;
const currentLocalpart = /^[a-z0-9._=\-/+]+$/;
const historicalLocalpart = /^[\x21-\x39\x3B-\x7E]+$/;
const aliasLocalpart = /^[^:\s\p{Cc}]+$/u; // the schema spells \p{Cc} as \x00-\x1F\x7F-\x9F
const opaqueRoomPart = /^[\x21-\x39\x3B-\x7E]+$/;
const domainlessRoomId = /^![A-Za-z0-9_-]{43}$/;
const groupName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** UTF-8 length without allocating (this runs for every user of every group). */
function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isIpv6(text: string): boolean {
  // Every character is checked below: the groups as hex, an embedded IPv4 tail as a decimal quad.
  let body = text;
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!isIpv4(tail)) return false;
    body = body.slice(0, lastColon + 1) + "0:0";
  }
  const halves = body.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === "" ? [] : half.split(":")));
  if (groups.some((list) => list.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g)))) return false;
  const count = groups.reduce((sum, list) => sum + list.length, 0);
  // "::" stands for at least one group of zeros.
  return halves.length === 2 ? count <= 7 : count === 8;
}

function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/** `host[:port]`: a DNS name (or IPv4 dotted quad), or a bracketed IPv6 address; port of 1–5 digits. */
export function isServerName(text: string): boolean {
  if (text.length === 0 || byteLength(text) > MAX_ID_BYTES) return false;
  let host = text;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) return false;
    host = text.slice(0, close + 1);
    const rest = text.slice(close + 1);
    if (rest !== "" && !(rest.startsWith(":") && port.test(rest.slice(1)))) return false;
    return isIpv6(host.slice(1, -1));
  }
  const colon = text.lastIndexOf(":");
  if (colon >= 0) {
    if (!port.test(text.slice(colon + 1))) return false;
    host = text.slice(0, colon);
  }
  return dnsHost.test(host);
}

/** What is wrong with a server name, or undefined when it is valid. */
export function describeServerNameProblem(text: string): string | undefined {
  if (isServerName(text)) return undefined;
  return `"${text}" is not a valid server name: expected host[:port], where host is a DNS name (letters, digits, "-" and "."), an IPv4 address or a bracketed IPv6 address, and port has 1–5 digits`;
}

export interface ParsedId {
  sigil: "@" | "#" | "!";
  localpart: string;
  /** Absent for bare names and for room IDs without a server part. */
  server?: string;
}

/** Splits at the FIRST `:` like Synapse, so the server part may carry a port. */
function splitId(text: string): ParsedId | undefined {
  const sigil = text[0];
  if (sigil !== "@" && sigil !== "#" && sigil !== "!") return undefined;
  const colon = text.indexOf(":");
  if (colon < 0) return { sigil, localpart: text.slice(1) };
  return { sigil, localpart: text.slice(1, colon), server: text.slice(colon + 1) };
}

/** Parses a full user ID `@localpart:server`; undefined when it is not one. */
export function parseUserId(text: string): { localpart: string; server: string } | undefined {
  const id = splitId(text);
  if (!id || id.sigil !== "@" || id.server === undefined) return undefined;
  if (!historicalLocalpart.test(id.localpart) || !isServerName(id.server) || byteLength(text) > MAX_ID_BYTES) return undefined;
  return { localpart: id.localpart, server: id.server };
}

/** The server part of a user ID, alias or room ID; undefined for domainless room IDs and bare names. */
export function serverOf(id: string): string | undefined {
  return splitId(id)?.server;
}

/**
 * Whether a full user ID belongs to the given server (local users are joined, remote ones invited): its
 * part after the first colon is the server name. Allocates nothing: it runs once per declared membership.
 */
export function isLocalUser(userId: UserId, serverName: string): boolean {
  const colon = userId.indexOf(":");
  return colon >= 0 && userId.length - colon - 1 === serverName.length && userId.startsWith(serverName, colon + 1);
}

/** Whether a room reference is a room ID (`!…`) rather than an alias (`#…`). */
export function isRoomId(ref: RoomRef): boolean {
  return ref.startsWith("!");
}

export function isGroupName(text: string): boolean {
  return groupName.test(text);
}

/**
 * What is wrong with a user as written in a declaration (full ID or bare localpart), or undefined when it
 * is valid. Does not check that a server_name exists for bare names; see expandUser.
 */
export function describeUserProblem(written: string): string | undefined {
  if (written.startsWith("@")) {
    const id = splitId(written);
    if (id?.server === undefined) return `user "${written}" has no server part: write "${written}:<server>", or the bare localpart "${written.slice(1)}" to use server_name`;
    if (id.localpart === "") return `user "${written}" has an empty localpart`;
    if (!historicalLocalpart.test(id.localpart)) return `user "${written}" has invalid characters in its localpart: use a-z 0-9 . _ = - / + (historical IDs: printable ASCII except ":")`;
    const serverProblem = describeServerNameProblem(id.server);
    if (serverProblem) return `user "${written}": ${serverProblem}`;
    if (byteLength(written) > MAX_ID_BYTES) return `user "${written.slice(0, 40)}…" is longer than ${MAX_ID_BYTES} bytes`;
    return undefined;
  }
  if (written.includes(":")) return `user "${written}" is neither a full ID nor a bare localpart: did you mean "@${written}"?`;
  if (written === "") return `empty user name: write a localpart such as "alice" or a full ID such as "@alice:example.org"`;
  if (!currentLocalpart.test(written)) {
    const lower = written.toLowerCase();
    const hint = currentLocalpart.test(lower) ? ` — did you mean "${lower}"?` : "";
    return `user "${written}" is not a valid localpart: use only a-z 0-9 . _ = - / + (or write a full historical ID "@…:server")${hint}`;
  }
  return undefined;
}

/** What is wrong with a room reference as written (alias or room ID), or undefined when it is valid. */
export function describeRoomProblem(written: string): string | undefined {
  const id = splitId(written);
  if (!id) return `room "${written}" must start with "#" (alias) or "!" (room ID): did you mean "#${written}"?`;
  if (id.sigil === "@") return `"${written}" is a user ID, not a room: rooms are "#alias", "#alias:server" or "!roomid:server"`;
  if (id.sigil === "#") {
    if (id.localpart === "") return `room alias "${written}" has an empty name`;
    if (!aliasLocalpart.test(id.localpart)) return `room alias "${written}" contains whitespace or control characters`;
  } else if (id.server === undefined) {
    if (!domainlessRoomId.test(written)) return `room ID "${written}" has no server part, so it must be "!" followed by 43 characters of URL-safe base64 (room version 12); older room IDs are written "!opaque:server"`;
    return undefined;
  } else if (id.localpart === "" || !opaqueRoomPart.test(id.localpart)) {
    return `room ID "${written}" has an empty or invalid opaque part (printable ASCII except ":")`;
  }
  if (id.server !== undefined) {
    const serverProblem = describeServerNameProblem(id.server);
    if (serverProblem) return `room "${written}": ${serverProblem}`;
  }
  if (byteLength(written) > MAX_ID_BYTES) return `room "${written.slice(0, 40)}…" is longer than ${MAX_ID_BYTES} bytes`;
  return undefined;
}

/** What is wrong with a group name, or undefined when it is valid. */
export function describeGroupNameProblem(name: string): string | undefined {
  if (isGroupName(name)) return undefined;
  return `group name "${name}" is not valid: use 1–64 characters of letters, digits, ".", "_" and "-", starting with a letter or digit`;
}

/** A bare localpart (no "@") that needs server_name to become a full ID. */
export function isBareUser(written: string): boolean {
  return !written.startsWith("@");
}

/** A bare alias "#name" without a server part. Room IDs are never bare: they are never expanded. */
export function isBareRoom(written: string): boolean {
  return written.startsWith("#") && !written.includes(":");
}

/** `alice` -> `@alice:server`; full IDs are returned unchanged. */
export function expandUser(written: string, serverName: string): UserId {
  return isBareUser(written) ? `@${written}:${serverName}` : written;
}

/** `#general` -> `#general:server`; full aliases and every room ID are returned unchanged. */
export function expandRoom(written: string, serverName: string): RoomRef {
  return isBareRoom(written) ? `${written}:${serverName}` : written;
}

/** Checks the 255-byte limit after expansion (a short bare name can exceed it with a long server_name). */
export function describeExpandedLengthProblem(kind: "user" | "room", expanded: string): string | undefined {
  if (byteLength(expanded) <= MAX_ID_BYTES) return undefined;
  return `${kind} "${expanded.slice(0, 40)}…" is longer than ${MAX_ID_BYTES} bytes once expanded with server_name`;
}
