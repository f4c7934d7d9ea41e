import { formatMs } from "../util/duration.js";

/** A 429 that made apply wait: which request, and how long the server asked for. */
export interface RateLimitWait {
  method: string;
  /** The path as sent (room IDs percent-encoded where needed). */
  path: string;
  waitMs: number;
}

export interface WaitDescription {
  /** Groups waits so that each room and limit is reported once: e.g. `kick !r:hs`. */
  key: string;
  room?: string;
  /** What was throttled and by which of Synapse's limiters (reference §9). */
  what: string;
}

const limiters: { pattern: RegExp; what: string }[] = [
  { pattern: /^\/_matrix\/client\/[^/]+\/rooms\/([^/]+)\/kick$/, what: "kicks share the admin's rc_message limit (0.2/s, burst 10)" },
  {
    pattern: /^\/_matrix\/client\/[^/]+\/rooms\/([^/]+)\/invite$/,
    what: "invites meet rc_invites (per room 0.3/s, burst 10; per recipient 0.003/s, burst 5) and the admin's rc_message limit",
  },
  { pattern: /^\/_matrix\/client\/[^/]+\/join\/([^/]+)$/, what: "the admin's own join meets rc_joins (0.1/s, burst 10) and rc_message" },
  { pattern: /^\/_synapse\/admin\/v1\/rooms\/([^/]+)\/make_room_admin$/, what: "make_room_admin meets the rc_message limit of the user it acts through" },
];

/** Names the limiter behind a 429, from the request's path alone. */
export function describeWait(wait: RateLimitWait): WaitDescription {
  for (const { pattern, what } of limiters) {
    const match = pattern.exec(wait.path);
    if (match) {
      const room = decodeURIComponent(match[1] ?? "");
      return { key: `${what} ${room}`, room, what };
    }
  }
  return { key: wait.path, what: `${wait.method} ${wait.path} is rate limited` };
}

export const waitFix = "exempt the admin with `roster doctor --fix-rate-limits`";

/** The line apply prints (once per room and limit) when a 429 makes it wait; `roomName` as the plan names the room. */
export function renderWaitLine(wait: RateLimitWait, roomName?: string): string {
  const { room: roomId, what } = describeWait(wait);
  const room = roomName ?? roomId;
  return `… waiting ${formatMs(wait.waitMs)}${room ? ` in ${room}` : ""}: ${what}; Synapse asked to wait (429). To stop waiting, ${waitFix}.`;
}
