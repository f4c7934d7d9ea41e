export type Membership = "join" | "invite" | "leave" | "ban" | "knock";
export type JoinRule = "public" | "invite" | "knock" | "restricted" | "knock_restricted" | "private";

export interface StateEvent {
  type: string;
  stateKey: string;
  content: Record<string, unknown>;
  sender: string;
  eventId: string;
  ts: number;
  /** Position in the server's history: events sent later have higher numbers. */
  order: number;
  /** The event this one replaced in current state (kept: state at a user's leave is read through it). */
  previous?: StateEvent;
}

export interface User {
  userId: string;
  localpart: string;
  admin: boolean;
  deactivated: boolean;
  locked: boolean;
  suspended: boolean;
  shadowBanned: boolean;
  erased: boolean;
  displayname: string | null;
  /** Milliseconds since the epoch. */
  creationTs: number;
  /** From override_ratelimit; absent means Synapse's defaults apply. */
  rateOverride?: { messagesPerSecond: number; burstCount: number };
}

export interface Room {
  roomId: string;
  version: string;
  creator: string;
  create: StateEvent;
  /** Other non-member state keyed by `${type}\u0000${stateKey}` (join rules, power levels, aliases, …). */
  state: Map<string, StateEvent>;
  members: Map<string, StateEvent>;
  /** Joined user IDs, kept in step with `members` so counts are O(1). */
  joined: Set<string>;
  joinedLocal: number;
  aliases: string[];
  /** Published in the room directory (what the admin room list calls `public`). */
  published: boolean;
  blocked: boolean;
}

export function stateKeyOf(type: string, stateKey = ""): string {
  return `${type}\u0000${stateKey}`;
}
