import type { Desired, DesiredMember, DesiredRoom, MemberSource, UserId } from "../declarations/model.js";
import { formatPos } from "../declarations/diagnostic.js";
import { isLocalUser } from "../declarations/identifiers.js";
import {
  adminReach,
  describeEnsureAdmin,
  describeJoinAlone,
  explainCannotEnsure,
  grantAdmin,
  joinAdmin,
  mayJoinAlone,
  needsAdminReach,
  pickPuppet,
  whyEnsureAdminCannotHelp,
} from "./ensure-admin.js";
import { powerBlockHint, roomBlockHint, userBlockHint } from "./hints.js";
import type { Membership, ObservedRoom, RoomObservation, UserStatus } from "./observation.js";
import { canInvite, canKick, powerOf } from "./power.js";
import { declaredLevelChanges, powerRefusal, powerResets, resetsLeavingNoPowerHolder, toPowerChange, type PowerWant } from "./plan-power.js";
import { PLAN_FORMAT_VERSION, type Blocked, type Change, type EnsureAdmin, type Info, type Plan, type PlanOptions, type PlanSummary, type RoomBlockCode, type RoomPlan } from "./types.js";

export interface PlanInput {
  desired: Desired;
  /** The acting admin (the token's user). */
  admin: UserId;
  /** The homeserver's server name: users on it are local (joined via the admin API), others remote (invited). */
  serverName: string;
  /** One observation per declared room, keyed by the room's ref. */
  rooms: ReadonlyMap<string, RoomObservation>;
  /** Status of declared local users; a user missing here is assumed active. */
  users: ReadonlyMap<UserId, UserStatus>;
  options: PlanOptions;
}

/**
 * The pure heart of roster: compare what is declared with what the server has. No I/O, no clock.
 * `early`: rooms already planned by planDeclaredRoom from this same input (as each room's reads ended),
 * taken as they are unless the room turns out to be declared twice.
 */
export function computePlan(input: PlanInput, early?: ReadonlyMap<string, RoomPlan>): Plan {
  const sharedIds = findRoomsSharingAnId(input.desired.rooms, input.rooms);
  const rooms = input.desired.rooms.map((room) => {
    const clash = sharedIds.get(room.ref);
    if (clash) return erroredRoom(room, clash, input.rooms.get(room.ref)?.roomId);
    return early?.get(room.ref) ?? planDeclaredRoom(room, input);
  });
  return { formatVersion: PLAN_FORMAT_VERSION, serverName: input.serverName, admin: input.admin, rooms, summary: summarise(rooms) };
}

/**
 * One declared room's plan in computePlan, unless the room is declared twice (findRoomsSharingAnId). It
 * reads only that room's observation and the statuses of its own local members (the admin's among them
 * when declared there), so it can be made as soon as those are known.
 */
export function planDeclaredRoom(room: DesiredRoom, input: PlanInput): RoomPlan {
  return planRoom(room, input.rooms.get(room.ref) ?? { status: "error", ref: room.ref, detail: "the room was not read" }, input);
}

export function summarise(rooms: readonly RoomPlan[]): PlanSummary {
  const summary: PlanSummary = { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0 };
  for (const room of rooms) {
    for (const change of room.changes) summary[change.action] += 1;
    summary.blocked += room.blocked.length;
    if (room.error !== undefined) summary.errors += 1;
    if (room.ensureAdmin !== undefined) summary.ensureAdmin = (summary.ensureAdmin ?? 0) + 1;
  }
  return summary;
}

/**
 * Two declarations (e.g. one by alias, one by ID) that turn out to be the same room: an error on both.
 * Needs only each room's ID (its alias resolved), not its state.
 */
