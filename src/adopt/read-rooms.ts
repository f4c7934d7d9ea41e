import type { UserId } from "../declarations/model.js";
import { describeRoomProblem, isLocalUser } from "../declarations/identifiers.js";
import type { SynapseClient } from "../homeserver/client.js";
import { HomeserverError } from "../homeserver/errors.js";
import { toRoomSnapshot } from "../homeserver/room-state.js";
import type { StateEvent } from "../homeserver/types.js";
import { effectivePowerLevels } from "../observe/observe-rooms.js";
import { observeUsers } from "../observe/observe-users.js";
import type { PowerLevels } from "../plan/observation.js";
import { powerOf } from "../plan/power.js";
import { mapConcurrent } from "../util/concurrency.js";
import type { ImportedRoom } from "./render-import.js";

export type ImportReader = Pick<SynapseClient, "resolveAlias" | "getRoomState" | "getUser" | "listUsers">;

/** One room as read from its current state (never from the room list's stats tables, which lag). */
interface RawRoom {
  roomId: string;
  given?: string;
  canonicalAlias?: string;
  joined: UserId[];
  invited: UserId[];
  levels: PowerLevels;
}

export type ReadOutcome =
  | { status: "ok"; room: ImportedRoom }
  /** The server left the room (its state is empty): nothing to declare. */
  | { status: "left"; target: string; roomId: string }
  | { status: "error"; target: string; detail: string };

/**
 * Reads each target (alias or room ID) through the admin state API, which works whether or not the
 * admin is in the room. Deactivated users are found the cheap way (observeUsers). A room that cannot be
 * read is an error outcome naming it; the others are still read.
 */
export async function readRooms(targets: readonly string[], admin: UserId, serverName: string, client: ImportReader, concurrency: number): Promise<ReadOutcome[]> {
  const raw = await mapConcurrent(targets, concurrency, (target) => readRaw(target, client));
  const local = new Set<UserId>();
  for (const r of raw) if ("joined" in r) for (const user of r.joined) if (isLocalUser(user, serverName) && user !== admin) local.add(user);
  const statuses = await observeUsers([...local].sort(), client, concurrency);
  return mapConcurrent(raw, concurrency, async (r): Promise<ReadOutcome> => {
    if (!("joined" in r)) return r;
    const deactivated = r.joined.filter((user) => statuses.get(user) === "deactivated");
    const joined = r.joined.filter((user) => user !== admin && statuses.get(user) !== "deactivated");
    const { ref, aliasNote } = await chooseRef(r, client);
    const room: ImportedRoom = { roomId: r.roomId, ref, joined, invited: r.invited, deactivated, ...importedLevels(r.levels, joined), ...(aliasNote !== undefined ? { aliasNote } : {}) };
    return { status: "ok", room };
  });
}

async function readRaw(target: string, client: ImportReader): Promise<RawRoom | Exclude<ReadOutcome, { status: "ok" }>> {
  try {
    const roomId = target.startsWith("#") ? (await client.resolveAlias(target))?.roomId : target;
    if (roomId === undefined) return { status: "error", target, detail: `${target} does not resolve on this server (check the alias)` };
    const state = await client.getRoomState(roomId);
    if (state === null) return { status: "error", target, detail: `${roomId} is unknown to this server (check the room ID)` };
    if (state.length === 0) return { status: "left", target, roomId };
    return { roomId, ...(target.startsWith("#") ? { given: target } : {}), ...membersOf(state), levels: effectivePowerLevels(toRoomSnapshot(roomId, state)) };
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    return { status: "error", target, detail: `could not read ${target}: ${error.message}` };
  }
}

function membersOf(state: readonly StateEvent[]): Pick<RawRoom, "joined" | "invited" | "canonicalAlias"> {
  const joined: UserId[] = [];
  const invited: UserId[] = [];
  let canonicalAlias: string | undefined;
  for (const event of state) {
    if (event.type === "m.room.member") {
      const membership = event.content["membership"];
      if (membership === "join") joined.push(event.state_key);
      else if (membership === "invite") invited.push(event.state_key);
    } else if (event.type === "m.room.canonical_alias" && event.state_key === "") {
      const alias = event.content["alias"];
      if (typeof alias === "string") canonicalAlias = alias;
    }
  }
  return { joined: joined.sort(), invited: invited.sort(), ...(canonicalAlias !== undefined ? { canonicalAlias } : {}) };
}

/**
 * The levels to declare so that the next plan changes none (reference §14.1): every declared member
 * whose effective level differs from users_default, as the planner reads it (powerOf), muted users
 * below it included. v12 creators have creator power, which no declaration can express: left out. A
 * level outside the declarations' range (old rooms accepted any number) cannot be declared either.
 */
function importedLevels(levels: PowerLevels, joined: readonly UserId[]): Pick<ImportedRoom, "power" | "creators" | "undeclarable"> {
  const power: Record<UserId, number> = {};
  const creators: UserId[] = [];
  const undeclarable: UserId[] = [];
  for (const user of joined) {
    if (levels.creators.includes(user)) creators.push(user);
    else {
      const level = powerOf(levels, user);
      if (level === levels.usersDefault) continue;
      if (Number.isSafeInteger(level)) power[user] = level;
      else undeclarable.push(user);
    }
  }
  return { power, ...(creators.length > 0 ? { creators } : {}), ...(undeclarable.length > 0 ? { undeclarable } : {}) };
}

/** The canonical alias only when it still resolves to this very room, since plan will resolve it. */
async function chooseRef(room: RawRoom, client: ImportReader): Promise<{ ref: string; aliasNote?: string }> {
  const canonical = room.canonicalAlias;
  const fallback = room.given !== undefined && describeRoomProblem(room.given) === undefined ? room.given : room.roomId;
  if (canonical === undefined) return { ref: fallback };
  if (describeRoomProblem(canonical) !== undefined) return { ref: fallback, aliasNote: `canonical alias ${canonical} cannot be declared (not a valid alias)` };
  if (canonical === room.given) return { ref: canonical };
  try {
    const resolved = await client.resolveAlias(canonical);
    if (resolved?.roomId === room.roomId) return { ref: canonical };
    return { ref: fallback, aliasNote: `canonical alias ${canonical} ${resolved ? `points at ${resolved.roomId}` : "does not resolve"}, so it is not used` };
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    return { ref: fallback, aliasNote: `canonical alias ${canonical} could not be resolved (${error.message}), so it is not used` };
  }
}
