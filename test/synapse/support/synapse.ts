/**
 * A small raw client for seeding and reading back a real Synapse in test:synapse. It speaks plain
 * HTTP (the global fetch) so that what the tests set up and check never goes through roster's code.
 */
import { createHmac, randomBytes } from "node:crypto";
import { synapseEnvNames } from "./env.js";

export interface SynapseAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  /** A raw Authorization header value (instead of `Bearer <token>`). */
  authorization?: string;
  body?: unknown;
  /** Sent as is (already serialised), e.g. to test a body that is not JSON. */
  rawBody?: string;
}

export interface RegisteredUser {
  userId: string;
  localpart: string;
  token: string;
}

export interface CreateRoomOptions {
  preset?: "public_chat" | "private_chat" | "trusted_private_chat";
  alias?: string;
  name?: string;
  invite?: string[];
  roomVersion?: string;
  powerLevels?: Record<string, unknown>;
  initialState?: { type: string; state_key: string; content: Record<string, unknown> }[];
}

export class Synapse {
  constructor(
    readonly url: string,
    readonly adminToken: string,
    readonly sharedSecret: string,
    readonly serverName: string,
  ) {}

  /** Where roster finds this server, as the CLI's environment (token given as a variable, never a flag). */
  rosterEnv(token: string): Record<string, string> {
    return { MATRIX_HOMESERVER_URL: this.url, MATRIX_ADMIN_TOKEN: token };
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<SynapseAnswer> {
    const headers: Record<string, string> = {};
    if (options.token) headers["authorization"] = `Bearer ${options.token}`;
    if (options.authorization !== undefined) headers["authorization"] = options.authorization;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(this.url + path, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual" });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { raw: text };
    }
    const asObject = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
    return { status: response.status, body: asObject, headers: response.headers };
  }

  /** As `request`, but any answer other than 200 throws with the method, path and answer. */
  async ok(method: string, path: string, options: RequestOptions = {}): Promise<Record<string, unknown>> {
    const answer = await this.request(method, path, options);
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Shared-secret registration: a new local user with its own access token. */
  async register(localpart: string, options: { admin?: boolean } = {}): Promise<RegisteredUser> {
    const { nonce } = (await this.ok("GET", "/_synapse/admin/v1/register")) as { nonce: string };
    const password = randomBytes(12).toString("hex");
    const admin = options.admin ?? false;
    const mac = createHmac("sha1", this.sharedSecret)
      .update([nonce, localpart, password, admin ? "admin" : "notadmin"].join("\0"))
      .digest("hex");
    const body = await this.ok("POST", "/_synapse/admin/v1/register", { body: { nonce, username: localpart, password, admin, mac } });
    return { userId: body["user_id"] as string, localpart, token: body["access_token"] as string };
  }

  /**
   * A local account without password or token (admin API, no password hashing): cheap, for users that
   * never act. It gets an email address because a fresh Synapse database runs a one-time background
   * update (users_set_deactivated_flag) that marks accounts with no password, token or threepid as
   * deactivated, a few seconds after the first start.
   */
  async createAccount(localpart: string): Promise<string> {
    const userId = `@${localpart}:${this.serverName}`;
    const threepids = [{ medium: "email", address: `${localpart}@example.test` }];
    await this.ok("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, { token: this.adminToken, body: { threepids } });
    return userId;
  }

  /** Lifts every rate limit of a seeding user, so that seeding never waits (roster's own admin keeps the defaults). */
  async unlimit(userId: string): Promise<void> {
    await this.ok("POST", `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/override_ratelimit`, {
      token: this.adminToken,
      body: { messages_per_second: 0, burst_count: 0 },
    });
  }

  async createRoom(creator: RegisteredUser, options: CreateRoomOptions = {}): Promise<string> {
    const body: Record<string, unknown> = { preset: options.preset ?? "private_chat" };
    if (options.alias) body["room_alias_name"] = options.alias;
    if (options.name) body["name"] = options.name;
    if (options.invite) body["invite"] = options.invite;
    if (options.roomVersion) body["room_version"] = options.roomVersion;
    if (options.powerLevels) body["power_level_content_override"] = options.powerLevels;
    if (options.initialState) body["initial_state"] = options.initialState;
    if (options.preset === "public_chat") body["visibility"] = "public";
    const answer = await this.ok("POST", "/_matrix/client/v3/createRoom", { token: creator.token, body });
    return answer["room_id"] as string;
  }

  async membershipChange(actor: RegisteredUser, roomId: string, action: "invite" | "kick" | "ban" | "unban", target: string): Promise<void> {
    await this.ok("POST", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${action}`, { token: actor.token, body: { user_id: target } });
  }

  /** The admin join API with the server's own admin token: never rate-limited, so it seeds members of public rooms cheaply. */
  async forceJoin(userId: string, roomId: string): Promise<void> {
    await this.ok("POST", `/_synapse/admin/v1/join/${encodeURIComponent(roomId)}`, { token: this.adminToken, body: { user_id: userId } });
  }

  async join(user: RegisteredUser, roomId: string): Promise<void> {
    await this.ok("POST", `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, { token: user.token, body: {} });
  }

  async leave(user: RegisteredUser, roomId: string): Promise<void> {
    await this.ok("POST", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`, { token: user.token, body: {} });
  }

  /**
   * Waits (up to 5 minutes) until the server has run its background updates. A fresh database runs them
   * one after another for a few minutes, and until they are done Synapse does not update its room
   * statistics at all, so room details (joined_members, …) lag the rooms' state.
   */
  async backgroundUpdatesDone(): Promise<void> {
    for (let waited = 0; waited < 300_000; waited += 1000) {
      const status = await this.ok("GET", "/_synapse/admin/v1/background_updates/status", { token: this.adminToken });
      if (Object.keys((status["current_updates"] ?? {}) as object).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error("Synapse's background updates were still running after 5 minutes");
  }

  async deactivate(userId: string): Promise<void> {
    await this.ok("POST", `/_synapse/admin/v1/deactivate/${encodeURIComponent(userId)}`, { token: this.adminToken, body: { erase: false } });
  }

  async powerLevels(roomId: string): Promise<Record<string, unknown>> {
    const event = (await this.state(roomId)).find((e) => e["type"] === "m.room.power_levels" && e["state_key"] === "");
    return (event?.["content"] ?? {}) as Record<string, unknown>;
  }

  async setState(actor: RegisteredUser, roomId: string, type: string, content: Record<string, unknown>): Promise<void> {
    await this.ok("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/`, { token: actor.token, body: content });
  }

  async setPowerLevels(actor: RegisteredUser, roomId: string, content: Record<string, unknown>): Promise<void> {
    await this.ok("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.power_levels/`, { token: actor.token, body: content });
  }

  /** The room's current state as the admin API reads it. */
  async state(roomId: string): Promise<Record<string, unknown>[]> {
    const body = await this.ok("GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`, { token: this.adminToken });
    return body["state"] as Record<string, unknown>[];
  }

  /** User ID → membership ("join", "invite", "leave", "ban") of every member event in the room's state. */
  async memberships(roomId: string): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const event of await this.state(roomId)) {
      if (event["type"] !== "m.room.member") continue;
      result[event["state_key"] as string] = (event["content"] as { membership: string }).membership;
    }
    return result;
  }

  /** Sorted user IDs whose membership is `membership` (default "join"). */
  async members(roomId: string, membership = "join"): Promise<string[]> {
    return Object.entries(await this.memberships(roomId))
      .filter(([, value]) => value === membership)
      .map(([user]) => user)
      .sort();
  }

  async resolveAlias(alias: string): Promise<string> {
    const body = await this.ok("GET", `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
    return body["room_id"] as string;
  }
}

/** The server named by the ROSTER_SYNAPSE_* variables (test:synapse sets them when it starts one itself). */
export async function connectSynapse(env: NodeJS.ProcessEnv = process.env): Promise<Synapse> {
  const url = env[synapseEnvNames.url];
  const adminToken = env[synapseEnvNames.adminToken];
  const sharedSecret = env[synapseEnvNames.sharedSecret];
  if (!url || !adminToken || !sharedSecret) {
    throw new Error(
      `test:synapse needs a real Synapse: set ${synapseEnvNames.url}, ${synapseEnvNames.adminToken} and ${synapseEnvNames.sharedSecret}, or run it through \`npm run test:synapse\`.`,
    );
  }
  const bare = new Synapse(url.replace(/\/+$/, ""), adminToken, sharedSecret, "");
  const whoami = await bare.ok("GET", "/_matrix/client/v3/account/whoami", { token: adminToken });
  const serverName = (whoami["user_id"] as string).slice((whoami["user_id"] as string).indexOf(":") + 1);
  return new Synapse(bare.url, adminToken, sharedSecret, serverName);
}

/**
 * A prefix unique to one test of one run (`r` + time + random, lowercase), for every user localpart
 * and room alias the test creates, so runs against a shared server never meet each other's data.
 */
export function uniquePrefix(): string {
  return `r${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}
