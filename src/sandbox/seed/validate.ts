import { UserError } from "../../errors.js";
import { isValidRoomId, isValidServerName, parseId } from "../state/ids.js";
import type { Seed, SeedRoom } from "./types.js";

const memberships = new Set(["join", "invite", "leave", "ban", "knock"]);
const joinRules = new Set(["public", "invite", "knock", "restricted", "knock_restricted", "private"]);
const userFlags = new Set(["admin", "deactivated", "locked", "suspended", "shadow_banned"]);
const roomKeys = new Set(["alias", "room_id", "name", "version", "creator", "additional_creators", "join_rule", "power_levels", "members", "published", "blocked"]);

export class SeedError extends UserError {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "alice" or "@alice:acme.test" → "@alice:acme.test"; remote IDs pass through. */
export function toUserId(name: string, serverName: string): string {
  return name.startsWith("@") ? name : `@${name}:${serverName}`;
}

export function toAlias(alias: string, serverName: string): string {
  return alias.startsWith("#") ? alias : `#${alias}:${serverName}`;
}

/** Checks a parsed seed and reports every problem at once, each with its path in the seed. */
export function validateSeed(input: unknown, source = "seed"): Seed {
  const problems: string[] = [];
  if (!isObject(input)) throw new SeedError(`${source}: must be a mapping with server_name, users and rooms`);
  const serverName = input["server_name"];
  if (typeof serverName !== "string" || !isValidServerName(serverName)) problems.push("server_name: must be a server name such as acme.test");
  const server = typeof serverName === "string" ? serverName : "";
  const users = new Set<string>();
  if (!Array.isArray(input["users"])) problems.push("users: must be a list of {name, admin?, deactivated?, …}");
  for (const [i, user] of ((input["users"] as unknown[] | undefined) ?? []).entries()) {
    if (!isObject(user) || typeof user["name"] !== "string" || user["name"] === "") {
      problems.push(`users[${i}]: needs a name (a localpart such as alice)`);
      continue;
    }
    const userId = toUserId(user["name"], server);
    if (parseId(userId, "@")?.domain !== server) problems.push(`users[${i}]: ${userId} is not a user of ${server}`);
    if (users.has(userId)) problems.push(`users[${i}]: ${userId} is listed twice`);
    users.add(userId);
    for (const [key, value] of Object.entries(user)) {
      if (key === "name" || (key === "displayname" && typeof value === "string")) continue;
      if (!userFlags.has(key)) problems.push(`users[${i}].${key}: unknown key (allowed: name, displayname, ${[...userFlags].join(", ")})`);
      else if (typeof value !== "boolean") problems.push(`users[${i}].${key}: must be true or false`);
    }
  }
  const rooms = input["rooms"] ?? [];
  if (!Array.isArray(rooms)) problems.push("rooms: must be a list");
  const seen = new Set<string>();
  for (const [i, room] of (Array.isArray(rooms) ? rooms : []).entries()) {
    problems.push(...checkRoom(room, `rooms[${i}]`, server, users, seen));
  }
  const unreachable = input["unreachable_servers"] ?? [];
  if (!Array.isArray(unreachable) || !unreachable.every((s) => typeof s === "string" && isValidServerName(s))) {
    problems.push("unreachable_servers: must be a list of server names");
  }
  const whitelist = input["federation_domain_whitelist"];
  if (whitelist !== undefined && (!Array.isArray(whitelist) || !whitelist.every((s) => typeof s === "string" && isValidServerName(s)))) {
    problems.push("federation_domain_whitelist: must be a list of server names ([] turns federation off)");
  }
  if (problems.length > 0) {
    throw new SeedError(`${source} has ${problems.length} problem(s):\n  ${problems.join("\n  ")}`, "Fix the seed (format: README, section Sandbox) and start again.");
  }
  return input as unknown as Seed;
}

/** additional_creators: user IDs (or local names) in a room of version 12, where creators have creator power. */
function checkAdditionalCreators(room: Record<string, unknown>, at: string, server: string): string[] {
  const creators = room["additional_creators"];
  if (creators === undefined) return [];
  if (room["version"] !== "12") return [`${at}.additional_creators: only rooms of version "12" have additional creators`];
  if (!Array.isArray(creators)) return [`${at}.additional_creators: must be a list of users`];
  return creators.flatMap((name: unknown, i) =>
    typeof name === "string" && parseId(toUserId(name, server), "@") !== undefined ? [] : [`${at}.additional_creators[${i}]: not a user ID`],
  );
}

function checkRoom(room: unknown, at: string, server: string, users: Set<string>, seen: Set<string>): string[] {
  if (!isObject(room)) return [`${at}: must be a mapping with creator, join_rule, members, …`];
  const problems: string[] = [];
  for (const key of Object.keys(room)) if (!roomKeys.has(key)) problems.push(`${at}.${key}: unknown key (allowed: ${[...roomKeys].join(", ")})`);
  const { alias, room_id: roomId, creator, join_rule: joinRule, power_levels: powerLevels, members, version } = room as Record<string, unknown> & Partial<SeedRoom>;
  if (alias !== undefined) {
    const full = typeof alias === "string" ? toAlias(alias, server) : "";
    if (parseId(full, "#")?.domain !== server) problems.push(`${at}.alias: must be a local alias such as "eng" or "#eng:${server}"`);
    else if (seen.has(full)) problems.push(`${at}.alias: ${full} is used by another room`);
    seen.add(full);
  }
  if (roomId !== undefined && (typeof roomId !== "string" || !isValidRoomId(roomId))) problems.push(`${at}.room_id: must be a room ID such as !abc:${server}`);
  if (typeof roomId === "string") {
    if (seen.has(roomId)) problems.push(`${at}.room_id: ${roomId} is used by another room`);
    seen.add(roomId);
  }
  if (version !== undefined && (typeof version !== "string" || !/^\d+$/.test(version))) problems.push(`${at}.version: must be a room version such as "11" (quoted)`);
  const creatorId = typeof creator === "string" ? toUserId(creator, server) : "";
  const creatorServer = parseId(creatorId, "@")?.domain;
  if (creatorServer === undefined || (creatorServer === server && !users.has(creatorId))) {
    problems.push(`${at}.creator: must name a user listed under users, or a remote user ID for a room created on another server`);
  }
  problems.push(...checkAdditionalCreators(room, at, server));
  if (joinRule !== undefined && joinRule !== null && !joinRules.has(joinRule)) problems.push(`${at}.join_rule: must be one of ${[...joinRules].join(", ")} (or null for none)`);
  if (powerLevels !== undefined && powerLevels !== null && !isObject(powerLevels)) problems.push(`${at}.power_levels: must be a mapping (or null for none)`);
  if (members !== undefined && !isObject(members)) problems.push(`${at}.members: must map users to join, invite, leave, ban or knock`);
  for (const [name, value] of Object.entries(isObject(members) ? members : {})) {
    const userId = toUserId(name, server);
    const where = `${at}.members.${name}`;
    if (parseId(userId, "@") === undefined) problems.push(`${where}: not a user ID`);
    else if (parseId(userId, "@")?.domain === server && !users.has(userId)) problems.push(`${where}: local user ${userId} is not listed under users`);
    const membership = isObject(value) ? value["membership"] : value;
    if (typeof membership !== "string" || !memberships.has(membership)) problems.push(`${where}: must be join, invite, leave, ban or knock`);
  }
  return problems;
}
