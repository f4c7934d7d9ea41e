import type { DesiredMember, DesiredRoom, SourcePos, UserId } from "../declarations/model.js";
import { describePowerLevel } from "../declarations/power.js";
import type { Membership, ObservedRoom, PowerLevels } from "./observation.js";
import { powerOf } from "./power.js";
import type { Change, Info, PowerBlockCode, RoomBlockCode } from "./types.js";

/**
 * Power levels as code (reference §14): which users' levels change in a room, and which of those changes
 * Synapse would refuse, predicted from the observed state. Pure: no I/O.
 */

/** One level change roster wants, before Synapse's rules are checked. */
export interface PowerWant {
  user: UserId;
  from: number;
  to: number;
  /** prune_power: the user's entry goes, and the user falls back to users_default. */
  reset?: true;
  reason: string;
  source?: SourcePos;
}

/** What the room's declared levels ask for: every declared level that differs from the user's level now. */
export function declaredLevelChanges(members: readonly DesiredMember[], observed: ObservedRoom, admin: UserId, describe: (m: DesiredMember) => string): { wants: PowerWant[]; info: Info[] } {
  const levels = observed.powerLevels;
  const wants: PowerWant[] = [];
  const info: Info[] = [];
  for (const member of members) {
    const to = member.power;
    if (to === undefined) continue;
    const from = powerOf(levels, member.user);
    if (from === to) continue;
    if (member.user === admin) {
      const message = `${admin} is the acting admin, declared with power ${describePowerLevel(to)} but holding ${describeLevelNow(levels, admin)}: roster never changes its own level.`;
      info.push({ code: "admin_power", user: admin, message });
      continue;
    }
    const source = member.sources.find((s) => s.power === to)?.pos;
    wants.push({ user: member.user, from, to, reason: `${describe(member)} with power ${describePowerLevel(to)}`, ...(source ? { source } : {}) });
  }
  return { wants, info };
}

/**
 * prune_power: the users whose level is above users_default without a declared level here get their entry
 * removed. The acting admin and creators (whose power is not in `users`) are never reset.
 */
export function powerResets(room: DesiredRoom, observed: ObservedRoom, admin: UserId): PowerWant[] {
  const levels = observed.powerLevels;
  if (levels.hasEvent === false) return [];
  const declared = new Set(room.members.flatMap((m) => (m.power !== undefined ? [m.user] : [])));
  const resets: PowerWant[] = [];
  for (const [user, level] of Object.entries(levels.users)) {
    if (level <= levels.usersDefault || user === admin || declared.has(user) || levels.creators.includes(user)) continue;
    const reason = `power ${describePowerLevel(level)} is not declared here, and prune_power is on`;
    resets.push({ user, from: level, to: levels.usersDefault, reset: true, reason });
  }
  return resets.sort((a, b) => compare(a.user, b.user));
}

export type PowerRefusal = { room: RoomBlockCode } | { user: PowerBlockCode };

/**
 * Whether Synapse would refuse the change, checked as reference §14.6 orders it: the admin joined (once
 * the room's joins are done) and at the level power changes need; the target not a creator, not at or
 * above the admin (only explicit entries are compared), and the new level not above the admin's.
 */
export function powerRefusal(want: PowerWant, levels: PowerLevels, admin: UserId, adminMembership: Membership | undefined): PowerRefusal | undefined {
  if (adminMembership !== "join") return { room: "admin_not_in_room" };
  const adminLevel = powerOf(levels, admin);
  if (adminLevel < (levels.changeLevels ?? 50)) return { room: "admin_cannot_set_power" };
  if (levels.creators.includes(want.user)) return { user: "power_of_creator" };
  // The first power-levels event of a room is not compared with anything (§14.3 rule 4).
  if (levels.hasEvent === false) return undefined;
  const explicit = levels.users[want.user];
  if (explicit !== undefined && explicit >= adminLevel) return { user: "power_not_below_admin" };
  if (want.to > adminLevel) return { user: "power_above_admin" };
  return undefined;
}

/**
 * The resets that would leave nobody but the admin able to change the room's power levels, when someone
 * is able now: those resets are held back. Declared levels are never held back here (declaring them is
 * the decision). `present` tells who is or will be in the room (joined now, or joining in this run).
 */
export function resetsLeavingNoPowerHolder(levels: PowerLevels, admin: UserId, allowed: readonly PowerWant[], present: (user: UserId) => boolean): UserId[] {
  const needed = levels.changeLevels ?? 50;
  const after = new Map(allowed.map((want) => [want.user, want.to]));
  const candidates = new Set([...Object.keys(levels.users), ...levels.creators, ...after.keys()]);
  candidates.delete(admin);
  let ableNow = 0;
  let ableAfter = 0;
  for (const user of candidates) {
    if (!present(user)) continue;
    const now = powerOf(levels, user);
    if (now >= needed) ableNow += 1;
    if ((levels.creators.includes(user) ? now : (after.get(user) ?? now)) >= needed) ableAfter += 1;
  }
  if (ableNow === 0 || ableAfter > 0) return [];
  return allowed.filter((want) => want.reset === true && want.from >= needed).map((want) => want.user);
}

export function toPowerChange(want: PowerWant): Change {
  const power = want.reset ? { from: want.from, to: want.to, reset: true as const } : { from: want.from, to: want.to };
  return { action: "power", user: want.user, reason: want.reason, ...(want.source ? { source: want.source } : {}), power };
}

function describeLevelNow(levels: PowerLevels, user: UserId): string {
  return levels.creators.includes(user) ? "creator power" : describePowerLevel(powerOf(levels, user));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
