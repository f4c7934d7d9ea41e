import type { Sandbox } from "../../src/sandbox/index.js";
import { call, tokenOf, type Answer } from "./sandbox.js";

/** The client state path; `stateKey` "" ends in a slash (Synapse's empty key), undefined leaves the key out. */
export function statePath(roomId: string, type: string, stateKey?: string): string {
  const key = stateKey === undefined ? "" : `/${encodeURIComponent(stateKey)}`;
  return `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}${key}`;
}

/** PUT a power-levels event as a user (a localpart): `content` is JSON-encoded, `raw` sent as is. */
export function putLevels(hs: Sandbox, as: string, roomId: string, body: { content: unknown } | { raw: string }, stateKey = ""): Promise<Answer> {
  const payload = "raw" in body ? { rawBody: body.raw } : { body: body.content };
  return call(hs, "PUT", statePath(roomId, "m.room.power_levels", stateKey), { token: tokenOf(hs, as), ...payload });
}

export function getState(hs: Sandbox, as: string, roomId: string, type: string, stateKey?: string, query = ""): Promise<Answer> {
  return call(hs, "GET", `${statePath(roomId, type, stateKey)}${query}`, { token: tokenOf(hs, as) });
}

/** The room's current power-levels event (state key ""), as the sandbox holds it. */
export function levelsEvent(hs: Sandbox, alias: string) {
  const room = hs.state.rooms.get(hs.roomIdOf(alias));
  return room && hs.state.getState(room, "m.room.power_levels");
}

/** A copy of the room's current power levels with `changes` merged in (`users` merged key by key; undefined removes). */
export function levelsWith(hs: Sandbox, alias: string, changes: Record<string, unknown> = {}, users: Record<string, number | undefined> = {}): Record<string, unknown> {
  const current = structuredClone(levelsEvent(hs, alias)?.content ?? {});
  const merged: Record<string, unknown> = { ...((current["users"] ?? {}) as Record<string, unknown>) };
  for (const [user, level] of Object.entries(users)) {
    if (level === undefined) delete merged[user];
    else merged[user] = level;
  }
  return { ...current, ...changes, users: merged };
}
