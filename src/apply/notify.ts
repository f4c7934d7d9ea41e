import { randomBytes } from "node:crypto";
import type { SynapseClient } from "../homeserver/client.js";
import { HomeserverError } from "../homeserver/errors.js";
import type { NoticeContent } from "../render/apply-notice.js";

/**
 * Posts apply's notice into ROOM (alias or ID) as the admin. Never throws for what the server or the
 * network says: the apply is done whatever happens here, so a refusal comes back as the warning text.
 */
export async function postNotice(client: Pick<SynapseClient, "resolveAlias" | "sendMessage">, room: string, notice: NoticeContent): Promise<{ eventId: string } | { warning: string }> {
  try {
    const roomId = room.startsWith("#") ? (await client.resolveAlias(room))?.roomId : room;
    if (roomId === undefined) return { warning: `could not post the notice to ${room}: the alias does not resolve on this server` };
    return { eventId: await client.sendMessage(roomId, { ...notice }, `roster-${Date.now()}-${randomBytes(4).toString("hex")}`) };
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    const hint = error.status === 403 ? " (is the admin joined there?)" : error.status === 429 ? " (rate limited: roster doctor --fix-rate-limits exempts the admin)" : "";
    return { warning: `could not post the notice to ${room}: ${error.message}${hint}` };
  }
}
