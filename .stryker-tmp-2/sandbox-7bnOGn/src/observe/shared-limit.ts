// @ts-nocheck
import type { Limiter } from "../util/concurrency.js";
import type { RoomReader } from "./observe-rooms.js";
import type { UserReader } from "./observe-users.js";

export type ObserveReader = RoomReader & UserReader;

/**
 * The reads observe makes, each run through one shared Limiter: room reads and user lookups then go on
 * side by side and together never exceed the limit, instead of one phase draining before the next starts.
 */
export function limitReads(client: ObserveReader, limiter: Limiter): ObserveReader {
  return {
    resolveAlias: (alias) => limiter.run(() => client.resolveAlias(alias)),
    getRoomState: (roomId) => limiter.run(() => client.getRoomState(roomId)),
    getUser: (userId) => limiter.run(() => client.getUser(userId)),
    listUsers: (page) => limiter.run(() => client.listUsers(page)),
  };
}
