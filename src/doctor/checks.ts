import type { DesiredRoom, UserId } from "../declarations/model.js";
import { adminReach, changeLevel, declaresPower, grantAdmin, joinAdmin, mayJoinAlone, pickPuppet, whyEnsureAdminCannotHelp } from "../plan/ensure-admin.js";
import type { ObservedRoom, RoomObservation, UnreadableRoom } from "../plan/observation.js";
import { powerOf } from "../plan/power.js";
import { checkDeclaredLevels } from "./power-checks.js";

/** Pure: what would stop roster from working, judged from data the I/O edge (run-doctor.ts) observed. */

export type Level = "ok" | "warn" | "error";

export interface Finding {
  level: Level;
  /** "server", or the declared room (expanded). */
  scope: string;
  /** Machine-readable name of the check, e.g. `admin_joined`. */
  check: string;
  message: string;
  /** What to do about it (warn / error only). */
  fix?: string;
}

/** The admin's `override_ratelimit` entry: null when there is none; a string when it could not be read. */
export type OverrideObservation = { messagesPerSecond: number; burstCount: number } | null | string;

export function checkRoom(room: DesiredRoom, observation: RoomObservation, admin: UserId, serverName: string): Finding[] {
  return observation.status === "ok" ? checkObservedRoom(room, observation, admin, serverName) : checkUnreadableRoom(room, observation);
}

function checkUnreadableRoom(room: DesiredRoom, observation: UnreadableRoom): Finding[] {
  const scope = room.ref;
  if (observation.status === "alias_not_found") {
    return [{ level: "error", scope, check: "alias_resolves", message: `${room.ref} does not resolve on this server`, fix: "Create the room or the alias, or fix the name in the declarations." }];
  }
  if (observation.status === "room_not_found") {
    return [{ level: "error", scope, check: "room_exists", message: `${observation.roomId ?? room.ref}: ${observation.detail}`, fix: "Check the room ID, or declare the room by an alias that resolves; a room the server left cannot be managed." }];
  }
  return [{ level: "error", scope, check: "room_readable", message: observation.detail, fix: "Check the server's health and rerun; the cause is above." }];
}

function checkObservedRoom(room: DesiredRoom, observed: ObservedRoom, admin: UserId, serverName: string): Finding[] {
  const scope = room.ref;
  const { reasons, gaps } = adminReach(room, observed, admin, serverName);
  const membership = observed.members.get(admin);
  const power = powerOf(observed.powerLevels, admin);
  if (reasons.length === 0) return [{ level: "ok", scope, check: "admin_reach", message: "public room: the admin join API needs no admin membership here" }];
  if (gaps.includes("not_joined")) {
    return [{ level: "error", scope, check: "admin_joined", message: `${admin} is ${membership ?? "not a member"} here, but ${reasons.join("; ")}`, fix: reachFix(room, observed, admin, serverName) }];
  }
  const findings: Finding[] = [];
  if (gaps.includes("cannot_invite")) {
    findings.push({
      level: "error",
      scope,
      check: "admin_can_invite",
      message: `${admin} has power ${power}, below the invite level ${observed.powerLevels.invite}`,
      fix: reachFix(room, observed, admin, serverName),
    });
  }
  if (gaps.includes("cannot_kick")) {
    findings.push({
      level: "error",
      scope,
      check: "admin_can_kick",
      message: `${admin} has power ${power}, below the kick level ${observed.powerLevels.kick}, and the room has prune: true`,
      fix: reachFix(room, observed, admin, serverName),
    });
  }
  if (gaps.includes("cannot_set_power")) {
    findings.push({
      level: "error",
      scope,
      check: "admin_can_set_power",
      message: `${admin} has power ${power}, below the level ${changeLevel(observed)} needed to change power levels, and the room declares power levels`,
      fix: reachFix(room, observed, admin, serverName),
    });
  } else {
    const declared = checkDeclaredLevels(room, observed, admin);
    if (declared !== undefined) findings.push(declared);
  }
  if (findings.length === 0) findings.push({ level: "ok", scope, check: "admin_reach", message: `${admin} is joined with power ${power}: it can ${abilities(room, admin)} here` });
  return findings;
}

