// @ts-nocheck
import { formatPos } from "../declarations/diagnostic.js";
import type { Desired } from "../declarations/model.js";
import type { SynapseClient } from "../homeserver/client.js";
import { HomeserverError } from "../homeserver/errors.js";
import { mapConcurrent } from "../util/concurrency.js";

/**
 * Where each room of the tree is declared, keyed by its ref and, for aliases that resolve, by room ID:
 * so a room declared by alias is recognised when it is imported by ID, and the other way round.
 */
export async function findDeclaredRooms(desired: Desired, client: Pick<SynapseClient, "resolveAlias">, concurrency: number): Promise<Map<string, string>> {
  const where = new Map<string, string>();
  for (const room of desired.rooms) where.set(room.ref, formatPos(room.pos));
  const aliases = desired.rooms.filter((room) => room.ref.startsWith("#"));
  await mapConcurrent(aliases, concurrency, async (room) => {
    try {
      const resolved = await client.resolveAlias(room.ref);
      if (resolved !== null && !where.has(resolved.roomId)) where.set(resolved.roomId, formatPos(room.pos));
    } catch (error) {
      // An alias that cannot be resolved now cannot hide an imported room either.
      if (!(error instanceof HomeserverError)) throw error;
    }
  });
  return where;
}
