import type { ActionResult, RoomResult } from "../apply/types.js";
import { renderActionLine } from "../render/apply-text.js";
import { describeWait, renderWaitLine, waitFix, type RateLimitWait } from "../render/rate-limit-wait.js";
import { formatMs } from "../util/duration.js";
import { wantsColour, type Io } from "./io.js";

export interface ApplyStatus {
  onResult(room: RoomResult, result: ActionResult): void;
  /** A 429 made a request wait. */
  onWait(wait: RateLimitWait): void;
  /** Any other line (e.g. a room's --ensure-admin outcome), printed above the live line. */
  print(line: string): void;
  /** Clears the live line; returns the time spent waiting on rate limits. */
  finish(): number;
}

const CLEAR_LINE = "\r\u001b[2K";

/**
 * What apply shows while it works. On a terminal: each finished action printed once, above one live
 * status line (done/total, the room, elapsed, an estimate of what is left, a rate-limit wait while it
 * lasts). Elsewhere: one plain line per action, and one line per room and limit when a 429 makes it
 * wait. --quiet: failures only.
 */
export interface ApplyStatusOptions {
  quiet?: boolean;
  /** Room ID → the room as declared, so that waits (known by the request's room ID) name the room as the plan does. */
  roomNames?: ReadonlyMap<string, string>;
}

export function createApplyStatus(io: Io, total: number, options: ApplyStatusOptions = {}): ApplyStatus {
  const live = io.stdout.isTTY === true && options.quiet !== true;
  const colour = wantsColour(io);
  const now = io.timing?.now ?? Date.now;
  const started = now();
  const width = String(total).length;
  const reported = new Set<string>();
  let done = 0;
  let waitedMs = 0;
  let room = "";
  let waiting: { text: string; until: number } | undefined;
  let drawn = false;

  const statusLine = () => {
    const elapsed = now() - started;
    const leftMs = done > 0 ? (elapsed / done) * (total - done) : 0;
    const left = leftMs >= 1000 ? ` · about ${seconds(leftMs)} left` : "";
    const wait = waiting !== undefined && waiting.until > now() ? ` · ${waiting.text}` : "";
    const line = `[${String(done).padStart(width)}/${total}] ${room || "starting"} · ${seconds(elapsed)} elapsed${left}${wait}`;
    // A line wider than the terminal wraps, and clearing it would then leave its first part behind.
    const columns = io.stdout.columns ?? 0;
    return columns > 1 && line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
  };
  const draw = () => {
    if (!live) return;
    io.stdout.write(`${CLEAR_LINE}${statusLine()}`);
    drawn = true;
  };
  const above = (line: string) => {
    io.stdout.write(`${live && drawn ? CLEAR_LINE : ""}${line}\n`);
    draw();
  };
  const timer = live ? setInterval(draw, 1000) : undefined;
  timer?.unref();

  return {
    onResult(resultRoom, result) {
      done += 1;
      room = resultRoom.room;
      if (options.quiet && (result.status === "done" || result.status === "not_attempted")) return;
      const counter = live ? "" : `[${String(done).padStart(width)}/${total}] `;
      above(`${counter}${renderActionLine(resultRoom, result, colour)}`);
    },
    onWait(wait) {
      waitedMs += wait.waitMs;
      const { key, room: waitRoomId, what } = describeWait(wait);
      const waitRoom = waitRoomId && (options.roomNames?.get(waitRoomId) ?? waitRoomId);
      if (waitRoom) room = waitRoom;
      waiting = { text: `waiting ${formatMs(wait.waitMs)} on a rate limit: ${what}; ${waitFix}`, until: now() + wait.waitMs };
      if (options.quiet || reported.has(key)) return draw();
      reported.add(key);
      above(renderWaitLine(wait, waitRoom));
    },
    print: above,
    finish() {
      if (timer) clearInterval(timer);
      if (live && drawn) io.stdout.write(CLEAR_LINE);
      return waitedMs;
    },
  };
}

/** Whole seconds, as a status line that changes every second shows them. */
function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
