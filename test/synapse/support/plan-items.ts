/** Reading a parsed plan in assertions: find a room, list its blocks without their hints (prose). */
import assert from "node:assert/strict";
import type { Blocked, Plan, RoomPlan } from "../../../src/plan/types.js";

export function roomOf(plan: Plan, ref: string): RoomPlan {
  const room = plan.rooms.find((r) => r.room === ref);
  assert.ok(room, `no room ${ref} in the plan`);
  return room;
}

export function blocksOf(room: RoomPlan): Omit<Blocked, "hint">[] {
  return room.blocked.map(({ code, user, users }) => ({ code, ...(user !== undefined ? { user } : {}), ...(users !== undefined ? { users } : {}) }));
}

/** [action, user] of each planned change, in plan order. */
export function changesOf(room: RoomPlan): [string, string][] {
  return room.changes.map((c) => [c.action, c.user]);
}
