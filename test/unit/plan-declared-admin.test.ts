/** The acting admin may itself be declared in a room: it is never counted as one of the room's other members. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { declared, observed, planOf, type Scenario } from "../support/plan-builders.js";
import type { Plan } from "../../src/plan/types.js";

function itemsOf(plan: Plan): string[] {
  return plan.rooms.flatMap((room) => [
    ...room.changes.map((c) => `${c.action} ${c.user}`),
    ...room.blocked.map((b) => `blocked ${b.code} ${b.user ?? (b.users ?? []).join(",")}`),
  ]);
}

const cases: { name: string; scenario: Scenario; expected: string[] }[] = [
  {
    name: "a prune room that declares the joined admin still kicks its one undeclared member",
    scenario: {
      rooms: [declared("#eng").with("admin", "alice", "bob", "carol").pruned()],
      observed: [observed("#eng").member("alice").member("bob").member("carol").member("mallory")],
    },
    expected: ["kick @mallory:acme.test"],
  },
  {
    name: "a prune room that declares the joined admin kicks an undeclared invitee",
    scenario: {
      rooms: [declared("#eng").with("admin", "alice").pruned()],
      observed: [observed("#eng").member("alice").member("dave", "invite")],
      options: { allowMassRemoval: true },
    },
    expected: ["kick @dave:acme.test"],
  },
  {
    name: "a room without prune that declares the joined admin lists its undeclared joined member",
    scenario: {
      rooms: [declared("#eng").with("admin", "alice")],
      observed: [observed("#eng").member("alice").member("mallory")],
    },
    expected: [],
  },
  {
    name: "a declared admin who is deactivated does not count as joining: invites and kicks wait for it",
    scenario: {
      rooms: [declared("#eng").with("admin", "@zoe:partner.test").pruned()],
      observed: [observed("#eng").rule("public").without("admin").member("alice").member("bob").member("carol").member("dave")],
      users: { admin: "deactivated" },
      options: { allowMassRemoval: true },
    },
    expected: [
      "blocked admin_not_in_room @alice:acme.test,@bob:acme.test,@carol:acme.test,@dave:acme.test,@zoe:partner.test",
      "blocked user_deactivated @admin:acme.test",
    ],
  },
  {
    name: "a declared admin who does not exist does not count as joining",
    scenario: {
      rooms: [declared("#eng").with("admin", "@zoe:partner.test")],
      observed: [observed("#eng").rule("public").without("admin")],
      users: { admin: "not_found" },
    },
    expected: ["blocked admin_not_in_room @zoe:partner.test", "blocked user_not_found @admin:acme.test"],
  },
  {
    name: "a declared, active admin joins a public room first, then invites",
    scenario: {
      rooms: [declared("#eng").with("admin", "@zoe:partner.test")],
      observed: [observed("#eng").rule("public").without("admin")],
    },
    expected: ["join @admin:acme.test", "invite @zoe:partner.test"],
  },
];

for (const { name, scenario, expected } of cases) {
  test(name, () => {
    assert.deepEqual(itemsOf(planOf(scenario)), expected);
  });
}

test("the undeclared joined member of a room without prune is noted as unmanaged even when the admin is declared", () => {
  const plan = planOf({ rooms: [declared("#eng").with("admin", "alice")], observed: [observed("#eng").member("alice").member("mallory")] });
  assert.deepEqual(plan.rooms[0]?.info.map((i) => `${i.code} ${i.user}`), ["unmanaged @mallory:acme.test"]);
});
