// @ts-nocheck
import type { SandboxState } from "../state/model.js";

/**
 * DeactivateAccountHandler: tokens deleted, every join/invite/knock parted once (as the user
 * themself), flag set. Later admin joins still succeed (reference §4.3).
 */
export function deactivateUser(state: SandboxState, userId: string, erase = false): void {
  const user = state.users.get(userId);
  if (!user) return;
  state.revokeTokens(userId);
  for (const room of state.rooms.values()) {
    const membership = state.membershipOf(room, userId);
    if (membership === "join" || membership === "invite" || membership === "knock") {
      state.setMembership(room, userId, "leave", userId);
    }
  }
  user.deactivated = true;
  if (erase) {
    user.erased = true;
    user.displayname = null;
  }
}
