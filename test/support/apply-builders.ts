import type { ApplySummary } from "../../src/apply/types.js";
import { PLAN_FORMAT_VERSION, type Plan, type PlanSummary, type RoomPlan } from "../../src/plan/types.js";

/** An apply summary with every count 0: spread the counts a test needs over it. */
export const noApplyCounts: ApplySummary = { joined: 0, invited: 0, kicked: 0, powerChanged: 0, failed: 0, deferred: 0, notAttempted: 0, blocked: 0, skippedRooms: 0, adminEnsured: 0 };

/** A plan written out by hand (acme.test, acting as @admin:acme.test) for renderers and reports. */
export function writtenPlan(rooms: RoomPlan[], summary: Partial<PlanSummary> = {}): Plan {
  return { formatVersion: PLAN_FORMAT_VERSION, serverName: "acme.test", admin: "@admin:acme.test", summary: { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0, ...summary }, rooms };
}