/** `invite`, `invite and kick`, `invite, kick and set power levels`: what the admin was found able to do. */
function abilities(room: DesiredRoom, admin: UserId): string {
  const can = ["invite", ...(room.prune ? ["kick"] : []), ...(declaresPower(room, admin) ? ["set power levels"] : [])];
  const last = can.pop() ?? "";
  return can.length === 0 ? last : `${can.join(", ")} and ${last}`;
}

/** The same choice as plan --ensure-admin (src/plan/compute-plan.ts): a join alone, make_room_admin, or neither (and why). */
function reachFix(room: DesiredRoom, observed: ObservedRoom, admin: UserId, serverName: string): string {
  const power = powerOf(observed.powerLevels, admin);
  if (mayJoinAlone(observed, admin) && adminReach(room, joinAdmin(observed, admin), admin, serverName).gaps.length === 0) {
    const why = observed.members.get(admin) === "invite" ? "it holds an invite" : "the room is public";
    return `Run \`roster apply --ensure-admin\` (the admin joins by itself: ${why}, and its power ${power} is enough), or join it from a Matrix client.`;
  }
  const puppet = pickPuppet(observed, serverName);
  const cannot = whyEnsureAdminCannotHelp(observed, admin, puppet);
  if (cannot !== undefined || puppet === null) return cannot ?? "";
  if (adminReach(room, grantAdmin(observed, admin, puppet), admin, serverName).gaps.length > 0) {
    return (
      `make_room_admin would give ${admin} only power ${puppet.level} (that of ${puppet.user}, the room's top joined local user), which is not enough here: ` +
      `a room admin must raise ${admin}'s power level, or lower the levels this room requires for what roster does here.`
    );
  }
  return `Run \`roster apply --ensure-admin\` (make_room_admin acting through ${puppet.user}, power ${puppet.level}, then the admin joins), or do that by hand: POST /_synapse/admin/v1/rooms/${observed.roomId}/make_room_admin.`;
}

/** Synapse's defaults (reference §9) that a run without an override meets. */
const limitsText =
  "kicks share rc_message (0.2/s, burst 10): after 10 kicks in a row, one every 5 s (a prune of 100 takes about 7.5 min); " +
  "invites meet rc_invites per_room (0.3/s, burst 10: after 10 invites to one room, one every 3.3 s) and per_user " +
  "(0.003/s, burst 5 per recipient: a user invited to more than 5 rooms waits about 5.5 min for each further invite), then rc_message. " +
  "Apply waits out 429s within --max-wait (default 600 s) and reports the rest as deferred.";

export function checkRatelimitOverride(override: OverrideObservation, admin: UserId, homeserverUrl: string): Finding {
  const scope = "server";
  const check = "ratelimit_override";
  const fix =
    "Run `roster doctor --fix-rate-limits`, or exempt the admin by hand: " +
    `curl -X POST -H "Authorization: Bearer $MATRIX_ADMIN_TOKEN" -H "Content-Type: application/json" ` +
    `-d '{"messages_per_second": 0, "burst_count": 0}' '${homeserverUrl}/_synapse/admin/v1/users/${encodeURIComponent(admin)}/override_ratelimit'`;
  if (typeof override === "string") return { level: "warn", scope, check, message: `could not read ${admin}'s rate-limit override (${override}); without one, ${limitsText}`, fix };
  if (override === null) return { level: "warn", scope, check, message: `${admin} has no rate-limit override, so Synapse's defaults apply to its invites and kicks: ${limitsText}`, fix };
  if (override.messagesPerSecond === 0) return { level: "ok", scope, check, message: `${admin} is exempt from rate limits (override_ratelimit 0/0)` };
  return {
    level: "warn",
    scope,
    check,
    message: `${admin}'s rate-limit override (${override.messagesPerSecond}/s, burst ${override.burstCount}) replaces the defaults for every limiter, so invites and kicks are still limited`,
    fix,
  };
}

export interface DoctorSummary {
  ok: number;
  warn: number;
  error: number;
  /** Declared rooms with at least one error: where roster cannot act. */
  blockedRooms: string[];
}

export function summariseFindings(findings: readonly Finding[]): DoctorSummary {
  const summary: DoctorSummary = { ok: 0, warn: 0, error: 0, blockedRooms: [] };
  for (const finding of findings) {
    summary[finding.level] += 1;
    if (finding.level === "error" && finding.scope !== "server" && !summary.blockedRooms.includes(finding.scope)) summary.blockedRooms.push(finding.scope);
  }
  return summary;
}
