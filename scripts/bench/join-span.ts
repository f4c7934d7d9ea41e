import { readStateEvent } from "../../src/homeserver/types.js";

/**
 * When a real Synapse made a set of joins, read back from the rooms' current state: every join event
 * carries the server's own clock (`origin_server_ts`, ms since the epoch). The bench uses it to split a
 * run's wall time without putting anything inside the timed process: how long roster took before its
 * first change, and how long its changes took from the first to the last compared with the raw loop's.
 */
export interface JoinSpan {
  firstMs: number;
  lastMs: number;
  /** Joins of the given users found. */
  joins: number;
}

/** The span of `users`' current joins over the rooms' state events; null when none is there. */
export function joinSpan(roomStates: readonly (readonly unknown[])[], users: ReadonlySet<string>): JoinSpan | null {
  let span: JoinSpan | null = null;
  for (const events of roomStates) {
    for (const event of events) {
      const ts = joinedAt(event, users);
      if (ts === undefined) continue;
      span = span === null ? { firstMs: ts, lastMs: ts, joins: 1 } : { firstMs: Math.min(span.firstMs, ts), lastMs: Math.max(span.lastMs, ts), joins: span.joins + 1 };
    }
  }
  return span;
}

function joinedAt(raw: unknown, users: ReadonlySet<string>): number | undefined {
  const event = readStateEvent(raw);
  if (event === undefined || event.type !== "m.room.member" || !users.has(event.state_key) || event.content["membership"] !== "join") return undefined;
  return event.origin_server_ts;
}
