/**
 * The differential test's world, described once with symbolic names and built twice: as a sandbox
 * seed and, through the raw client, on the real Synapse. User IDs and aliases are the same on both
 * sides (`@<prefix>_alice:<server>`); only room IDs differ, and `Names` maps them back to symbols.
 */
import type { Seed, SeedMembership } from "../../../src/sandbox/index.js";
import type { Membership } from "../../../src/sandbox/index.js";
import type { RegisteredUser, Synapse } from "./synapse.js";

/**
 * `public`: public_chat; `invite`: private_chat; `private`: private_chat whose join rule becomes
 * `private` once the members are in; `rule-without-key`: private_chat whose join-rules event is `{}`.
 */
export type RoomKind = "public" | "invite" | "private" | "rule-without-key";

export interface WorldRoom {
  key: string;
  creator: string;
  kind: RoomKind;
  /** Room version; absent: each server's default (1.67: 9, the sandbox: 11, as current Synapse). */
  version?: string;
  /**
   * Top-level power-level overrides (createRoom's power_level_content_override: each key replaces the
   * default wholesale); `users` names user keys (the creator keeps 100 unless listed).
   */
  powerLevels?: { users?: Record<string, number> } & Record<string, unknown>;
  /** User key → membership, applied in order; the creator's own entry (e.g. leave) is applied last. */
  members: Record<string, Membership>;
}

export interface WorldUser {
  key: string;
  admin?: boolean;
  /** Never acts (no token needed): made on Synapse with the admin API, without the password hashing of a registration. */
  passive?: boolean;
}

export interface World {
  users: WorldUser[];
  rooms: WorldRoom[];
}

/** Every kind of user and room the differential test needs (see differential.test.ts). */
/** Invited users the admin kicks until its message bucket (burst 10) is spent. */
const crowd = Array.from({ length: 11 }, (_, i) => `g${i + 1}`);

export const differentialWorld: World = {
  users: [
    { key: "admin", admin: true },
    ...["owner", "alice", "bob", "carol", "dave", "erin", "fay", "zed"].map((key) => ({ key })),
    ...crowd.map((key) => ({ key, passive: true })),
  ],
  rooms: [
    // Public room the admin is in at level 0 (public_chat: invite 50, kick 50): no invite or kick power.
    { key: "pub", version: "9", creator: "owner", kind: "public", members: { admin: "join", alice: "join", dave: "join", bob: "invite", carol: "leave", erin: "ban" } },
    // Invite-only room the admin created: every power.
    { key: "priv", version: "9", creator: "admin", kind: "invite", members: { alice: "join", bob: "invite", carol: "leave", erin: "ban" } },
    // Invite-only, the admin joined but below the invite level.
    { key: "weak", version: "9", creator: "owner", kind: "invite", powerLevels: { invite: 50, users: { admin: 0 } }, members: { admin: "join", alice: "join" } },
    // Invite-only room the admin is not in.
    { key: "noadmin", version: "9", creator: "owner", kind: "invite", members: { alice: "join", erin: "ban" } },
    // Every local member left: the server is no longer in the room.
    { key: "empty", version: "9", creator: "owner", kind: "invite", members: { alice: "leave", owner: "leave" } },
    // A join-rules event without a join_rule key (a room with no join-rules event at all cannot be made
    // locally), in each server's default room version.
    // Join rule private: an admin join invites, then the join is refused.
    { key: "closed", version: "9", creator: "admin", kind: "private", members: { alice: "join" } },
    // The creator left; the top listed joined local user (alice, 50) cannot edit power levels (100).
    { key: "orphan", version: "9", creator: "owner", kind: "invite", powerLevels: { users: { alice: 50 } }, members: { alice: "join", bob: "join", owner: "leave" } },
    // The creator left and nobody joined is listed in the power levels.
    { key: "headless", version: "9", creator: "owner", kind: "invite", members: { alice: "join", owner: "leave" } },
    // The admin (100) and eleven invited users: enough kicks to spend the admin's message bucket.
    { key: "crowd", version: "9", creator: "owner", kind: "invite", powerLevels: { users: { admin: 100 } }, members: { admin: "join", ...Object.fromEntries(crowd.map((key) => [key, "invite" as const])) } },
    { key: "norule", creator: "admin", kind: "rule-without-key", members: { alice: "join" } },
  ],
};

/** Symbolic names ↔ the IDs one side uses. */
export interface Names {
  prefix: string;
  serverName: string;
  userId(key: string): string;
  alias(key: string): string;
  roomId(key: string): string;
  /** Access token of a user key, as issued before anything was deactivated. */
  token(key: string): string;
}

export function userIdOf(prefix: string, serverName: string, key: string): string {
  return `@${prefix}_${key}:${serverName}`;
}

export function aliasOf(prefix: string, serverName: string, key: string): string {
  return `#${prefix}_${key}:${serverName}`;
}

function expandLevels(room: WorldRoom, id: (key: string) => string): Record<string, unknown> | undefined {
  if (!room.powerLevels) return undefined;
  const { users, ...top } = room.powerLevels;
  const expanded = Object.fromEntries(Object.entries(users ?? {}).map(([key, level]) => [id(key), level]));
  return { ...top, users: { [id(room.creator)]: 100, ...expanded } };
}

