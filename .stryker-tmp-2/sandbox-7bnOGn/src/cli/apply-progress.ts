// @ts-nocheck
import type { ActionResult, RoomResult } from "../apply/types.js";
import { renderActionLine } from "../render/apply-text.js";
import { wantsColour, type Io } from "./io.js";

const BAR_WIDTH = 20;

/** Prints one line per completed action; on a TTY each line starts with a progress bar. */
export function progressPrinter(io: Io, total: number): (room: RoomResult, result: ActionResult) => void {
  let done = 0;
  const colour = wantsColour(io);
  const width = String(total).length;
  return (room, result) => {
    done += 1;
    const counter = `[${String(done).padStart(width)}/${total}]`;
    const bar = io.stdout.isTTY ? `${"█".repeat(Math.round((done / total) * BAR_WIDTH)).padEnd(BAR_WIDTH, "░")} ` : "";
    io.stdout.write(`${bar}${counter} ${renderActionLine(room, result, colour)}\n`);
  };
}
