// @ts-nocheck
import type { Desired } from "../declarations/model.js";
import { HomeserverError } from "../homeserver/errors.js";
import type { Connection } from "../homeserver/startup-checks.js";
import { observeRooms } from "../observe/observe-rooms.js";
import { checkRatelimitOverride, checkRoom, summariseFindings, type Finding, type OverrideObservation } from "./checks.js";
import type { DoctorReport } from "./render.js";

/** The I/O edge: one state read per declared room and the admin's override, judged by the pure checks. */
export async function runDoctor(desired: Desired, connection: Connection, concurrency: number): Promise<DoctorReport> {
  const { client, identity, settings } = connection;
  const findings: Finding[] = [
    { level: "ok", scope: "server", check: "token", message: `the token (from ${settings.tokenSource}) is valid and ${identity.userId} is a server admin (Synapse ${identity.serverVersion})` },
  ];
  let override: OverrideObservation;
  try {
    override = await client.getRatelimitOverride(identity.userId);
  } catch (error) {
    if (!(error instanceof HomeserverError)) throw error;
    override = error.message;
  }
  findings.push(checkRatelimitOverride(override, identity.userId, settings.homeserverUrl));
  const observations = await observeRooms(desired, client, concurrency);
  for (const room of desired.rooms) {
    const observation = observations.get(room.ref) ?? { status: "error", ref: room.ref, detail: "the room was not read" };
    findings.push(...checkRoom(room, observation, identity.userId, identity.serverName));
  }
  return { serverName: identity.serverName, admin: identity.userId, findings, summary: summariseFindings(findings) };
}

/** A start-up check that failed (bad token, not an admin, wrong server) is itself the finding. */
export function failedConnectionReport(message: string, hint: string | undefined): DoctorReport {
  const findings: Finding[] = [{ level: "error", scope: "server", check: "connection", message, ...(hint !== undefined ? { fix: hint } : {}) }];
  return { serverName: "", admin: "", findings, summary: summariseFindings(findings) };
}
