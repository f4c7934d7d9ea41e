import { createHash } from "node:crypto";
import type { Membership } from "../plan/observation.js";

/** A digest of a room's memberships, independent of the order the server listed them in. */
export function fingerprintMembers(members: Readonly<Record<string, Membership>>): string {
  const lines = Object.entries(members)
    .map(([user, membership]) => `${user}\t${membership}`)
    .sort();
  return `sha256:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 32)}`;
}
