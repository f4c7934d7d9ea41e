import { createHash } from "node:crypto";
import type { Membership } from "../plan/observation.js";

/** A digest of a room's memberships, independent of the order the server listed them in. */
export function fingerprintMembers(members: Readonly<Record<string, Membership>>): string {
  const lines: string[] = [];
  for (const user in members) lines.push(`${user}\t${members[user]}`);
  return `sha256:${createHash("sha256").update(lines.sort().join("\n")).digest("hex").slice(0, 32)}`;
}
