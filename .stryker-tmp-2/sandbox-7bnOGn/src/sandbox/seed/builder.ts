// @ts-nocheck
import type { Seed, SeedMembership, SeedRoom, SeedUser } from "./types.js";

/** Builds a seed in code (tests, the benchmark); the result is the same plain data as a seed file. */
export class SeedBuilder {
  private readonly users: SeedUser[] = [];
  private readonly rooms: SeedRoom[] = [];
  private readonly unreachable: string[] = [];

  constructor(readonly serverName = "acme.test") {}

  user(name: string, flags: Omit<SeedUser, "name"> = {}): this {
    this.users.push({ name, ...flags });
    return this;
  }

  room(spec: SeedRoom): this {
    this.rooms.push(spec);
    return this;
  }

  unreachableServer(server: string): this {
    this.unreachable.push(server);
    return this;
  }

  build(): Seed {
    return {
      server_name: this.serverName,
      users: [...this.users],
      rooms: [...this.rooms],
      ...(this.unreachable.length > 0 ? { unreachable_servers: [...this.unreachable] } : {}),
    };
  }
}

export function seedBuilder(serverName?: string): SeedBuilder {
  return new SeedBuilder(serverName);
}

export interface ScaleSeedOptions {
  users: number;
  rooms: number;
  membersPerRoom: number;
  /** Size of one extra room "#big" whose own users big0…bigN are added (0 for none). */
  bigRoomMembers?: number;
  /** Fraction of each room's members already joined (the rest absent), default 0.5. */
  joinedFraction?: number;
}

/**
 * A large seed for the benchmark: users u0…uN, rooms r0…rM ("#r<i>") created by admin with
 * `membersPerRoom` members chosen round-robin, the first `joinedFraction` of them joined.
 */
export function scaleSeed(options: ScaleSeedOptions, serverName = "acme.test"): Seed {
  const builder = seedBuilder(serverName).user("admin", { admin: true });
  for (let i = 0; i < options.users; i++) builder.user(`u${i}`);
  const joinedPerRoom = Math.floor(options.membersPerRoom * (options.joinedFraction ?? 0.5));
  for (let r = 0; r < options.rooms; r++) {
    const members: Record<string, SeedMembership> = {};
    for (let m = 0; m < joinedPerRoom; m++) members[`u${(r * options.membersPerRoom + m) % options.users}`] = "join";
    builder.room({ alias: `r${r}`, creator: "admin", join_rule: "invite", members });
  }
  if (options.bigRoomMembers) {
    const members: Record<string, SeedMembership> = {};
    const joined = Math.floor(options.bigRoomMembers * (options.joinedFraction ?? 0.5));
    for (let m = 0; m < options.bigRoomMembers; m++) builder.user(`big${m}`);
    for (let m = 0; m < joined; m++) members[`big${m}`] = "join";
    builder.room({ alias: "big", creator: "admin", join_rule: "invite", members });
  }
  return builder.build();
}
