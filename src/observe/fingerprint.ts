import { createHash } from "node:crypto";
import type { Membership, PowerLevels } from "../plan/observation.js";

/**
 * A digest of a room's memberships and users' power levels, independent of the order the server listed
 * them in. Saved plans carry it: the same room must give the same digest across releases (of one plan
 * format version), and a change to either refuses the saved plan.
 */
export function fingerprintRoom(members: ReadonlyMap<string, Membership>, levels: PowerLevels): string {
  const lines: string[] = [];
  for (const [user, membership] of members) lines.push(`${user}\t${membership}`);
  for (const [user, level] of Object.entries(levels.users)) lines.push(`power\t${user}\t${level}`);
  lines.push(`power_default\t${levels.usersDefault}`, `power_change\t${levels.changeLevels ?? 50}`);
  return `sha256:${createHash("sha256").update(lines.sort().join("\n")).digest("hex").slice(0, 32)}`;
}
