import { UserError } from "../errors.js";
import { HomeserverError } from "./errors.js";
import { createHttp, type Http, type HttpOptions, type RequestStats } from "./http.js";
import { route } from "./route.js";
import {
  normaliseUser,
  readStateEvent,
  toBoolean,
  type RatelimitOverride,
  type ResolvedAlias,
  type RoomInfo,
  type RoomPage,
  type StateEvent,
  type UserInfo,
  type UserPage,
} from "./types.js";

export interface WhoAmI {
  userId: string;
}

export interface PageRequest {
  from?: number;
  /** Page size; clamped to at least 1 because limit=0 never advances (reference §6.1, §7.2). */
  limit?: number;
}

type Json = Record<string, unknown>;

/**
 * Typed calls to Synapse's client and admin APIs. Section numbers refer to
 * shared/reference/synapse-api.md. Every method throws HomeserverError (or its subclasses
 * RateLimitedError / ServerUnreachableError) for anything it does not document as a normal answer.
 */
export class SynapseClient {
  constructor(readonly http: Http) {}

  static create(options: HttpOptions): SynapseClient {
    return new SynapseClient(createHttp(options));
  }

  /** §2: no auth needed; the reachability probe. */
  async serverVersion(maxAttempts?: number): Promise<string> {
    const body = await this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v1/server_version`, ...(maxAttempts ? { maxAttempts } : {}) });
    return typeof body["server_version"] === "string" ? body["server_version"] : "unknown";
  }

  /** §8.1: whose token this is. */
  async whoami(): Promise<WhoAmI> {
    const body = await this.http.request<Json>({ method: "GET", route: route`/_matrix/client/v3/account/whoami` });
    const userId = body["user_id"];
    if (typeof userId !== "string") throw new UserError("the homeserver answered whoami without a user_id", "Check that --homeserver points at a Synapse homeserver.");
    return { userId };
  }

  /**
   * §2, §12: v1 `/users/<id>/admin` (403 M_FORBIDDEN = the caller is not an admin). Where that endpoint
   * does not exist (M_UNRECOGNIZED on any 4xx: delegated auth, or old releases) the v2 user's `admin`
   * field decides; 0/1 are read as booleans.
   */
  async isServerAdmin(userId: string): Promise<boolean> {
    try {
      const body = await this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v1/users/${userId}/admin` });
      return toBoolean(body["admin"]);
    } catch (error) {
      if (isNotAdminAnswer(error)) return false;
      if (!isUnrecognized(error)) throw error;
    }
    try {
      return (await this.getUser(userId))?.admin ?? false;
    } catch (error) {
      if (isNotAdminAnswer(error)) return false;
      throw error;
    }
  }

  /** §8.2: null when the alias does not exist (404 M_NOT_FOUND); a 502 is remote trouble and throws after retries. */
  async resolveAlias(alias: string): Promise<ResolvedAlias | null> {
    const body = await this.nullIfNotFound(this.http.request<Json>({ method: "GET", route: route`/_matrix/client/v3/directory/room/${alias}` }));
    if (body === null) return null;
    const roomId = body["room_id"];
    if (typeof roomId !== "string") throw new UserError(`the homeserver resolved ${alias} without a room_id`, "Check that --homeserver points at a Synapse homeserver.");
    const servers = Array.isArray(body["servers"]) ? body["servers"].filter((s): s is string => typeof s === "string") : [];
    return { roomId, servers };
  }

  /** §6.4: the full current state; [] when the server has left the room; null when the room is unknown (404). */
  async getRoomState(roomId: string): Promise<StateEvent[] | null> {
    const body = await this.nullIfNotFound(this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v1/rooms/${roomId}/state` }));
    if (body === null) return null;
    const events: StateEvent[] = [];
    if (!Array.isArray(body["state"])) return events;
    for (const raw of body["state"] as unknown[]) {
      const event = readStateEvent(raw);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** §7.1: local users only (a remote ID answers 400); null when the user does not exist. */
  async getUser(userId: string): Promise<UserInfo | null> {
    const body = await this.nullIfNotFound(this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v2/users/${userId}` }));
    return body === null ? null : normaliseUser(body, userId);
  }

  /** §7.2: one page of v2 users, deactivated and locked ones included. */
  async listUsers(page: PageRequest = {}): Promise<UserPage> {
    const body = await this.http.request<Json>({
      method: "GET",
      route: route`/_synapse/admin/v2/users`,
      query: { from: page.from ?? 0, limit: clampLimit(page.limit), deactivated: true, locked: true },
    });
    const users = Array.isArray(body["users"]) ? (body["users"] as Json[]).flatMap((raw) => (typeof raw["name"] === "string" ? [normaliseUser(raw, raw["name"])] : [])) : [];
    const next = body["next_token"];
    return { users, total: typeof body["total"] === "number" ? body["total"] : users.length, ...(next !== undefined && next !== null ? { nextToken: String(next) } : {}) };
  }

  /** §6.1: one page of rooms (stats tables: may lag; decide from state). */
  async listRooms(page: PageRequest = {}): Promise<RoomPage> {
    const body = await this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v1/rooms`, query: { from: page.from ?? 0, limit: clampLimit(page.limit) } });
    const rooms = Array.isArray(body["rooms"]) ? (body["rooms"] as Json[]).flatMap((raw) => (typeof raw["room_id"] === "string" ? [{ roomId: raw["room_id"] }] : [])) : [];
    const next = body["next_batch"];
    return { rooms, total: typeof body["total_rooms"] === "number" ? body["total_rooms"] : rooms.length, ...(typeof next === "number" ? { nextBatch: next } : {}) };
  }

  /** §6.1: every room, page by page. */
  async *iterateRooms(limit = 100): AsyncGenerator<RoomInfo> {
    let from = 0;
    for (;;) {
      const page = await this.listRooms({ from, limit });
      yield* page.rooms;
      if (page.nextBatch === undefined || page.nextBatch <= from) return;
      from = page.nextBatch;
    }
  }

  /**
   * §4: joins a local user (invite first in non-public rooms). Answers 403 "already in the room" for a
   * joined user in a non-public room: check state instead of calling this for joined users.
   */
  async adminJoin(roomIdOrAlias: string, userId: string, stats?: RequestStats): Promise<string> {
    const body = await this.http.request<Json>({ method: "POST", route: route`/_synapse/admin/v1/join/${roomIdOrAlias}`, body: { user_id: userId }, ...(stats ? { stats } : {}) });
    return typeof body["room_id"] === "string" ? body["room_id"] : roomIdOrAlias;
  }

  /** §8.3: invite as the token's user (rate limited: rc_invites, rc_message). */
  async invite(roomId: string, userId: string, reason?: string, stats?: RequestStats): Promise<void> {
    await this.http.request({ method: "POST", route: route`/_matrix/client/v3/rooms/${roomId}/invite`, body: withReason({ user_id: userId }, reason), ...(stats ? { stats } : {}) });
  }

  /** §8.3: kick as the token's user; not idempotent (a repeated kick answers 403). */
  async kick(roomId: string, userId: string, reason?: string, stats?: RequestStats): Promise<void> {
    await this.http.request({ method: "POST", route: route`/_matrix/client/v3/rooms/${roomId}/kick`, body: withReason({ user_id: userId }, reason), ...(stats ? { stats } : {}) });
  }

  /** §8.3: the token's own user joins (how the admin enters an invite-only room after makeRoomAdmin). */
  async clientJoin(roomIdOrAlias: string, viaServers: readonly string[] = []): Promise<string> {
    const body = await this.http.request<Json>({
      method: "POST",
      route: route`/_matrix/client/v3/join/${roomIdOrAlias}`,
      query: { server_name: viaServers, via: viaServers },
      body: {},
    });
    return typeof body["room_id"] === "string" ? body["room_id"] : roomIdOrAlias;
  }

  /** §5: raise a user (default: the caller) to the top local level by puppeting a joined local admin; may invite. */
  async makeRoomAdmin(roomIdOrAlias: string, userId?: string): Promise<void> {
    await this.http.request({ method: "POST", route: route`/_synapse/admin/v1/rooms/${roomIdOrAlias}/make_room_admin`, body: userId ? { user_id: userId } : {} });
  }

  /**
   * Sends a message event as the token's user (rc_message, shared with kicks). A 429 fails at once: what
   * sends here (apply's notice) must never hold the run up. Returns the event ID.
   */
  async sendMessage(roomId: string, content: Record<string, unknown>, txnId: string): Promise<string> {
    const body = await this.http.request<Json>({
      method: "PUT",
      route: route`/_matrix/client/v3/rooms/${roomId}/send/m.room.message/${txnId}`,
      body: content,
      maxAttempts: 2,
      waitOnRateLimit: false,
    });
    return typeof body["event_id"] === "string" ? body["event_id"] : "";
  }

  /**
   * §8.5: the room's current `m.room.power_levels` content as the token's user (who must be joined); null
   * when the room has no power-levels event.
   */
  async getPowerLevels(roomId: string): Promise<Record<string, unknown> | null> {
    return this.nullIfNotFound(this.http.request<Json>({ method: "GET", route: route`/_matrix/client/v3/rooms/${roomId}/state/m.room.power_levels` }));
  }

  /**
   * §14.2: replaces the room's power levels with `content` (the whole content: no patch semantics) as the
   * token's user. Rate limited by rc_message (§14.4), waited out like kicks. Returns the event ID.
   */
  async setPowerLevels(roomId: string, content: Record<string, unknown>, stats?: RequestStats): Promise<string> {
    const body = await this.http.request<Json>({ method: "PUT", route: route`/_matrix/client/v3/rooms/${roomId}/state/m.room.power_levels`, body: content, ...(stats ? { stats } : {}) });
    return typeof body["event_id"] === "string" ? body["event_id"] : "";
  }

  /** §7.4: null when the user has no override (Synapse answers `{}`). */
  async getRatelimitOverride(userId: string): Promise<RatelimitOverride | null> {
    const body = await this.http.request<Json>({ method: "GET", route: route`/_synapse/admin/v1/users/${userId}/override_ratelimit` });
    if (!("messages_per_second" in body) && !("burst_count" in body)) return null;
    return { messagesPerSecond: Number(body["messages_per_second"] ?? 0), burstCount: Number(body["burst_count"] ?? 0) };
  }

  /** §7.4: 0/0 (the default) exempts the user from every rate limiter. */
  async setRatelimitOverride(userId: string, override: RatelimitOverride = { messagesPerSecond: 0, burstCount: 0 }): Promise<void> {
    await this.http.request({
      method: "POST",
      route: route`/_synapse/admin/v1/users/${userId}/override_ratelimit`,
      body: { messages_per_second: override.messagesPerSecond, burst_count: override.burstCount },
    });
  }

  private async nullIfNotFound<T>(request: Promise<T>): Promise<T | null> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof HomeserverError && error.status === 404 && error.errcode === "M_NOT_FOUND") return null;
      throw error;
    }
  }
}

function isUnrecognized(error: unknown): boolean {
  return error instanceof HomeserverError && error.errcode === "M_UNRECOGNIZED" && error.status !== undefined && error.status >= 400 && error.status < 500;
}

function isNotAdminAnswer(error: unknown): boolean {
  return error instanceof HomeserverError && error.status === 403 && error.errcode === "M_FORBIDDEN";
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.floor(limit ?? 100));
}

function withReason(body: Json, reason: string | undefined): Json {
  return reason === undefined ? body : { ...body, reason };
}