export function findRoomsSharingAnId(rooms: readonly DesiredRoom[], observations: ReadonlyMap<string, { roomId?: string | undefined }>): Map<string, string> {
  const byId = new Map<string, DesiredRoom[]>();
  for (const room of rooms) {
    const roomId = observations.get(room.ref)?.roomId;
    if (roomId === undefined) continue;
    byId.set(roomId, [...(byId.get(roomId) ?? []), room]);
  }
  const clashes = new Map<string, string>();
  for (const [roomId, same] of byId) {
    if (same.length < 2) continue;
    const places = same.map((r) => `${r.written} at ${formatPos(r.pos)}`).join(" and ");
    for (const room of same) clashes.set(room.ref, `${roomId} is declared more than once (${places}): declare each room once.`);
  }
  return clashes;
}

function erroredRoom(room: DesiredRoom, error: string, roomId: string | undefined): RoomPlan {
  return { ...roomHeader(room, roomId), error };
}

function roomHeader(room: DesiredRoom, roomId: string | undefined): RoomPlan {
  return { room: room.ref, ...(roomId ? { roomId } : {}), source: room.pos, prune: room.prune, changes: [], blocked: [], info: [] };
}

function planRoom(room: DesiredRoom, observation: RoomObservation, input: PlanInput): RoomPlan {
  if (observation.status === "ok") return planObservedRoom(room, observation, input);
  const plan = roomHeader(room, observation.roomId);
  if (observation.status === "error") return { ...plan, error: observation.detail };
  const users = room.members.map((m) => m.user);
  if (users.length > 0) {
    const hint = roomBlockHint(observation.status, { admin: input.admin, room: room.ref, roomId: observation.roomId, detail: observation.detail });
    plan.blocked.push({ code: observation.status, users, hint });
  }
  return plan;
}

/** Collects the actions of one room and the room-level blocks that hold some of them back. */
class RoomPlanBuilder {
  /** The admin's membership once this room's joins are done: a declared admin joining a public room counts as joined. */
  constructor(readonly adminMembership: Membership | undefined) {}

  readonly joins: Change[] = [];
  readonly invites: Change[] = [];
  readonly kicks: Change[] = [];
  readonly powers: Change[] = [];
  /** Declared members with a power level, but for users blocked themselves (missing, deactivated, banned): their level is set even where their join is held back. */
  readonly powered: DesiredMember[] = [];
  readonly userBlocks: Blocked[] = [];
  readonly info: Info[] = [];
  readonly heldBack = new Map<RoomBlockCode, UserId[]>();
  /** Declared members (the admin aside) found joined, and joined or invited: see hasUndeclared. */
  declaredJoined = 0;
  declaredCurrent = 0;
  /** prune_power resets among the mass_removal block's users. */
  massDemotions = 0;

  holdBack(code: RoomBlockCode, user: UserId): void {
    const users = this.heldBack.get(code);
    if (users === undefined) this.heldBack.set(code, [user]);
    else users.push(user);
  }
}

/**
 * --ensure-admin: when the admin's reach blocks actions, or the admin could not act in the room at all
 * (what doctor reports, even with nothing pending), plan the room as it will be once the admin is in,
 * with the steps that bring it in first: a join alone where the admin may join by itself and its power
 * suffices (make_room_admin would needlessly change power levels, or fail), else make_room_admin and the
 * join. Only when that unblocks something or leaves the admin able to act.
 */
function planObservedRoom(room: DesiredRoom, observed: ObservedRoom, input: PlanInput): RoomPlan {
  const plan = planAsObserved(room, observed, input);
  if (input.options.ensureAdmin !== true) return plan;
  const { admin, serverName } = input;
  const canAct = (o: ObservedRoom) => adminReach(room, o, admin, serverName).gaps.length === 0;
  if (canAct(observed) && !needsAdminReach(plan)) return plan;
  if (mayJoinAlone(observed, admin)) {
    const joinedRoom = joinAdmin(observed, admin);
    const joined = planAsObserved(room, joinedRoom, input);
    if (!needsAdminReach(joined) && canAct(joinedRoom)) return withEnsureAdmin(plan, joined, describeJoinAlone(observed, admin));
  }
  const puppet = pickPuppet(observed, serverName);
  const cannot = whyEnsureAdminCannotHelp(observed, admin, puppet);
  if (cannot !== undefined || puppet === null) return explainCannotEnsure(plan, cannot ?? "");
  const granted = grantAdmin(observed, admin, puppet);
  const after = planAsObserved(room, granted, input);
  if (after.changes.length <= plan.changes.length && !canAct(granted)) return plan;
  return withEnsureAdmin(plan, after, describeEnsureAdmin(observed, admin, puppet));
}

