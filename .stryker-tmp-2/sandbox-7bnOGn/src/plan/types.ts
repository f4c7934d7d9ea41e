// @ts-nocheck
import type { RoomRef, SourcePos, UserId } from "../declarations/model.js";

/**
 * The plan is data: computed by computePlan, printed by src/render/, executed by src/apply/.
 * `--format json` prints exactly this object (schemas/plan.schema.json); `--out` saves it.
 */

export type Action = "join" | "invite" | "kick";

export const userBlockCodes = ["user_not_found", "user_deactivated", "user_banned"] as const;
export const roomBlockCodes = [
  "room_not_found",
  "alias_not_found",
  "admin_not_in_room",
  "admin_cannot_invite",
  "admin_cannot_kick",
  "mass_removal",
] as const;
export type UserBlockCode = (typeof userBlockCodes)[number];
export type RoomBlockCode = (typeof roomBlockCodes)[number];
export type BlockCode = UserBlockCode | RoomBlockCode;

export interface Change {
  action: Action;
  user: UserId;
  /** Why, for humans only: apply never reads it. */
  reason: string;
  /** Where the user is declared (joins and invites); absent for kicks. */
  source?: SourcePos;
  /** join only: the room has no join-rules event, so the admin join API sends no invite; apply invites first. */
  inviteFirst?: true;
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

export type InfoCode = "unmanaged" | "deactivated_member";

export interface Info {
  code: InfoCode;
  user: UserId;
  message: string;
}

/**
 * `--ensure-admin`: what brings the acting admin into a room before its actions (reference §5).
 * make_room_admin raises the admin to the level of the most powerful joined local user (the puppet),
 * inviting it in non-public rooms; join: the admin then joins through the client API.
 */
export type EnsureAdminStep = "make_room_admin" | "join";

export interface EnsureAdmin {
  steps: EnsureAdminStep[];
  /** The joined local user make_room_admin will act through. */
  puppet: UserId;
  /** The admin's power level afterwards (the puppet's). */
  grantedPower: number;
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
  /** Actions in execution order: joins, then invites, then kicks, each sorted by user. */
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
  /** Blocked items: one per user-level block, one per room-level block. */
  blocked: number;
  errors: number;
  /** Rooms where --ensure-admin brings the admin in first; present only when there are any. */
  ensureAdmin?: number;
}

export interface Plan {
  formatVersion: 1;
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
