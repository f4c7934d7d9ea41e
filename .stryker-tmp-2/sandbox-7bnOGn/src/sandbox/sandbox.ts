// @ts-nocheck
import { buildState } from "./seed/apply.js";
import type { Seed } from "./seed/types.js";
import { toAlias, toUserId } from "./seed/validate.js";
import { deactivateUser } from "./rules/deactivate.js";
import { listen } from "./server.js";
import type { Fault } from "./http/faults.js";
import { systemClock, type Clock } from "./state/clock.js";
import type { SandboxState } from "./state/model.js";
import type { Membership, Room } from "./state/types.js";

export interface SandboxOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Every answer leaves this long after its request arrived (the sandbox's own work included). */
  latencyMs?: number;
  /** One line per request ("POST /path -> 403 M_FORBIDDEN"); never tokens or query strings. */
  log?: (line: string) => void;
  /** Synapse's rate limiters; on by default like Synapse. */
  rateLimits?: boolean;
  /** Synapse waits 0.5 s before each 429; default 0 here. */
  rateLimitDelayMs?: number;
  /** Time source for events and rate-limit buckets; inject createManualClock() to step time. */
  clock?: Clock;
}

export interface Sandbox {
  url: string;
  serverName: string;
  /** User ID → access token of every active local user (deactivation removes the entry). */
  readonly tokens: Record<string, string>;
  adminToken: string;
  /** What roster reads to connect: MATRIX_HOMESERVER_URL and MATRIX_ADMIN_TOKEN. */
  env: Record<string, string>;
  /** Push faults; each applies to the next `times` (default 1) matching requests. */
  faults: Fault[];
  /** The model itself, for assertions the helpers below do not cover. */
  state: SandboxState;
  setLatency(ms: number): void;
  setRateLimits(enabled: boolean): void;
  /** Requests seen per route template, e.g. {"POST /_synapse/admin/v1/join/{roomIdOrAlias}": 3}. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  /** Sorted joined user IDs of a room (by ID or alias), as the server holds them. */
  joinedMembers(roomIdOrAlias: string): string[];
  membership(roomIdOrAlias: string, user: string): Membership | undefined;
  roomIdOf(alias: string): string;
  /** Writes a membership event directly (sender defaults to the user, or the creator for invite/ban). */
  setMembership(roomIdOrAlias: string, user: string, membership: Membership, sender?: string): void;
  /** As the admin deactivate API: tokens die, rooms are parted. */
  deactivateUser(user: string): void;
  setJoinRule(roomIdOrAlias: string, joinRule: string | null): void;
  setPowerLevel(roomIdOrAlias: string, user: string, level: number): void;
  close(): Promise<void>;
}

/** Starts an in-memory Synapse-compatible homeserver on 127.0.0.1 seeded with `seed`. */
export async function startSandbox(seed: Seed, options: SandboxOptions = {}): Promise<Sandbox> {
  const state = buildState(seed, { clock: options.clock ?? systemClock, rateLimits: options.rateLimits ?? true });
  const server = await listen(state, {
    host: "127.0.0.1",
    port: options.port ?? 0,
    latencyMs: options.latencyMs ?? 0,
    rateLimitDelayMs: options.rateLimitDelayMs ?? 0,
    ...(options.log ? { log: options.log } : {}),
  });
  const userId = (user: string) => toUserId(user, state.serverName);
  const room = (idOrAlias: string): Room => {
    const roomId = idOrAlias.startsWith("!") ? idOrAlias : state.aliases.get(toAlias(idOrAlias, state.serverName));
    const found = roomId === undefined ? undefined : state.rooms.get(roomId);
    if (!found) throw new Error(`sandbox has no room ${idOrAlias}`);
    return found;
  };
  const tokens = state.tokens();
  const admin = [...state.users.values()].find((u) => u.admin && !u.deactivated && u.localpart === "admin") ?? [...state.users.values()].find((u) => u.admin && !u.deactivated);
  const adminToken = admin ? (tokens[admin.userId] ?? "") : "";
  return {
    url: server.url,
    serverName: state.serverName,
    get tokens() {
      return state.tokens();
    },
    adminToken,
    env: { MATRIX_HOMESERVER_URL: server.url, MATRIX_ADMIN_TOKEN: adminToken },
    faults: server.faults,
    state,
    setLatency: server.setLatency,
    setRateLimits: (enabled) => void (state.limiter.enabled = enabled),
    requestCounts: () => Object.fromEntries(server.counts),
    resetRequestCounts: () => server.counts.clear(),
    joinedMembers: (idOrAlias) => {
      const found = room(idOrAlias);
      return state.serverInRoom(found) ? [...found.joined].sort() : [];
    },
    membership: (idOrAlias, user) => state.membershipOf(room(idOrAlias), userId(user)),
    roomIdOf: (alias) => room(alias).roomId,
    setMembership: (idOrAlias, user, membership, sender) => {
      const found = room(idOrAlias);
      const target = userId(user);
      const defaultSender = membership === "invite" || membership === "ban" ? found.creator : target;
      state.setMembership(found, target, membership, sender ? userId(sender) : defaultSender);
    },
    deactivateUser: (user) => deactivateUser(state, userId(user)),
    setJoinRule: (idOrAlias, joinRule) => {
      const found = room(idOrAlias);
      if (joinRule === null) found.state.delete("m.room.join_rules\u0000");
      else state.setState(found, "m.room.join_rules", "", { join_rule: joinRule }, found.creator);
    },
    setPowerLevel: (idOrAlias, user, level) => {
      const found = room(idOrAlias);
      const content = state.getState(found, "m.room.power_levels")?.content ?? {};
      const users = { ...((content["users"] ?? {}) as Record<string, unknown>), [userId(user)]: level };
      state.setState(found, "m.room.power_levels", "", { ...content, users }, found.creator);
    },
    close: () => server.close(),
  };
}
