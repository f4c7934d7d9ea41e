/**
 * Uncertain outcomes (an answer lost or a 5xx after the server may have acted, a 403 that may mean
 * "already so"): what apply reports must be what the sandbox really holds afterwards.
 */

import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import type { Fault } from "../../src/sandbox/index.js";
import { acmeUsers, planJson, scenario } from "../support/e2e.js";
import { applyToSandbox, outcomeMismatches } from "../support/apply-check.js";

const JOIN = "POST /_synapse/admin/v1/join/{roomIdOrAlias}";
const INVITE = "POST /_matrix/client/v3/rooms/{roomId}/invite";
const KICK = "POST /_matrix/client/v3/rooms/{roomId}/kick";
const STATE = "GET /_synapse/admin/v1/rooms/{roomId}/state";

/** Public #general (carol to join), prune #eng (zoe to invite, dave invited but undeclared: kicked). */
async function drifted(t: TestContext) {
  const s = await scenario(
    t,
    acmeUsers()
      .room({ alias: "general", creator: "admin", join_rule: "public", members: { alice: "join" } })
      .room({ alias: "eng", creator: "admin", join_rule: "invite", members: { alice: "join", bob: "join", carol: "join", dave: "invite" } }),
    {
      "rooms/rooms.yaml": [
        "server_name: acme.test",
        "rooms:",
        '  "#general": {members: [alice, carol]}',
        '  "#eng": {members: [alice, bob, carol, "@zoe:partner.test"], prune: true}',
        "",
      ].join("\n"),
    },
  );
  const { plan } = await planJson(s);
  const items = plan.rooms.flatMap((r) => r.changes.map((c) => `${r.room} ${c.action} ${c.user}`));
  assert.deepEqual(items, ["#general:acme.test join @carol:acme.test", "#eng:acme.test invite @zoe:partner.test", "#eng:acme.test kick @dave:acme.test"]);
  return { s, plan };
}

/** Status per action, as `action user status`. */
function statuses(result: Awaited<ReturnType<typeof applyToSandbox>>): string[] {
  return result.rooms.flatMap((r) => r.results.map((x) => `${x.action} ${x.user} ${x.status}`));
}

const cases: { name: string; faults: Fault[]; expected: string[] }[] = [
  {
    name: "every attempt is carried out but answered 500: re-read, the join and invite count as done",
    faults: [
      { route: JOIN, status: 500, after: true, times: 100 },
      { route: INVITE, status: 502, after: true, times: 100 },
    ],
    expected: ["join @carol:acme.test done", "invite @zoe:partner.test done", "kick @dave:acme.test done"],
  },
  {
    name: "a kick that is answered 500 and never carried out fails: the user is still invited",
    faults: [{ route: KICK, status: 500, times: 100 }],
    expected: ["join @carol:acme.test done", "invite @zoe:partner.test done", "kick @dave:acme.test failed"],
  },
  {
    name: "a join answered 503 whose membership cannot be re-read either fails",
    faults: [
      { route: JOIN, status: 503, times: 100 },
      { route: STATE, status: 500, times: 1000 },
    ],
    expected: ["join @carol:acme.test failed", "invite @zoe:partner.test done", "kick @dave:acme.test done"],
  },
  {
    name: "a kick answered 500 whose membership cannot be re-read fails (the user is still invited)",
    faults: [
      { route: KICK, status: 500, times: 100 },
      { route: STATE, status: 503, times: 1000 },
    ],
    expected: ["join @carol:acme.test done", "invite @zoe:partner.test done", "kick @dave:acme.test failed"],
  },
];

for (const { name, faults, expected } of cases) {
  test(name, async (t) => {
    const { s, plan } = await drifted(t);
    s.hs.faults.push(...faults);
    const result = await applyToSandbox(s.hs, plan, 1);
    assert.deepEqual(statuses(result), expected);
    const strict = !faults.some((f) => f.route === STATE);
    assert.deepEqual(outcomeMismatches(s.hs, result, strict), []);
  });
}
