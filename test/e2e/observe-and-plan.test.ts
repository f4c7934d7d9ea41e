import { test } from "node:test";
import assert from "node:assert/strict";
import { observe, observeAndPlan, planAgainst } from "../../src/cli/make-plan.js";
import { parseDeclarations } from "../../src/declarations/parse.js";
import { openConnection } from "../../src/homeserver/startup-checks.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { defaultPlanOptions } from "../../src/plan/types.js";
import { acmeUsers } from "../support/e2e.js";

// Rooms planned while others are still read must give the plan that planning after the last read gives:
// including a room declared twice (by alias and by ID: an error on both, known only once both are read),
// an unknown alias, a deactivated user, a remote invite and a pruned room held back by the mass-removal guard.
test("observeAndPlan gives the same observations and plan as observe followed by planAgainst", async (t) => {
  const seed = acmeUsers()
    .room({ alias: "eng", room_id: "!eng:acme.test", creator: "admin", join_rule: "invite", members: { alice: "join", carol: "join" } })
    .room({ alias: "general", creator: "admin", join_rule: "public" })
    .room({ alias: "ops", creator: "admin", join_rule: "invite", members: { bob: "join" } });
  const hs = await startSandbox(seed.build());
  t.after(() => hs.close());
  const text = [
    "server_name: acme.test",
    "rooms:",
    '  "#eng": {members: [alice, bob]}',
    '  "!eng:acme.test": {members: [dave]}',
    '  "#general": {members: [alice, mallory, "@zoe:partner.test"]}',
    '  "#ops": {members: [alice], prune: true}',
    '  "#gone": {members: [bob]}',
  ].join("\n");
  const { desired, diagnostics } = parseDeclarations([{ path: "rooms/a.yaml", text }]);
  assert.deepEqual(diagnostics, []);
  const connection = await openConnection({}, hs.env, "/");
  for (const concurrency of [1, 4]) {
    const together = await observeAndPlan(desired, connection, defaultPlanOptions, concurrency);
    const observed = await observe(desired, connection, concurrency);
    assert.deepEqual(together.observed, observed);
    assert.deepEqual(together.plan, planAgainst(desired, observed, defaultPlanOptions));
  }
  const { plan } = await observeAndPlan(desired, connection, defaultPlanOptions, 4);
  assert.deepEqual(
    plan.rooms.map((r) => [r.room, r.error !== undefined, r.changes.map((c) => `${c.action} ${c.user}`), r.blocked.map((b) => b.code)]),
    [
      ["#eng:acme.test", true, [], []],
      ["!eng:acme.test", true, [], []],
      ["#general:acme.test", false, ["join @alice:acme.test", "invite @zoe:partner.test"], ["user_deactivated"]],
      ["#ops:acme.test", false, ["join @alice:acme.test"], ["mass_removal"]],
      ["#gone:acme.test", false, [], ["alias_not_found"]],
    ],
  );
});
