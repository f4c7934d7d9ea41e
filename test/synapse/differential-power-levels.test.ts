/**
 * Differential fidelity of the power-levels API (reference §14, §8.5): the world and requests of
 * support/diff-power-requests.ts sent to a real Synapse 1.67 and to the sandbox, compared as the main
 * differential test does. Where 1.67 answers otherwise than the reference (§14.7), the row is listed
 * below and the sandbox is held to the reference. Room version 12 has no rows: 1.67 has no such version
 * (the sandbox's v12 rules are unit-tested against the reference).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eventIdentityRows, powerLevelsRequests, powerLevelsWorld } from "./support/diff-power-requests.js";
import { compareSides, setUpDifferential, type KnownDifference } from "./support/diff-harness.js";

const forbidden = { status: 403, errcode: "M_FORBIDDEN" };
const eventKeys = ["content", "origin_server_ts", "room_id", "sender", "state_key", "type", "unsigned"];

const knownDifferences: KnownDifference[] = [
  { request: "pl: never a member, invalid content", section: "§14.7: 1.67 validates before the membership check", synapse167: { status: 400, errcode: "M_BAD_JSON" }, current: forbidden },
  { request: "leftover: same content after leaving", section: "§14.7: 1.67 deduplicates before the membership check", synapse167: { status: 200 }, current: forbidden },
  {
    request: "get: format=event keys",
    section: "§8.5; not in §14.7: 1.67 formats the stored event dict, which has no event_id from room version 3 on (current Synapse's serializer adds it)",
    synapse167: { status: 200, picked: eventKeys },
    current: { status: 200, picked: [...eventKeys.slice(0, 1), "event_id", ...eventKeys.slice(1)] },
  },
  { request: "quota: unknown room after the limit", section: "§14.7: 1.67 checks the rate limit before the room", synapse167: { status: 429, errcode: "M_LIMIT_EXCEEDED" }, current: forbidden },
];

test("differential: power levels — the sandbox answers the same state sends and reads as a real Synapse", async (t) => {
  const setup = await setUpDifferential(t, powerLevelsWorld);
  const { failures, realAnswers } = await compareSides(setup, powerLevelsRequests, knownDifferences);
  const equal = powerLevelsRequests.length - knownDifferences.length;
  t.diagnostic(`${powerLevelsRequests.length} requests: ${equal} compared equal, ${knownDifferences.length} known 1.67 differences, in ${Math.round(performance.now() - setup.seededAt)} ms`);
  assert.deepEqual(failures, [], `${failures.length} divergence(s):\n${failures.join("\n")}`);
  // The rate-limit rows compare something only if the real server did refuse the eleventh change.
  assert.equal(realAnswers.get("quota: change 11 of 11")?.status, 429, "Synapse did not rate-limit the 11th change: the bucket drained (server too slow?)");
  assert.equal(realAnswers.get("quota: change 10 of 11")?.status, 200, "refused and deduplicated sends spent tokens on Synapse");
  // Both sides answering "not the same event" would compare equal: the dedup rows must have found the same event on Synapse.
  for (const name of eventIdentityRows) assert.equal(realAnswers.get(name)?.picked, true, `${name}: Synapse did not answer as the row expects`);
});
