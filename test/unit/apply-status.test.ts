/**
 * What apply shows while it works, byte for byte: on a terminal one live status line redrawn under the
 * finished actions; elsewhere plain numbered lines; --quiet failures only. Time is a manual clock.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActionResult, RoomResult } from "../../src/apply/types.js";
import { createApplyStatus } from "../../src/cli/apply-status.js";
import type { Io } from "../../src/cli/io.js";

const CLEAR = "\r\u001b[2K";

function terminal(options: { tty: boolean; columns?: number }) {
  let written = "";
  let now = 0;
  const io: Io = {
    stdout: { write: (text: string) => (written += text), isTTY: options.tty, ...(options.columns ? { columns: options.columns } : {}) },
    stderr: { write: () => undefined },
    env: { NO_COLOR: "1" },
    cwd: "/",
    stdinIsTTY: false,
    timing: { now: () => now },
  };
  return { io, written: () => written, advance: (ms: number) => (now += ms), reset: () => (written = "") };
}

const room = (name: string): RoomResult => ({ room: name, results: [] });
const result = (user: string, status: ActionResult["status"] = "done"): ActionResult => ({ action: "join", user, status });
const kickWait = (waitMs: number) => ({ method: "POST", path: "/_matrix/client/v3/rooms/!big%3Aacme.test/kick", waitMs });

test("on a terminal: each action above the live line, which shows done/total, the room, elapsed time and an estimate of what is left", () => {
  const tty = terminal({ tty: true });
  const status = createApplyStatus(tty.io, 12, { roomNames: new Map([["!big:acme.test", "#big:acme.test"]]) });
  tty.advance(4000);
  status.onResult(room("#eng:acme.test"), result("@a:acme.test"));
  // Nothing was drawn before, so there is no line to clear first; 4 s for 1 of 12: about 44 s left.
  assert.equal(tty.written(), `✓ #eng:acme.test: joined @a:acme.test\n${CLEAR}[ 1/12] #eng:acme.test · 4 s elapsed · about 44 s left`);
  tty.reset();
  tty.advance(500);
  status.onWait(kickWait(5000));
  assert.equal(
    tty.written(),
    `${CLEAR}… waiting 5 s in #big:acme.test: kicks share the admin's rc_message limit (0.2/s, burst 10); Synapse asked to wait (429). To stop waiting, exempt the admin with \`roster doctor --fix-rate-limits\`.\n` +
      `${CLEAR}[ 1/12] #big:acme.test · 5 s elapsed · about 50 s left · waiting 5 s on a rate limit: kicks share the admin's rc_message limit (0.2/s, burst 10); exempt the admin with \`roster doctor --fix-rate-limits\``,
  );
  tty.reset();
  tty.advance(5000);
  status.onWait(kickWait(2000));
  assert.equal(tty.written().includes("… waiting"), false, "the same room and limit is reported once");
  tty.reset();
  tty.advance(2000);
  for (let i = 2; i <= 12; i += 1) status.onResult(room("#eng:acme.test"), result(`@u${i}:acme.test`));
  const last = tty.written().split(CLEAR).at(-1);
  assert.equal(last, "[12/12] #eng:acme.test · 12 s elapsed", "no estimate once done; the wait is over");
  tty.reset();
  assert.equal(status.finish(), 7000, "the time spent waiting");
  assert.equal(tty.written(), CLEAR, "the live line is cleared at the end");
});

test("on a terminal, before anything finished, the live line says it is starting; a line wider than the terminal is cut", () => {
  const tty = terminal({ tty: true, columns: 30 });
  const status = createApplyStatus(tty.io, 3);
  status.print("^ ensure_admin");
  assert.equal(tty.written(), `^ ensure_admin\n${CLEAR}[0/3] starting · 0 s elapsed`);
  tty.reset();
  status.onResult(room("#a-room-with-a-long-name:acme.test"), result("@a:acme.test"));
  const line = tty.written().split(CLEAR).at(-1) ?? "";
  assert.equal(line, "[1/3] #a-room-with-a-long-na…");
  assert.equal(line.length, 29, "one column short of the width, so it never wraps");
  status.finish();
});

test("on a terminal, an estimate under a second is not shown", () => {
  const tty = terminal({ tty: true });
  const status = createApplyStatus(tty.io, 3);
  tty.advance(300);
  status.onResult(room("#eng:acme.test"), result("@a:acme.test"));
  assert.equal(tty.written().split(CLEAR).at(-1), "[1/3] #eng:acme.test · 0 s elapsed", "600 ms left: no 'about 1 s left'");
  status.finish();
});

test("off a terminal: numbered plain lines, no live line, nothing to clear", () => {
  const plain = terminal({ tty: false });
  const status = createApplyStatus(plain.io, 2);
  status.onResult(room("#eng:acme.test"), result("@a:acme.test"));
  status.onResult(room("#eng:acme.test"), result("@b:acme.test", "failed"));
  status.finish();
  assert.equal(plain.written(), "[1/2] ✓ #eng:acme.test: joined @a:acme.test\n[2/2] ✗ failed #eng:acme.test: join @b:acme.test\n");
});

test("--quiet: failures and deferrals only, not what was done or not attempted, and no wait lines", () => {
  const quiet = terminal({ tty: true });
  const status = createApplyStatus(quiet.io, 4, { quiet: true });
  status.onResult(room("#eng:acme.test"), result("@a:acme.test"));
  status.onResult(room("#eng:acme.test"), result("@b:acme.test", "not_attempted"));
  status.onWait(kickWait(1000));
  status.onResult(room("#eng:acme.test"), result("@c:acme.test", "deferred"));
  status.onResult(room("#eng:acme.test"), result("@d:acme.test", "failed"));
  assert.equal(status.finish(), 1000);
  assert.equal(quiet.written(), "[3/4] … deferred #eng:acme.test: join @c:acme.test\n[4/4] ✗ failed #eng:acme.test: join @d:acme.test\n");
});
