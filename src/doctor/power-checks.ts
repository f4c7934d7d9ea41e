import type { DesiredRoom, UserId } from "../declarations/model.js";
import { describePowerLevel } from "../declarations/power.js";
import type { ObservedRoom } from "../plan/observation.js";
import { declaredLevelChanges, powerRefusal, powerResets } from "../plan/plan-power.js";
import { powerOf } from "../plan/power.js";
import type { PowerBlockCode } from "../plan/types.js";
import type { Finding } from "./checks.js";

/**
 * The declared levels (and prune_power resets) of a room that Synapse would refuse from the admin as it
 * is now, by the planner's own rules (src/plan/plan-power.ts): one error line for the room, naming the
 * users and what to do. Only levels that differ from the room's are judged: a level already in place
 * needs nothing from the admin. Call it once the admin is joined with the level power changes need.
 */
export function checkDeclaredLevels(room: DesiredRoom, observed: ObservedRoom, admin: UserId): Finding | undefined {
  const levels = observed.powerLevels;
  const { wants } = declaredLevelChanges(room.members, observed, admin, () => "");
  const resets = room.prunePower === true ? powerResets(room, observed, admin) : [];
  const refused = new Map<PowerBlockCode, UserId[]>();
  for (const want of [...wants, ...resets]) {
    const refusal = powerRefusal(want, levels, admin, "join");
    if (refusal === undefined || "room" in refusal) continue;
    refused.set(refusal.user, [...(refused.get(refusal.user) ?? []), want.user]);
  }
  if (refused.size === 0) return undefined;
  const own = describePowerLevel(powerOf(levels, admin));
  const problems: string[] = [];
  const fixes: string[] = [];
  const creators = refused.get("power_of_creator");
  if (creators) {
    problems.push(`${creators.join(", ")} created the room (room version 12 or later) and ${agree(creators, "holds", "hold")} creator power, which no level can declare`);
    fixes.push(`Remove "power" from the declarations of ${creators.join(", ")}.`);
  }
  const above = refused.get("power_not_below_admin");
  if (above) {
    problems.push(`${above.join(", ")} ${agree(above, "holds", "hold")} a level at or above ${admin}'s ${own}, which Synapse lets nobody change below it`);
    fixes.push(`A user above ${above.join(", ")} must change their levels, or raise ${admin} above them first.`);
  }
  const tooHigh = refused.get("power_above_admin");
  if (tooHigh) {
    problems.push(`${tooHigh.join(", ")} ${agree(tooHigh, "is", "are")} declared above ${admin}'s own ${own}, and Synapse refuses to grant more than the sender holds`);
    fixes.push(`Declare at most ${powerOf(levels, admin)} for ${tooHigh.join(", ")}, or have a room admin raise ${admin} first.`);
  }
  return { level: "error", scope: room.ref, check: "declared_power", message: `declared power levels ${admin} cannot set: ${problems.join("; ")}`, fix: fixes.join(" ") };
}

function agree(users: readonly UserId[], one: string, many: string): string {
  return users.length === 1 ? one : many;
}