/** The room planned as it will be, with the steps in front and the membership observed now (for saved plans). */
function withEnsureAdmin(now: RoomPlan, after: RoomPlan, ensureAdmin: EnsureAdmin): RoomPlan {
  return { ...after, ensureAdmin, currentMembers: now.currentMembers ?? [], fingerprint: now.fingerprint ?? "" };
}

function planAsObserved(room: DesiredRoom, observed: ObservedRoom, input: PlanInput): RoomPlan {
  const builder = new RoomPlanBuilder(adminMembershipAfterJoins(room, observed, input));
  for (const member of room.members) planMember(member, observed, input, builder);
  const scan = scanMembers(observed, input.admin);
  // Declared members are unique, so when as many declared as observed members are current (joined),
  // nobody undeclared is: the common case in a large deployment skips the set of declared users.
  const kickCandidates = room.prune && scan.currentOthers > builder.declaredCurrent ? undeclaredCurrent(room, observed, input.admin) : [];
  if (!room.prune && scan.joinedOthers > builder.declaredJoined) noteUnmanaged(room, observed, input, builder);
  const resets = room.prunePower === true ? powerResets(room, observed, input.admin) : [];
  // Demotions by prune_power count toward the mass-removal guard like kicks.
  const removals = kickCandidates.length + resets.length;
  if (removals > 0 && !input.options.allowMassRemoval && removals > input.options.maxRemovalRatio * countCurrentMembers(observed)) {
    for (const user of [...kickCandidates, ...resets.map((r) => r.user)]) builder.holdBack("mass_removal", user);
    builder.massDemotions = resets.length;
    planPower(room, observed, input, builder, []);
  } else {
    planKicks(kickCandidates, observed, input, builder);
    planPower(room, observed, input, builder, resets);
  }

  const adminPower = powerOf(observed.powerLevels, input.admin);
  const blocked = [...builder.userBlocks];
  for (const [code, users] of builder.heldBack) {
    const facts = {
      admin: input.admin,
      room: room.ref,
      roomId: observed.roomId,
      adminPower,
      inviteLevel: observed.powerLevels.invite,
      kickLevel: observed.powerLevels.kick,
      removals: users.length,
      demotions: builder.massDemotions,
      changeLevel: observed.powerLevels.changeLevels ?? 50,
      members: countCurrentMembers(observed),
      maxRemovalRatio: input.options.maxRemovalRatio,
    };
    blocked.push({ code, users: [...users].sort(), hint: roomBlockHint(code, facts) });
  }
  return {
    ...roomHeader(room, observed.roomId),
    changes: [...builder.joins, ...builder.invites, ...builder.kicks, ...builder.powers],
    blocked: sortBlocked(blocked),
    info: builder.info.sort((a, b) => compare(a.user, b.user)),
    // The default sort orders strings by UTF-16 code units, exactly as compare() does, without a call per comparison.
    currentMembers: scan.current.sort(),
    fingerprint: observed.fingerprint,
  };
}

