import type { RegisteredUser } from "./synapse.js";
import type { RosterRunner, World } from "./world.js";

export interface PruneRoom {
  owner: RegisteredUser;
  /** The undeclared members a prune removes, sorted. */
  extras: string[];
  roomId: string;
  run: RosterRunner;
}

/**
 * A public room whose owner (100) is the only declared member, with `kicks` undeclared members and the
 * admin joined at 50, declared with prune: true. The members are joined through the admin join API,
 * which is never rate limited, so the admin's own buckets stay full for roster's kicks.
 */
export async function pruneRoom(w: World, kicks: number): Promise<PruneRoom> {
  const owner = await w.user("owner");
  const extras = await w.accounts(...Array.from({ length: kicks }, (_, i) => `extra${String(i).padStart(2, "0")}`));
  const roomId = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("prune"), powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 50 } } });
  await Promise.all([w.admin.userId, ...extras].map((user) => w.hs.forceJoin(user, roomId)));
  const run = await w.declare({ "rooms/prune.yaml": w.roomsFile({ [w.alias("prune")]: { members: [w.name("owner")], prune: true } }) });
  return { owner, extras: [...extras].sort(), roomId, run };
}
