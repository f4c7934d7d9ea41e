// @ts-nocheck
import { isLocalUser } from "../declarations/identifiers.js";
import type { DesiredRoom, UserId } from "../declarations/model.js";
import { pickPuppet } from "../plan/ensure-admin.js";
import type { ObservedRoom, RoomObservation, UnreadableRoom } from "../plan/observation.js";
import { canInvite, powerOf } from "../plan/power.js";

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
  const remote = room.members.some((m) => !isLocalUser(m.user, serverName));
  const nonPublic = observed.joinRule !== "public";
  const reasons = [
    ...(nonPublic ? [`the room is not public (join rule ${observed.joinRule ?? "absent"}), so every join is an invite from the admin`] : []),
    ...(remote ? ["remote members are invited by the admin"] : []),
    ...(room.prune ? ["prune kicks as the admin"] : []),
  ];
  const membership = observed.members.get(admin);
  const power = powerOf(observed.powerLevels, admin);
  if (reasons.length === 0) return [{ level: "ok", scope, check: "admin_reach", message: "public room: the admin join API needs no admin membership here" }];
  if (membership !== "join") {
    return [{ level: "error", scope, check: "admin_joined", message: `${admin} is ${membership ?? "not a member"} here, but ${reasons.join("; ")}`, fix: reachFix(observed, admin, serverName) }];
  }
  const findings: Finding[] = [];
  const needsInvite = remote || (nonPublic && room.members.length > 0);
  if (needsInvite && !canInvite(observed.powerLevels, membership, admin)) {
    findings.push({
      level: "error",
      scope,
      check: "admin_can_invite",
      message: `${admin} has power ${power}, below the invite level ${observed.powerLevels.invite}`,
      fix: reachFix(observed, admin, serverName),
    });
  }
  if (room.prune && power < observed.powerLevels.kick) {
    findings.push({
      level: "error",
      scope,
      check: "admin_can_kick",
      message: `${admin} has power ${power}, below the kick level ${observed.powerLevels.kick}, and the room has prune: true`,
      fix: reachFix(observed, admin, serverName),
    });
  }
  if (findings.length === 0) findings.push({ level: "ok", scope, check: "admin_reach", message: `${admin} is joined with power ${power}: it can ${room.prune ? "invite and kick" : "invite"} here` });
  return findings;
}

function reachFix(observed: ObservedRoom, admin: UserId, serverName: string): string {
  const puppet = pickPuppet(observed, serverName);
  if (puppet === null) {
    return `make_room_admin has nobody to act through (no joined local user is listed in the room's power levels): ask a room admin to invite ${admin} and raise its power level.`;
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
    `Exempt the admin: curl -X POST -H "Authorization: Bearer $MATRIX_ADMIN_TOKEN" -H "Content-Type: application/json" ` +
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
