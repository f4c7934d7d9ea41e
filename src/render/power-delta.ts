import { describePowerLevel } from "../declarations/power.js";
import type { PowerDelta } from "../plan/types.js";

/** `0 → 50 (moderator)`; a prune_power reset says where the user falls back to: `100 (admin) → 0 (reset)`. */
export function describePowerDelta(delta: PowerDelta): string {
  return `${describePowerLevel(delta.from)} → ${delta.reset ? `${delta.to} (reset)` : describePowerLevel(delta.to)}`;
}
