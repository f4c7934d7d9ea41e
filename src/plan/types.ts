import type { RoomRef, SourcePos, UserId } from "../declarations/model.js";

/**
 * The plan is data: computed by computePlan, printed by src/render/, executed by src/apply/.
 * `--format json` prints exactly this object (schemas/plan.schema.json); `--out` saves it.
 */

export type Action = "join" | "invite" | "kick" | "power";

export const userBlockCodes = [
  "user_not_found",
  "user_deactivated",
  "user_suspended",
  "user_banned",
  "power_above_admin",
  "power_not_below_admin",
  "power_of_creator",
] as const;
export const roomBlockCodes = [
  "room_not_found",
  "alias_not_found",
  "admin_not_in_room",
  "admin_cannot_invite",
  "admin_cannot_kick",
  "mass_removal",
  "join_rule_private",
  "admin_cannot_set_power",
  "last_power_holder",
] as const;
export type UserBlockCode = (typeof userBlockCodes)[number];
/** The user-level blocks of power changes: Synapse's refusals predicted from the observed levels (reference §14.6). */
export type PowerBlockCode = Extract<UserBlockCode, `power_${string}`>;
export type RoomBlockCode = (typeof roomBlockCodes)[number];
export type BlockCode = UserBlockCode | RoomBlockCode;

/** Blocks that only ever hold back power changes. */
export function isPowerBlock(code: BlockCode): boolean {
  return code.startsWith("power_") || code === "admin_cannot_set_power" || code === "last_power_holder";
}

export interface Change {
  action: Action;
  user: UserId;
  /** Why, for humans only: apply never reads it. */
  reason: string;
  /** Where the user is declared (joins and invites); absent for kicks. */
  source?: SourcePos;
  /** join only: the room has no join-rules event, so the admin join API sends no invite; apply invites first. */
  inviteFirst?: true;
  /** power only: the user's level now and the level wanted (reference §14). */
  power?: PowerDelta;
}

export interface PowerDelta {
  /** The user's effective level now: its `users` entry, else `users_default`. */
  from: number;
  /** The declared level; with `reset`, the room's `users_default` the user falls back to. */
  to: number;
  /** prune_power: the user's entry is removed, not set. */
  reset?: true;
}

export interface Blocked {
  code: BlockCode;
  /** User-level blocks: the one user. */
  user?: UserId;
  /** Room-level blocks: every user whose action it holds back, sorted. */
  users?: UserId[];
  /** What to do about it. */
  hint: string;
}

export type InfoCode = "unmanaged" | "deactivated_member" | "admin_power";

export interface Info {
  code: InfoCode;
  user: UserId;
  message: string;
}

/**
 * `--ensure-admin`: what brings the acting admin into a room before its actions (reference §5).
 * make_room_admin raises the admin to the level of the most powerful joined local user (the puppet),
 * inviting it in non-public rooms; join: the admin then joins through the client API. Where the admin
 * may join by itself (a public room, or an invite it holds) and its own power suffices, a join alone.
 */
export type EnsureAdminStep = "make_room_admin" | "join";

export interface EnsureAdmin {
  steps: EnsureAdminStep[];
  /** make_room_admin only: the joined local user it will act through. */
  puppet?: UserId;
  /** make_room_admin only: the admin's power level afterwards (the puppet's). */
  grantedPower?: number;
  /** Why, for humans only. */
  reason: string;
}

export interface RoomPlan {
  /** The room as declared (expanded), e.g. `#engineering:acme.test`. */
  room: RoomRef;
  /** The resolved room ID; absent when it could not be resolved. */
  roomId?: string;
  source: SourcePos;
  prune: boolean;
  /** --ensure-admin only: run before `changes`, which were planned as if it had succeeded. */
  ensureAdmin?: EnsureAdmin;
  /** Actions in execution order: joins, then invites, then kicks, then power changes (one state event), each sorted by user. */
  changes: Change[];
  blocked: Blocked[];
  info: Info[];
  /** The room could not be read (an error answer, a timeout): nothing is planned for it. */
  error?: string;
  /** Joined and invited users when the plan was made, sorted: the "before" of the membership diff. */
  currentMembers?: UserId[];
  /** Digest of the membership observed at plan time; a saved plan is refused for a room that changed. */
  fingerprint?: string;
}

export interface PlanSummary {
  join: number;
  invite: number;
  kick: number;
  /** Power-level changes (promotions, demotions, prune_power resets). */
  power: number;
  /** Blocked items: one per user-level block, one per room-level block. */
  blocked: number;
  errors: number;
  /** Rooms where --ensure-admin brings the admin in first; present only when there are any. */
  ensureAdmin?: number;
}

/** 2: power-level changes (action `power`) and their block codes. */
export const PLAN_FORMAT_VERSION = 2;

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** The homeserver's server name (the acting admin's domain). */
  serverName: string;
  /** The acting admin, whose token performs the actions. */
  admin: UserId;
  rooms: RoomPlan[];
  summary: PlanSummary;
  /** Saved plans only: when the plan was made (ISO 8601); set by the CLI, never by the planner. */
  createdAt?: string;
  /** plan --base only: the keys (src/plan/item-keys.ts) of the items this change introduces. */
  attribution?: { base: string; introduced: string[] };
}

export interface PlanOptions {
  /** Block a prune that would remove more than this share of a room's current members. Default 0.25. */
  maxRemovalRatio: number;
  allowMassRemoval: boolean;
  /** Plan make_room_admin + a join of the admin where that unblocks a room's actions. Default false. */
  ensureAdmin?: boolean;
}

export const defaultPlanOptions: PlanOptions = { maxRemovalRatio: 0.25, allowMassRemoval: false };
