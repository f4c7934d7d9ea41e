// @ts-nocheck
import { domainOf, isValidAlias, isValidRoomId, parseId } from "../state/ids.js";
import type { SandboxState } from "../state/model.js";
import { refuse, type Outcome } from "../state/refusal.js";
import type { Membership, Room } from "../state/types.js";

/** ResolveRoomIdMixin.resolve_room_id: an ID is used as is, an alias goes through the directory. */
export function resolveRoomId(state: SandboxState, idOrAlias: string): Outcome<string> {
  if (isValidRoomId(idOrAlias)) return idOrAlias;
  if (isValidAlias(idOrAlias)) return lookupAlias(state, idOrAlias);
  return refuse(400, "M_UNKNOWN", `${idOrAlias} was not legal room ID or room alias`);
}

/** DirectoryHandler.get_association; the sandbox has no federation, so remote servers know no alias. */
export function lookupAlias(state: SandboxState, alias: string): Outcome<string> {
  const domain = domainOf(alias);
  if (domain !== state.serverName && state.unreachableServers.has(domain)) {
    return refuse(502, "M_UNKNOWN", "Failed to fetch alias");
  }
  const roomId = state.aliases.get(alias);
  if (roomId === undefined) return refuse(404, "M_NOT_FOUND", `Room alias ${alias} not found`);
  return roomId;
}

/** UserID.from_string's refusals (reference §3). */
export function parseUserId(value: string): Outcome<string> {
  if (!value.startsWith("@")) return refuse(400, "M_INVALID_PARAM", "Expected UserID string to start with '@'");
  if (parseId(value, "@") === undefined) return refuse(400, "M_INVALID_PARAM", "Expected UserID string to be of the form '@localname:domain'");
  return value;
}

/** Membership as the server sees it now: nothing at all once no local user is joined (state deleted). */
export function currentMembership(state: SandboxState, room: Room | undefined, userId: string): Membership | undefined {
  if (!room || !state.serverInRoom(room)) return undefined;
  return state.membershipOf(room, userId);
}