/** The world as a sandbox seed (plus the one tweak a seed cannot say: a join-rules event without its key). */
export function toSandboxSeed(world: World, prefix: string, serverName: string, extra: Partial<Seed> = {}): Seed {
  const id = (key: string) => userIdOf(prefix, serverName, key);
  return {
    server_name: serverName,
    // Synapse's registration gives every user its localpart as display name; member events carry it.
    users: world.users.map((u) => ({ name: id(u.key), displayname: `${prefix}_${u.key}`, ...(u.admin ? { admin: true } : {}) })),
    rooms: world.rooms.map((room) => {
      const levels = expandLevels(room, id);
      const members: Record<string, SeedMembership> = {};
      for (const [key, membership] of Object.entries(room.members)) members[id(key)] = membership;
      return {
        alias: aliasOf(prefix, serverName, room.key),
        name: `${prefix} ${room.key}`,
        creator: id(room.creator),
        join_rule: room.kind === "public" ? "public" : room.kind === "private" ? "private" : "invite",
        ...(room.version ? { version: room.version } : {}),
        ...(levels ? { power_levels: levels } : {}),
        members,
      };
    }),
    ...extra,
  };
}

/**
 * Registers the users and builds the rooms on a real Synapse with the same memberships, in the same
 * order. Every user but the admins stays exempted from rate limits (the sandbox side does the same);
 * the admins only while seeding, so that their buckets start as empty as in a fresh sandbox.
 */
export async function seedSynapse(hs: Synapse, world: World, prefix: string): Promise<{ tokens: Map<string, string>; rooms: Map<string, string> }> {
  // Before the first account: the comparison reads room statistics, which wait for these.
  await hs.backgroundUpdatesDone();
  const id = (key: string) => userIdOf(prefix, hs.serverName, key);
  const users = new Map<string, RegisteredUser>();
  await Promise.all(
    world.users.map(async (u) => {
      if (u.passive) {
        await hs.ok("PUT", `/_synapse/admin/v2/users/${encodeURIComponent(id(u.key))}`, { token: hs.adminToken, body: {} });
        users.set(u.key, { userId: id(u.key), localpart: `${prefix}_${u.key}`, token: "" });
        return;
      }
      const user = await hs.register(`${prefix}_${u.key}`, { admin: u.admin ?? false });
      await hs.unlimit(user.userId);
      users.set(u.key, user);
    }),
  );
  const user = (key: string) => users.get(key) ?? assertNever(key);
  const rooms = new Map<string, string>();
  // Rooms are independent: built side by side, each one's memberships in order.
  const build = async (room: WorldRoom) => {
    const creator = user(room.creator);
    const levels = expandLevels(room, id);
    const roomId = await hs.createRoom(creator, {
      preset: room.kind === "public" ? "public_chat" : "private_chat",
      alias: `${prefix}_${room.key}`,
      name: `${prefix} ${room.key}`,
      ...(room.version ? { roomVersion: room.version } : {}),
      ...(levels ? { powerLevels: levels } : {}),
      ...(room.kind === "rule-without-key" ? { initialState: [{ type: "m.room.join_rules", state_key: "", content: {} }] } : {}),
    });
    rooms.set(room.key, roomId);
    const entries = Object.entries(room.members);
    const ordered = [...entries.filter(([key]) => key !== room.creator), ...entries.filter(([key]) => key === room.creator)];
    for (const [key, membership] of ordered) await applyMembership(hs, roomId, room.kind, creator, user(key), membership);
    if (room.kind === "private") await hs.setState(creator, roomId, "m.room.join_rules", { join_rule: "private" });
  };
  await Promise.all(world.rooms.map(build));
  await Promise.all([...rooms.values()].map((roomId) => statsCaughtUp(hs, roomId)));
  for (const u of world.users.filter((w) => w.admin)) {
    await hs.ok("DELETE", `/_synapse/admin/v1/users/${encodeURIComponent(id(u.key))}/override_ratelimit`, { token: hs.adminToken });
  }
  return { tokens: new Map([...users].filter(([, u]) => u.token !== "").map(([key, u]) => [key, u.token])), rooms };
}

/**
 * Synapse's room details come from statistics its stats handler updates in the background (reference
 * §6.1; only once the server's background updates are done), so right after seeding they may still
 * count a member who has left. Waits (up to 30 s) until
 * they agree with the room's current state, so that the comparison sees what the sandbox holds at once;
 * a room whose counts are still behind then is left to the comparison, which names any difference.
 */
async function statsCaughtUp(hs: Synapse, roomId: string): Promise<void> {
  const joined = (await hs.members(roomId)).length;
  for (let attempt = 0; attempt < 300; attempt++) {
    const details = await hs.ok("GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}`, { token: hs.adminToken });
    if (details["joined_members"] === joined) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function applyMembership(hs: Synapse, roomId: string, kind: RoomKind, creator: RegisteredUser, target: RegisteredUser, membership: Membership): Promise<void> {
  const enter = async () => {
    if (kind !== "public") await hs.membershipChange(creator, roomId, "invite", target.userId);
    await hs.join(target, roomId);
  };
  if (membership === "invite") return hs.membershipChange(creator, roomId, "invite", target.userId);
  if (membership === "ban") return hs.membershipChange(creator, roomId, "ban", target.userId);
  if (membership === "join") return enter();
  if (membership === "leave") {
    if (target.userId !== creator.userId) await enter();
    return hs.leave(target, roomId);
  }
  throw new Error(`seedSynapse: membership ${membership} is not supported`);
}

function assertNever(key: string): never {
  throw new Error(`differential world: unknown user key ${key}`);
}
