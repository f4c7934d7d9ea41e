import type { Clock } from "../state/clock.js";
import { SandboxState } from "../state/model.js";
import { defaultPowerLevels } from "../state/power.js";
import type { Membership, Room } from "../state/types.js";
import type { Seed, SeedRoom } from "./types.js";
import { toAlias, toUserId, validateSeed } from "./validate.js";

export interface BuildOptions {
  clock: Clock;
  rateLimits: boolean;
}

/** Validates the seed and builds the server state from it: O(users + memberships). */
export function buildState(input: Seed | unknown, options: BuildOptions, source?: string): SandboxState {
  const seed = validateSeed(input, source);
  const state = new SandboxState(seed.server_name, options.clock, {
    unreachableServers: seed.unreachable_servers ?? [],
    ...(seed.federation_domain_whitelist ? { federationWhitelist: seed.federation_domain_whitelist } : {}),
    rateLimitsEnabled: options.rateLimits,
  });
  const now = options.clock.now();
  for (const user of seed.users) {
    const userId = toUserId(user.name, seed.server_name);
    state.addUser({
      userId,
      localpart: userId.slice(1, userId.indexOf(":")),
      admin: user.admin ?? false,
      deactivated: user.deactivated ?? false,
      locked: user.locked ?? false,
      suspended: user.suspended ?? false,
      shadowBanned: user.shadow_banned ?? false,
      erased: false,
      displayname: user.displayname ?? null,
      creationTs: now,
    });
  }
  for (const room of seed.rooms ?? []) seedRoom(state, room);
  return state;
}

/** The state events Synapse's createRoom sends, in its order, then the seeded memberships. */
function seedRoom(state: SandboxState, spec: SeedRoom): Room {
  const server = state.serverName;
  const creator = toUserId(spec.creator, server);
  const joinRule = spec.join_rule === undefined ? "invite" : spec.join_rule;
  const version = spec.version ?? "11";
  const room = state.createRoom({
    roomId: spec.room_id ?? state.newRoomId(version),
    version,
    creator,
    additionalCreators: (spec.additional_creators ?? []).map((name) => toUserId(name, server)),
    published: spec.published ?? joinRule === "public",
    blocked: spec.blocked ?? false,
  });
  state.setMembership(room, creator, "join", creator);
  if (spec.power_levels !== null) {
    const defaults = defaultPowerLevels(creator, joinRule === "public" ? "public_chat" : "private_chat", version);
    const overrides = spec.power_levels ?? {};
    const users = { ...(defaults["users"] as object), ...((overrides["users"] ?? {}) as object) };
    state.setState(room, "m.room.power_levels", "", { ...defaults, ...overrides, users }, creator);
  }
  if (spec.alias !== undefined) {
    const alias = toAlias(spec.alias, server);
    state.addAlias(room, alias);
    state.setState(room, "m.room.canonical_alias", "", { alias }, creator);
  }
  if (joinRule !== null) state.setState(room, "m.room.join_rules", "", { join_rule: joinRule }, creator);
  state.setState(room, "m.room.history_visibility", "", { history_visibility: "shared" }, creator);
  if (joinRule !== "public") state.setState(room, "m.room.guest_access", "", { guest_access: "can_join" }, creator);
  if (spec.name !== undefined) state.setState(room, "m.room.name", "", { name: spec.name }, creator);
  for (const [name, value] of Object.entries(spec.members ?? {})) {
    const userId = toUserId(name, server);
    const entry = typeof value === "string" ? { membership: value } : value;
    const membership: Membership = entry.membership;
    const defaultSender = membership === "invite" || membership === "ban" ? creator : userId;
    const sender = entry.sender !== undefined ? toUserId(entry.sender, server) : defaultSender;
    state.setMembership(room, userId, membership, sender, entry.reason !== undefined ? { reason: entry.reason } : {});
  }
  return room;
}