function planMember(member: DesiredMember, observed: ObservedRoom, input: PlanInput, builder: RoomPlanBuilder): void {
  const { user } = member;
  const membership = observed.members.get(user);
  if (user !== input.admin && (membership === "join" || membership === "invite")) {
    builder.declaredCurrent += 1;
    if (membership === "join") builder.declaredJoined += 1;
  }
  const local = isLocalUser(user, input.serverName);
  const status = local ? (input.users.get(user) ?? "active") : "active";
  if (membership === "join") {
    if (status === "deactivated") {
      builder.info.push({ code: "deactivated_member", user, message: `${user} is deactivated but still joined; roster leaves it as it is.` });
    } else if (member.power !== undefined) builder.powered.push(member);
    return;
  }
  if (local && status !== "active") {
    const code = status === "not_found" ? "user_not_found" : status === "deactivated" ? "user_deactivated" : "user_suspended";
    builder.userBlocks.push({ code, user, hint: userBlockHint(code, user, input.serverName) });
    return;
  }
  if (membership === "ban") {
    builder.userBlocks.push({ code: "user_banned", user, hint: userBlockHint("user_banned", user, input.serverName) });
    return;
  }
  if (member.power !== undefined) builder.powered.push(member);
  if (!local && membership === "invite") return;
  if (local && observed.joinRule === "private") return builder.holdBack("join_rule_private", user);
  const inviteFirst = local && observed.joinRule === null && membership !== "invite";
  const needsAdminInvite = !local || joinNeedsAdminInvite(observed.joinRule, membership);
  if (needsAdminInvite) {
    if (builder.adminMembership !== "join") return builder.holdBack("admin_not_in_room", user);
    if (!canInvite(observed.powerLevels, builder.adminMembership, input.admin)) return builder.holdBack("admin_cannot_invite", user);
  }
  const reason = describeSources(member) + (inviteFirst ? "; the room has no join rules, so the admin invites first" : "");
  const change: Change = { action: local ? "join" : "invite", user, reason, source: firstSource(member) };
  if (inviteFirst) change.inviteFirst = true;
  (local ? builder.joins : builder.invites).push(change);
}

/** Joined or invited users that are not declared (the admin aside), sorted: what prune would kick. */
function undeclaredCurrent(room: DesiredRoom, observed: ObservedRoom, admin: UserId): UserId[] {
  const declared = new Set(room.members.map((m) => m.user));
  const candidates: UserId[] = [];
  for (const [user, membership] of observed.members) {
    if (isCurrent(membership) && !declared.has(user) && user !== admin) candidates.push(user);
  }
  return candidates.sort(compare);
}

function planKicks(candidates: readonly UserId[], observed: ObservedRoom, input: PlanInput, builder: RoomPlanBuilder): void {
  const adminMembership = builder.adminMembership;
  for (const user of candidates) {
    if (adminMembership !== "join") builder.holdBack("admin_not_in_room", user);
    else if (!canKick(observed.powerLevels, adminMembership, input.admin, user)) builder.holdBack("admin_cannot_kick", user);
    else builder.kicks.push({ action: "kick", user, reason: `${observed.members.get(user) === "invite" ? "invited" : "joined"} but not declared, and prune is on` });
  }
}

/** The room's level changes (declared levels and prune_power resets), with what Synapse would refuse held back. */
function planPower(room: DesiredRoom, observed: ObservedRoom, input: PlanInput, builder: RoomPlanBuilder, resets: readonly PowerWant[]): void {
  if (builder.powered.length === 0 && resets.length === 0) return;
  const { admin } = input;
  const declared = declaredLevelChanges(builder.powered, observed, admin, describeSources);
  builder.info.push(...declared.info);
  const allowed: PowerWant[] = [];
  for (const want of [...declared.wants, ...resets]) {
    const refusal = powerRefusal(want, observed.powerLevels, admin, builder.adminMembership);
    if (refusal === undefined) allowed.push(want);
    else if ("room" in refusal) builder.holdBack(refusal.room, want.user);
    else {
      const facts = { user: want.user, admin, adminPower: powerOf(observed.powerLevels, admin), current: observed.powerLevels.users[want.user], wanted: want.to };
      builder.userBlocks.push({ code: refusal.user, user: want.user, hint: powerBlockHint(refusal.user, facts) });
    }
  }
  const present = new Set(builder.powered.map((m) => m.user));
  const isPresent = (user: UserId) => observed.members.get(user) === "join" || present.has(user);
  const guarded = new Set(resetsLeavingNoPowerHolder(observed.powerLevels, admin, allowed, isPresent));
  for (const want of allowed) {
    if (guarded.has(want.user)) builder.holdBack("last_power_holder", want.user);
    else builder.powers.push(toPowerChange(want));
  }
  builder.powers.sort((a, b) => compare(a.user, b.user));
}

