import type { ObservedRoom } from "./observation.js";
import type { Change } from "./types.js";

/**
 * The room as it will be once the changes are done (join → join, invite → invite, kick → leave, power →
 * the user's entry set or removed): what a second plan sees after a successful apply.
 * Used by the benchmark and the property tests to check convergence without a server.
 */
export function observedAfter(observed: ObservedRoom, changes: readonly Change[]): ObservedRoom {
  const members = new Map(observed.members);
  const users = { ...observed.powerLevels.users };
  for (const change of changes) {
    if (change.action === "power") {
      if (change.power?.reset) delete users[change.user];
      else if (change.power) users[change.user] = change.power.to;
    } else members.set(change.user, change.action === "kick" ? "leave" : change.action);
  }
  const powerLevels = changes.some((c) => c.power !== undefined) ? { ...observed.powerLevels, users, hasEvent: true } : observed.powerLevels;
  return { ...observed, members, powerLevels };
}
