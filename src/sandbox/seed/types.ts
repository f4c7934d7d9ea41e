import type { JoinRule, Membership } from "../state/types.js";

/** The seed format of `roster sandbox --seed FILE` (YAML or JSON); documented in the README. */
export interface Seed {
  server_name: string;
  users: SeedUser[];
  rooms?: SeedRoom[];
  /** Remote servers the sandbox pretends it cannot reach (invites to their users fail with 502). */
  unreachable_servers?: string[];
  /**
   * Synapse's `federation_domain_whitelist`: the only remote servers federation may reach. `[]` turns
   * federation off: invites to remote users are refused 403, remote aliases and joins answer 502.
   * Absent: every server may be reached (those in `unreachable_servers` excepted).
   */
  federation_domain_whitelist?: string[];
}

export interface SeedUser {
  /** Localpart ("alice") or full local user ID ("@alice:acme.test"). */
  name: string;
  admin?: boolean;
  deactivated?: boolean;
  locked?: boolean;
  suspended?: boolean;
  shadow_banned?: boolean;
  displayname?: string;
}

export type SeedMembership = Membership | { membership: Membership; sender?: string; reason?: string };

export interface SeedRoom {
  /** Local alias: "eng" or "#eng:acme.test". */
  alias?: string;
  room_id?: string;
  name?: string;
  /** Room version, default "11". */
  version?: string;
  /**
   * Who created the room: a local user listed under users, or a remote user ID (a room created on another
   * server). Joined with power 100 (v12: creator power) unless `members` says otherwise.
   */
  creator: string;
  /** Room version 12 only: further creators (localparts or user IDs, remote ones too), with creator power. */
  additional_creators?: string[];
  /** Default "invite"; null means the room has no m.room.join_rules event at all. */
  join_rule?: JoinRule | null;
  /** Merged over createRoom's defaults for the preset; null means no m.room.power_levels event. */
  power_levels?: Record<string, unknown> | null;
  /** Localpart or full user ID → membership (senders default to the user, or the creator for invite/ban). */
  members?: Record<string, SeedMembership>;
  /** Published in the room directory; default: join_rule is public. */
  published?: boolean;
  blocked?: boolean;
}
