import type { TestContext } from "node:test";
import { seedBuilder, startSandbox, type Sandbox, type SandboxOptions, type SeedRoom } from "../../src/sandbox/index.js";

export interface Answer {
  status: number;
  // Tests read arbitrary keys of Synapse's JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface CallOptions {
  /** Access token; default none. */
  token?: string;
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One real HTTP request to the sandbox. */
export async function call(hs: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers["Authorization"] = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${hs.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** The users every sandbox test seed has: admin plus users with each account flag. */
export function standardUsers() {
  return seedBuilder("acme.test")
    .user("admin", { admin: true })
    .user("alice")
    .user("bob")
    .user("carol")
    .user("dave", { deactivated: true })
    .user("erin", { suspended: true })
    .user("frank", { locked: true })
    .user("gina", { shadow_banned: true })
    .user("mod", { admin: true })
    .user("susan", { admin: true, suspended: true })
    .user("sam", { admin: true, shadow_banned: true });
}

/** Starts a sandbox with the standard users and the given rooms, closed when the test ends. */
export async function startTestSandbox(t: TestContext, rooms: SeedRoom[], options: SandboxOptions = {}): Promise<Sandbox> {
  const builder = standardUsers();
  for (const room of rooms) builder.room(room);
  const hs = await startSandbox(builder.unreachableServer("down.test").build(), options);
  t.after(() => hs.close());
  return hs;
}

export function tokenOf(hs: Sandbox, localpart: string): string {
  const token = hs.tokens[`@${localpart}:${hs.serverName}`];
  if (token === undefined) throw new Error(`no token for ${localpart}`);
  return token;
}

/** POST /_synapse/admin/v1/join as the admin. */
export function adminJoin(hs: Sandbox, room: string, userId: unknown, token = hs.adminToken): Promise<Answer> {
  return call(hs, "POST", `/_synapse/admin/v1/join/${encodeURIComponent(room)}`, { token, body: { user_id: userId } });
}

/** POST /_matrix/client/v3/join as the user `as` (a localpart), rate limited like any client join. */
export function clientJoin(hs: Sandbox, as: string, roomIdOrAlias: string): Promise<Answer> {
  return call(hs, "POST", `/_matrix/client/v3/join/${encodeURIComponent(roomIdOrAlias)}`, { token: tokenOf(hs, as), body: {} });
}

export function clientAction(hs: Sandbox, action: "invite" | "kick", as: string, roomId: string, userId: string, reason?: string): Promise<Answer> {
  return call(hs, "POST", `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${action}`, {
    token: tokenOf(hs, as),
    body: { user_id: userId, ...(reason ? { reason } : {}) },
  });
}

export function expectError(answer: Answer): { status: number; errcode: string; error: string } {
  return { status: answer.status, errcode: answer.body?.errcode, error: answer.body?.error };
}
