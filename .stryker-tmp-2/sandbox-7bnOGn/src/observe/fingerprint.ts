// @ts-nocheck
import { createHash } from "node:crypto";
import type { Membership } from "../plan/observation.js";

/**
 * A digest of a room's memberships, independent of the order the server listed them in. Saved plans
 * carry it: the same memberships must give the same digest across releases.
 */
export function fingerprintMembers(members: ReadonlyMap<string, Membership>): string {
  const lines: string[] = [];
  for (const [user, membership] of members) lines.push(`${user}\t${membership}`);
  return `sha256:${createHash("sha256").update(lines.sort().join("\n")).digest("hex").slice(0, 32)}`;
}
