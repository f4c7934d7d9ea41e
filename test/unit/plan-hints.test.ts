/** Every block of a plan says what to do about it, with the facts of that room filled in. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { declared, observed, planOf, type Scenario } from "../support/plan-builders.js";

const cases: { name: string; scenario: Scenario; hint: RegExp }[] = [
  { name: "user_not_found", scenario: { rooms: [declared("#eng").with("ghost")], observed: [observed("#eng")], users: { ghost: "not_found" } }, hint: /^@ghost:acme\.test has no account on acme\.test: create the account/ },
  { name: "user_deactivated", scenario: { rooms: [declared("#eng").with("mallory")], observed: [observed("#eng")], users: { mallory: "deactivated" } }, hint: /^@mallory:acme\.test is deactivated; .*remove it from the declarations\.$/ },
  { name: "user_banned", scenario: { rooms: [declared("#eng").with("carol")], observed: [observed("#eng").member("carol", "ban")] }, hint: /^@carol:acme\.test is banned from this room: unban them/ },
  {
    name: "alias_not_found",
    scenario: { rooms: [declared("#gone").with("alice")], observed: [{ status: "alias_not_found", ref: "#gone:acme.test", detail: "M_NOT_FOUND" }] },
    hint: /^#gone:acme\.test does not resolve on this server/,
  },
  {
    name: "room_not_found",
    scenario: { rooms: [declared("!x:acme.test").with("alice")], observed: [{ status: "room_not_found", ref: "!x:acme.test", roomId: "!x:acme.test", detail: "no state events" }] },
    hint: /^!x:acme\.test is unknown to this server or no local user is left in it \(no state events\)/,
  },
  {
    name: "admin_not_in_room",
    scenario: { rooms: [declared("#eng").with("@zoe:partner.test")], observed: [observed("#eng").without("admin")] },
    hint: /^@admin:acme\.test is not joined to #eng:acme\.test.*POST \/_synapse\/admin\/v1\/rooms\/!eng:acme\.test\/make_room_admin/,
  },
  {
    name: "admin_cannot_invite",
    scenario: { rooms: [declared("#eng").with("@zoe:partner.test")], observed: [observed("#eng").power({ users: { "@admin:acme.test": 10 }, invite: 20 })] },
    hint: /^@admin:acme\.test has power 10, below this room's invite level 20: /,
  },
  {
    name: "admin_cannot_kick",
    scenario: { rooms: [declared("#eng").pruned()], observed: [observed("#eng").member("alice").member("bob").member("carol").member("dave").member("erin").power({ users: { "@admin:acme.test": 40, "@erin:acme.test": 40 }, kick: 30 })], options: { allowMassRemoval: true } },
    hint: /^@admin:acme\.test \(power 40\) needs at least the kick level 30 and more power than each user/,
  },
  {
    name: "mass_removal",
    scenario: { rooms: [declared("#eng").with("alice").pruned()], observed: [observed("#eng").member("alice").member("bob").member("carol")], options: { maxRemovalRatio: 0.4 } },
    hint: /^pruning would remove 2 of 4 current members, more than 40%: .*--allow-mass-removal/,
  },
];

for (const { name, scenario, hint } of cases) {
  test(`a ${name} block says what to do`, () => {
    const blocked = planOf(scenario).rooms.flatMap((r) => r.blocked);
    const found = blocked.find((b) => b.code === name);
    assert.ok(found, `no ${name} block in ${JSON.stringify(blocked)}`);
    assert.match(found.hint, hint);
  });
}
