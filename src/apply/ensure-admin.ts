import { HomeserverError, RateLimitedError, ServerUnreachableError } from "../homeserver/errors.js";
import type { EnsureAdmin } from "../plan/types.js";
import { describeRefusal, type MembershipActions, type StopSignal } from "./run-action.js";
import type { EnsureAdminResult } from "./types.js";

/**
 * Runs a room's --ensure-admin steps. Synapse's 400 answers of make_room_admin (reference §5) are
 * turned into what they mean for the admin, since their text alone does not say what to do.
 */
export async function runEnsureAdmin(roomId: string, ensure: EnsureAdmin, actions: MembershipActions, stop: StopSignal): Promise<EnsureAdminResult> {
  if (stop.reason !== undefined) return { status: "not_attempted", detail: `apply stopped early: ${stop.reason}` };
  if (actions.ensureAdmin === undefined) throw new Error("the plan has ensure_admin steps but no way to run them was given");
  try {
    await actions.ensureAdmin(roomId, ensure);
    return { status: "done", steps: ensure.steps };
  } catch (error) {
    if (error instanceof RateLimitedError) return { status: "deferred", detail: error.message };
    if (error instanceof ServerUnreachableError) {
      stop.stop(error.where);
      return { status: "failed", detail: `${error.message}; whether it took effect is unknown, the next plan will show` };
    }
    if (!(error instanceof HomeserverError)) throw error;
    return { status: "failed", detail: `${describeRefusal(error)}${explainMakeRoomAdmin(error, ensure)}` };
  }
}

function explainMakeRoomAdmin(error: HomeserverError, ensure: EnsureAdmin): string {
  const message = error.serverMessage;
  if (error.status !== 400) return "";
  if (message?.startsWith("No local admin user in room with power")) {
    return ` — ${ensure.puppet} is the room's top joined local user but may not change its power levels (or left since the plan): a room admin must raise the admin by hand`;
  }
  if (message?.startsWith("No local admin user in room")) {
    return ` — no joined local user is listed in the room's power levels any more, so make_room_admin has nobody to act through: ask a room admin to invite the admin and raise its power`;
  }
  if (message?.startsWith("Server not in room")) return " — no local user is left in the room, so this server cannot act in it";
  return "";
}
