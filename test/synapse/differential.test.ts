/**
 * Differential fidelity: the same world built in the sandbox and in a real Synapse 1.67, then the same
 * ordered requests sent to both (support/diff-requests.ts), compared on status, errcode and, where a
 * request picks one, a symbolized part of the body. The rows where 1.67 and current Synapse differ
 * are listed once below: for them the real answer must be 1.67's and the sandbox's the reference's.
 *
 * Rate limits: every other user is exempted on both sides before the requests start, and roster's
 * admin by the first requests (override_ratelimit, compared); rate limiting itself is not compared here
 * (the sandbox's limiter has its own unit tests). Federation: the shared Synapse runs with
 * federation_domain_whitelist: [], and so does the sandbox's seed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Answer } from "./support/diff-run.js";
import { differentialRequests } from "./support/diff-requests.js";
import { aliasOf, differentialWorld } from "./support/diff-world.js";
import { compareSides, setUpDifferential, type KnownDifference } from "./support/diff-harness.js";

const unrecognized = (status: number): Answer => ({ status, errcode: "M_UNRECOGNIZED" });
const notJson: Answer = { status: 400, errcode: "M_NOT_JSON" };

/**
 * Where Synapse 1.67 and the current Synapse (which the reference and the sandbox follow) differ, each
 * request once. Sections are those of shared/reference/synapse-api.md; "not in §12" marks a 1.67
 * difference the reference does not list.
 */
const knownDifferences: KnownDifference[] = [
  { request: "server_version", section: "§2, §12: python_version until 1.94", synapse167: { status: 200, picked: ["python_version", "server_version"] }, current: { status: 200, picked: ["server_version"] } },
  { request: "whoami api/v1 (not registered)", section: "§1, §12: unknown path 400", synapse167: unrecognized(400), current: unrecognized(404) },
  { request: "unknown path", section: "§1, §12: unknown path 400", synapse167: unrecognized(400), current: unrecognized(404) },
  { request: "wrong method", section: "§1, §12: wrong method 400", synapse167: unrecognized(400), current: unrecognized(405) },
  { request: "user get flags", section: "§7.1, §12: admin/deactivated as 0/1", synapse167: { status: 200, picked: { admin: 1, deactivated: 0 } }, current: { status: 200, picked: { admin: true, deactivated: false } } },
  { request: "users v3", section: "§7.2, §12: no /_synapse/admin/v3/users", synapse167: unrecognized(400), current: { status: 200 } },
  { request: "room get default version", section: "§3 (default 11), §14.7 (1.67: default 9)", synapse167: { status: 200, picked: "9" }, current: { status: 200, picked: "11" } },
  {
    request: "room state filtered by type",
    section: "§6.4, §14.7: 1.67 ignores ?type=",
    synapse167: { status: 200, picked: ["m.room.canonical_alias", "m.room.create", "m.room.guest_access", "m.room.history_visibility", "m.room.join_rules", "m.room.member", "m.room.name", "m.room.power_levels"] },
    current: { status: 200, picked: ["m.room.member"] },
  },
  { request: "rooms negative from", section: "§1, §12: negative from accepted", synapse167: { status: 200 }, current: { status: 400, errcode: "M_INVALID_PARAM" } },
  { request: "kick: unknown room", section: "§8.3 kick row 1, §12: 403 when not in the room", synapse167: { status: 403, errcode: "M_FORBIDDEN" }, current: { status: 404, errcode: "M_UNKNOWN" } },
  { request: "kick: remote user, room every local member left", section: "§8.3 kick row 1 (code-read), §12", synapse167: { status: 403, errcode: "M_FORBIDDEN" }, current: { status: 400, errcode: "M_BAD_JSON" } },
  { request: "make_room_admin: user_id without colon", section: "§14.7: 500 on 1.67", synapse167: { status: 500, errcode: "M_UNKNOWN" }, current: { status: 400, errcode: "M_UNKNOWN" } },
  { request: "override_ratelimit malformed user", section: "§7.4; not in §12: 1.67's is_mine_id crashes on an ID without ':'", synapse167: { status: 500, errcode: "M_UNKNOWN" }, current: { status: 400, errcode: "M_UNKNOWN" } },
  { request: "invite: body not JSON", section: "§1; not in §12: 1.67 reads a broken membership body as {}", synapse167: { status: 400, errcode: "M_MISSING_PARAM" }, current: notJson },
  { request: "client join: body not JSON", section: "§1; not in §12: 1.67 reads a broken join body as {}", synapse167: { status: 200 }, current: notJson },
];

test("differential: the sandbox answers the same ordered requests as a real Synapse", async (t) => {
  const setup = await setUpDifferential(t, differentialWorld, (sandbox, prefix, serverName) => {
    const norule = sandbox.state.rooms.get(sandbox.roomIdOf(aliasOf(prefix, serverName, "norule")));
    if (norule) sandbox.state.setState(norule, "m.room.join_rules", "", {}, norule.creator);
  });
  const { failures, realAnswers } = await compareSides(setup, differentialRequests, knownDifferences);
  const ms = Math.round(performance.now() - setup.seededAt);
  t.diagnostic(`${differentialRequests.length} requests compared (${knownDifferences.length} known 1.67 differences) in ${ms} ms, after ${Math.round(setup.seededAt - setup.started)} ms of seeding`);
  assert.deepEqual(failures, [], `${failures.length} divergence(s):\n${failures.join("\n")}`);
  // The rate-limit rows compare something only if the real server did refuse the eleventh kick.
  assert.equal(realAnswers.get("rate limit: kick 11 of 11")?.status, 429, "Synapse did not rate-limit the 11th kick: the bucket drained (server too slow?)");
});