/**
 * Whether joining a local user takes an invite from the admin: the admin join API sends one first in
 * every room whose join rule is not public (reference §4.1); a room without a join-rules event gets
 * none, yet its join needs one unless the user is invited already, so roster sends it itself.
 */
function joinNeedsAdminInvite(joinRule: string | null, membership: Membership | undefined): boolean {
  return joinRule === null ? membership !== "invite" : joinRule !== "public";
}

/** A declared admin whose own join needs no invite is joined before the room's invites and kicks run. */
function adminMembershipAfterJoins(room: DesiredRoom, observed: ObservedRoom, input: PlanInput): Membership | undefined {
  const now = observed.members.get(input.admin);
  if (now === "join" || now === "ban" || joinNeedsAdminInvite(observed.joinRule, now)) return now;
  const declared = room.members.some((m) => m.user === input.admin);
  const status = input.users.get(input.admin) ?? "active";
  return declared && status === "active" ? "join" : now;
}

function noteUnmanaged(room: DesiredRoom, observed: ObservedRoom, input: PlanInput, builder: RoomPlanBuilder): void {
  const declared = new Set(room.members.map((m) => m.user));
  for (const [user, membership] of observed.members) {
    if (membership !== "join" || declared.has(user) || user === input.admin) continue;
    builder.info.push({ code: "unmanaged", user, message: `${user} is joined but not declared; set prune: true to remove such members.` });
  }
}

/** One pass over the observed members: the current ones (joined or invited, unsorted) and counts without the admin. */
function scanMembers(observed: ObservedRoom, admin: UserId): { current: UserId[]; currentOthers: number; joinedOthers: number } {
  // Filtered in place in the exact-size key list: the plan keeps it (currentMembers), a million of them in a large plan.
  // The map iterates its entries in the order of its keys, so the kept prefix never overtakes the entry being read.
  const current = [...observed.members.keys()];
  let kept = 0;
  let joinedOthers = 0;
  for (const [user, membership] of observed.members) {
    if (!isCurrent(membership)) continue;
    current[kept++] = user;
    if (user !== admin && membership === "join") joinedOthers += 1;
  }
  current.length = kept;
  const adminCurrent = isCurrent(observed.members.get(admin));
  return { current, currentOthers: current.length - (adminCurrent ? 1 : 0), joinedOthers };
}

/** Joined + invited, the admin included: the base of the mass-removal guard (SPEC §5). */
export function countCurrentMembers(observed: ObservedRoom): number {
  let count = 0;
  for (const membership of observed.members.values()) if (isCurrent(membership)) count += 1;
  return count;
}

function isCurrent(membership: Membership | undefined): boolean {
  return membership === "join" || membership === "invite";
}

/**
 * Reasons of one-group source lists. The loader shares one such list among all the members a group brings
 * into a room, so a plan with 100,000 joins through groups builds each reason once per room, not per join.
 */
const groupReasons = new WeakMap<readonly MemberSource[], string>();

function describeSources(member: DesiredMember): string {
  // The common cases (one direct listing, one group) without building arrays: this runs once per planned change.
  const { sources } = member;
  if (sources.length === 1) {
    const group = sources[0]?.group;
    if (group === undefined) return "declared";
    let reason = groupReasons.get(sources);
    if (reason === undefined) groupReasons.set(sources, (reason = `group ${group}`));
    return reason;
  }
  const groups = member.sources.flatMap((s) => (s.group !== undefined ? [s.group] : []));
  const direct = member.sources.some((s) => s.group === undefined);
  const parts = [...(direct ? ["declared"] : []), ...groups.map((g) => `group ${g}`)];
  return parts.join(", ");
}

function firstSource(member: DesiredMember) {
  const first = member.sources[0];
  if (!first) throw new Error(`member ${member.user} has no source`);
  return first.pos;
}

function sortBlocked(blocked: Blocked[]): Blocked[] {
  return blocked.sort((a, b) => compare(a.code, b.code) || compare(a.user ?? "", b.user ?? ""));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
