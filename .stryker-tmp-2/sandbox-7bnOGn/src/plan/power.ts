// @ts-nocheck
import type { UserId } from "../declarations/model.js";
import type { Membership, PowerLevels } from "./observation.js";

/** Synapse's stand-in for a v12 creator's infinite power (reference §8.6). */
const CREATOR_POWER = 2 ** 53;

export function powerOf(levels: PowerLevels, user: UserId): number {
  if (levels.creators.includes(user)) return CREATOR_POWER;
  return levels.users[user] ?? levels.usersDefault;
}

/** Invite allowed iff the sender is joined and has at least the invite level (reference §8.6). */
export function canInvite(levels: PowerLevels, actorMembership: Membership | undefined, actor: UserId): boolean {
  return actorMembership === "join" && powerOf(levels, actor) >= levels.invite;
}

/**
 * Kick allowed iff the sender is joined, has at least the kick level and more power than the target
 * (reference §8.6, §10). Banned targets are never kicked by roster, so the ban level does not apply.
 */
export function canKick(levels: PowerLevels, actorMembership: Membership | undefined, actor: UserId, target: UserId): boolean {
  const actorPower = powerOf(levels, actor);
  return actorMembership === "join" && actorPower >= levels.kick && actorPower > powerOf(levels, target);
}
