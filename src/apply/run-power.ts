import type { UserId } from "../declarations/model.js";
import type { HomeserverError } from "../homeserver/errors.js";
import type { RequestStats } from "../homeserver/http.js";
import type { Change } from "../plan/types.js";
import { normaliseLevels, reachesPlannedLevel, sameContent, withPlannedLevels } from "./power-content.js";
import { outcomeOfFailure, type FailureOutcome, type MembershipActions, type StopSignal } from "./run-action.js";
import type { ActionResult } from "./types.js";

type Content = Record<string, unknown>;

/** The server calls behind a room's power changes (reference §8.5, §14.2), as the acting admin. */
export interface PowerActions {
  /** The room's current power-levels content; null when it has none. */
  readPowerLevels(roomId: string): Promise<Content | null>;
  writePowerLevels(roomId: string, content: Content, stats?: RequestStats): Promise<void>;
}

/**
 * A room's power changes as ONE state event, after its membership changes: re-read the levels, set every
 * planned entry on that content, and send it unless nothing would change. One result per change; a lost
 * answer is settled by reading the levels back.
 */
export async function runPowerChanges(roomId: string, changes: readonly Change[], actions: MembershipActions, stop: StopSignal, admin: UserId): Promise<ActionResult[]> {
  const results = (outcome: FailureOutcome, already?: (change: Change) => boolean) =>
    changes.map((change): ActionResult => ({
      action: "power",
      user: change.user,
      ...outcome,
      ...(outcome.status === "done" && change.power ? { level: change.power.to } : {}),
      ...(already?.(change) ? { already: true } : {}),
    }));
  if (stop.reason !== undefined) return results({ status: "not_attempted", detail: `apply stopped early: ${stop.reason}` });
  const power = actions.power;
  if (power === undefined) throw new Error("power changes planned, but no power-level calls given");
  const stats: RequestStats = { attempts: 0, rateLimitWaitMs: 0 };
  const started = performance.now();
  const timing = () => ({ ...(stats.attempts > 0 ? { attempts: stats.attempts } : {}), durationMs: Math.round(performance.now() - started) });
  let current: Content | null = null;
  try {
    current = await power.readPowerLevels(roomId);
    const next = withPlannedLevels(current, changes, admin);
    const wasSo = (change: Change) => reachesPlannedLevel(current, change);
    if (current !== null && sameContent(normaliseLevels(current), next)) return results({ status: "done", already: true, detail: "already so on the server", ...timing() });
    await power.writePowerLevels(roomId, next, stats);
    return results({ status: "done", ...timing() }, wasSo);
  } catch (error) {
    const settle = (failure: HomeserverError) => failure.mayHaveReachedServer && settled(power, roomId, changes);
    return results({ ...(await outcomeOfFailure(error, stop, settle)), ...timing() });
  }
}

async function settled(power: PowerActions, roomId: string, changes: readonly Change[]): Promise<boolean> {
  try {
    const now = await power.readPowerLevels(roomId);
    return changes.every((change) => reachesPlannedLevel(now, change));
  } catch {
    return false;
  }
}
