import { executePlan } from "../../src/apply/execute-plan.js";
import { homeserverActions } from "../../src/apply/homeserver-actions.js";
import type { ApplyResult } from "../../src/apply/types.js";
import { SynapseClient } from "../../src/homeserver/client.js";
import type { Action, Plan } from "../../src/plan/types.js";
import type { Membership } from "../../src/plan/observation.js";
import type { ManualClock, Sandbox } from "../../src/sandbox/index.js";

/** Whether a membership is what the action was for (written out here, not taken from apply). */
export function holds(action: Action, membership: Membership | undefined): boolean {
  if (action === "join") return membership === "join";
  if (action === "invite") return membership === "invite" || membership === "join";
  return membership === undefined || membership === "leave" || membership === "ban";
}

/**
 * Runs a plan against the sandbox over real HTTP, through the same client and actions as `roster apply`;
 * retries take no time, but advance the sandbox's `clock` when given (so rate-limit buckets refill as they would).
 */
export function applyToSandbox(hs: Sandbox, plan: Plan, concurrency = 4, clock?: ManualClock): Promise<ApplyResult> {
  const sleep = (ms: number) => {
    clock?.advance(ms);
    return Promise.resolve();
  };
  const client = SynapseClient.create({ baseUrl: hs.url, token: hs.adminToken, sleep, random: () => 0 });
  return executePlan(plan, { actions: homeserverActions(client), concurrency });
}

/**
 * Every action whose reported outcome disagrees with the server: reported done but not so on the server,
 * or (with `strict`) reported failed although the server holds it. `room action user: reported X, server Y`.
 */
export function outcomeMismatches(hs: Sandbox, result: ApplyResult, strict = true): string[] {
  const mismatches: string[] = [];
  for (const room of result.rooms) {
    for (const r of room.results) {
      const membership = hs.membership(room.roomId ?? room.room, r.user);
      const there = holds(r.action, membership);
      const claimed = r.status === "done";
      if (claimed !== there && (claimed || (strict && r.status === "failed"))) {
        mismatches.push(`${room.room} ${r.action} ${r.user}: reported ${r.status}, server ${membership ?? "none"}`);
      }
    }
  }
  return mismatches;
}
