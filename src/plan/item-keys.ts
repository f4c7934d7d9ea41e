import type { Blocked, Change, Plan, RoomPlan } from "./types.js";

/**
 * Stable keys that identify plan items across two plans, for pull-request attribution (plan --base):
 * an item of the head plan whose key the base plan lacks is introduced by the pull request.
 * A room-level block has one key per user it holds back, so adding a user to a blocked room counts.
 */
export function changeKey(room: Pick<RoomPlan, "room">, change: Pick<Change, "action" | "user" | "power">): string {
  // A power change is new when its target level is: promoting bob to 100 where the base plan promoted him to 50.
  const level = change.power !== undefined ? `|${change.power.to}` : "";
  return `${change.action}|${room.room}|${change.user}${level}`;
}

export function blockedKeys(room: Pick<RoomPlan, "room">, blocked: Blocked): string[] {
  const users = blocked.user !== undefined ? [blocked.user] : (blocked.users ?? []);
  return users.map((user) => `blocked|${room.room}|${blocked.code}|${user}`);
}

export function planItemKeys(plan: Plan): Set<string> {
  const keys = new Set<string>();
  for (const room of plan.rooms) {
    for (const change of room.changes) keys.add(changeKey(room, change));
    for (const blocked of room.blocked) for (const key of blockedKeys(room, blocked)) keys.add(key);
  }
  return keys;
}

/** The keys of `head` that `base` does not have: what the pull request introduces. */
export function introducedKeys(head: Plan, base: Plan): Set<string> {
  const before = planItemKeys(base);
  return new Set([...planItemKeys(head)].filter((key) => !before.has(key)));
}

export function isIntroducedBlock(room: Pick<RoomPlan, "room">, blocked: Blocked, introduced: ReadonlySet<string>): boolean {
  return blockedKeys(room, blocked).some((key) => introduced.has(key));
}
