import { randomBytes } from "node:crypto";

/** The parts of a Matrix identifier that Synapse's parsers look at (reference §3). */
export interface ParsedId {
  sigil: string;
  localpart: string;
  domain: string;
}

const hostLabel = /^[0-9a-zA-Z-]+$/;

/** Synapse's parse_and_validate_server_name, simplified: DNS labels or [IPv6], optional :port. */
export function isValidServerName(name: string): boolean {
  let host = name;
  const bracket = name.startsWith("[");
  const colon = bracket ? name.indexOf("]:") + 1 : name.lastIndexOf(":");
  if (colon > 0) {
    const port = name.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return false;
    host = name.slice(0, colon);
  }
  if (bracket) return /^\[[0-9a-fA-F:.]+\]$/.test(host);
  return host.length > 0 && host.split(".").every((label) => hostLabel.test(label));
}

/** Splits at the first ':' like DomainSpecificString.from_string; undefined when sigil or ':' is missing. */
export function parseId(value: string, sigil: string): ParsedId | undefined {
  if (!value.startsWith(sigil)) return undefined;
  const colon = value.indexOf(":");
  if (colon < 0) return undefined;
  return { sigil, localpart: value.slice(1, colon), domain: value.slice(colon + 1) };
}

export function isValidRoomId(value: string): boolean {
  if (!value.startsWith("!")) return false;
  if (!value.includes(":")) return /^![A-Za-z0-9_-]{43}$/.test(value);
  const parsed = parseId(value, "!");
  return parsed !== undefined && isValidServerName(parsed.domain);
}

export function isValidAlias(value: string): boolean {
  const parsed = parseId(value, "#");
  return parsed !== undefined && isValidServerName(parsed.domain);
}

export function domainOf(id: string): string {
  return id.slice(id.indexOf(":") + 1);
}

/** Unique per sandbox start: a random prefix plus a counter, so seeding 100k events stays cheap. */
export function createIdSource(): { eventId(): string; roomId(serverName: string): string; opaqueRoomId(): string; token(localpart: string): string } {
  const prefix = randomBytes(24).toString("base64url").slice(0, 30);
  let counter = 0;
  // One random pool for many tokens: a 25,000-user seed would otherwise make 25,000 RNG calls.
  let pool = Buffer.alloc(0);
  let used = 0;
  const randomPart = (bytes: number): string => {
    if (used + bytes > pool.length) {
      pool = randomBytes(bytes * 1024);
      used = 0;
    }
    used += bytes;
    return pool.subarray(used - bytes, used).toString("base64url");
  };
  return {
    eventId: () => `$${prefix}${(counter++).toString(36).padStart(13, "0")}`,
    roomId: (serverName) => `!${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}:${serverName}`,
    opaqueRoomId: () => `!${randomBytes(32).toString("base64url")}`,
    token: (localpart) => `syt_${Buffer.from(localpart).toString("base64url")}_${randomPart(15)}`,
  };
}
