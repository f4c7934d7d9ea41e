import type { RatelimitOverride } from "../homeserver/types.js";

export interface OverrideClient {
  getRatelimitOverride(userId: string): Promise<RatelimitOverride | null>;
  setRatelimitOverride(userId: string, override?: RatelimitOverride): Promise<void>;
}

export type FixOutcome =
  | { status: "already"; message: string }
  | { status: "declined"; message: string }
  | { status: "changed"; message: string; undo: string };

/**
 * `doctor --fix-rate-limits`: exempts the admin from Synapse's rate limiters (override_ratelimit 0/0,
 * reference §7.4) after `confirm` agrees, and says how to undo it. Changes nothing when already exempt.
 */
export async function fixRateLimits(client: OverrideClient, admin: string, homeserverUrl: string, confirm: (question: string) => Promise<boolean>): Promise<FixOutcome> {
  const before = await client.getRatelimitOverride(admin);
  if (before !== null && before.messagesPerSecond === 0) {
    return { status: "already", message: `${admin} is already exempt from rate limits (override_ratelimit 0/0): nothing changed.` };
  }
  const was = before === null ? "no override: Synapse's default limits" : `an override of ${before.messagesPerSecond}/s, burst ${before.burstCount}`;
  if (!(await confirm(`Exempt ${admin} from every rate limit (it has ${was})?`))) {
    return { status: "declined", message: "Nothing changed." };
  }
  await client.setRatelimitOverride(admin, { messagesPerSecond: 0, burstCount: 0 });
  const endpoint = `'${homeserverUrl}/_synapse/admin/v1/users/${encodeURIComponent(admin)}/override_ratelimit'`;
  const auth = `-H "Authorization: Bearer $MATRIX_ADMIN_TOKEN"`;
  const undo =
    before === null
      ? `curl -X DELETE ${auth} ${endpoint}`
      : `curl -X POST ${auth} -H "Content-Type: application/json" -d '{"messages_per_second": ${before.messagesPerSecond}, "burst_count": ${before.burstCount}}' ${endpoint}`;
  return { status: "changed", message: `Set ${admin}'s rate-limit override to 0/0 (it had ${was}): its invites, kicks and messages are no longer throttled.`, undo };
}
