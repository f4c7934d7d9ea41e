import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, observed, planOf, uid, type Scenario } from "../support/plan-builders.js";
import type { Plan } from "../../src/plan/types.js";

/** One line per item: "power @bob:acme.test 0→50", "blocked power_above_admin @bob:acme.test", "join @bob:acme.test". */
function itemsOf(plan: Plan): string[] {
  return plan.rooms.flatMap((room) => [
    ...room.changes.map((c) => (c.power ? `power ${c.user} ${c.power.from}→${c.power.to}${c.power.reset ? " reset" : ""}` : `${c.action} ${c.user}`)),
    ...room.blocked.map((b) => `blocked ${b.code} ${b.user ?? (b.users ?? []).join(",")}`),
    ...room.info.map((i) => `${i.code} ${i.user}`),
  ]);
}

const bob = uid("bob");
const carol = uid("carol");

const cases: { name: string; scenario: Scenario; expected: string[] }[] = [
  {
    name: "a joined member declared as moderator is promoted",
    scenario: { rooms: [declared("#eng").withPower("bob", 50)], observed: [observed("#eng").member("bob")] },
    expected: [`power ${bob} 0→50`],
  },
  {
    name: "a user declared with a power and not yet in the room is joined first, then promoted",
    scenario: { rooms: [declared("#eng").withPower("bob", 100)], observed: [observed("#eng")] },
    expected: [`join ${bob}`, `power ${bob} 0→100`],
  },
  {
    name: "a level already held (explicitly or through users_default) plans nothing",
    scenario: {
      rooms: [declared("#eng").withPower("bob", 50).withPower("carol", 10)],
      observed: [observed("#eng").member("bob").member("carol").power({ users: { [ADMIN]: 100, [bob]: 50 }, usersDefault: 10 })],
    },
    expected: [],
  },
  {
    name: "a declared demotion is planned",
    scenario: { rooms: [declared("#eng").withPower("bob", 0)], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 100, [bob]: 50 } })] },
    expected: [`power ${bob} 50→0`],
  },
  {
    name: "the highest of several declarations wins (direct and through groups)",
    scenario: { rooms: [declared("#eng").withPower("bob", 50).withPower("bob", 100, "leads").withPower("bob", 20, "backend")], observed: [observed("#eng").member("bob")] },
    expected: [`power ${bob} 0→100`],
  },
  {
    name: "a plain member keeps an elevated level without prune_power",
    scenario: { rooms: [declared("#eng").with("bob")], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 100, [bob]: 50 } })] },
    expected: [],
  },
  {
    name: "prune_power resets elevated levels not declared with a power, never the admin's, never below users_default",
    scenario: {
      rooms: [declared("#eng").with("bob", "dave", "erin", "fay").withPower("carol", 50).prunePower()],
      observed: [
        observed("#eng")
          .member("bob")
          .member("carol")
          .member("dave")
          .member("erin")
          .member("fay")
          .power({ users: { [ADMIN]: 100, [bob]: 50, [carol]: 50, [uid("dave")]: -1, [uid("erin")]: 0 }, usersDefault: 0 }),
      ],
    },
    expected: [`power ${bob} 50→0 reset`],
  },
  {
    name: "prune_power also resets users who are no longer members",
    scenario: {
      rooms: [declared("#eng").with("bob", "carol", "dave", "erin").prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").member("erin").power({ users: { [ADMIN]: 100, [uid("gone")]: 50 } })],
    },
    expected: [`power ${uid("gone")} 50→0 reset`],
  },
  {
    name: "the admin's own level is never changed: declared differently, it is information only",
    scenario: { rooms: [declared("#eng").withPower("admin", 50)], observed: [observed("#eng")] },
    expected: [`admin_power ${ADMIN}`],
  },
  {
    name: "the admin not joined holds power changes back (admin_not_in_room)",
    scenario: { rooms: [declared("#eng").withPower("bob", 50)], observed: [observed("#eng").without("admin").member("bob")] },
    expected: [`blocked admin_not_in_room ${bob}`],
  },
  {
    name: "the admin below the level power changes need (admin_cannot_set_power)",
    scenario: {
      rooms: [declared("#eng").withPower("bob", 10)],
      observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 50 }, changeLevels: 100 })],
    },
    expected: [`blocked admin_cannot_set_power ${bob}`],
  },
  {
    name: "a declared level above the admin's own is refused (power_above_admin)",
    scenario: { rooms: [declared("#eng").withPower("bob", 100)], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 60 }, changeLevels: 50 })] },
    expected: [`blocked power_above_admin ${bob}`],
  },
  {
    name: "a target at the admin's level cannot be changed, even lowered (power_not_below_admin)",
    scenario: { rooms: [declared("#eng").withPower("bob", 50)], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 100, [bob]: 100 } })] },
    expected: [`blocked power_not_below_admin ${bob}`],
  },
  {
    name: "a target above the admin cannot be changed (power_not_below_admin)",
    scenario: { rooms: [declared("#eng").withPower("bob", 50)], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 80, [bob]: 90 }, changeLevels: 50 })] },
    expected: [`blocked power_not_below_admin ${bob}`],
  },
  {
    name: "only explicit entries are compared: a target at the admin's level through users_default may be changed",
    scenario: {
      rooms: [declared("#eng").withPower("bob", 50)],
      observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 60 }, usersDefault: 60, changeLevels: 50 })],
    },
    expected: [`power ${bob} 60→50`],
  },
  {
    name: "a room version 12 creator's level cannot be set (power_of_creator)",
    scenario: { rooms: [declared("#eng").withPower("bob", 100)], observed: [observed("#eng").member("bob").power({ creators: [bob] })] },
    expected: [`blocked power_of_creator ${bob}`],
  },
  {
    name: "prune_power never resets a creator",
    scenario: { rooms: [declared("#eng").with("bob").prunePower()], observed: [observed("#eng").member("bob").power({ creators: [bob] })] },
    expected: [],
  },
  {
    name: "prune_power demotions count toward the mass-removal guard like kicks",
    scenario: {
      rooms: [declared("#eng").with("bob", "carol", "dave").prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").power({ users: { [ADMIN]: 100, [bob]: 50, [carol]: 50 } })],
    },
    expected: [`blocked mass_removal ${bob},${carol}`],
  },
  {
    name: "with --allow-mass-removal the demotions go ahead",
    scenario: {
      rooms: [declared("#eng").with("bob", "carol", "dave").prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").power({ users: { [ADMIN]: 100, [bob]: 50, [carol]: 50 } })],
      options: { allowMassRemoval: true },
    },
    expected: [`power ${bob} 50→0 reset`, `power ${carol} 50→0 reset`],
  },
  {
    name: "kicks and demotions together trip the guard, and both are held back",
    scenario: {
      rooms: [declared("#eng").with("bob", "carol", "dave", "erin").pruned().prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").member("erin").member("zed").power({ users: { [ADMIN]: 100, [bob]: 50 } })],
    },
    expected: [`blocked mass_removal ${bob},${uid("zed")}`],
  },
  {
    name: "prune_power never leaves nobody but the admin able to change power levels",
    scenario: {
      rooms: [declared("#eng").with("bob", "carol", "dave", "erin", "fay").prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").member("erin").member("fay").power({ users: { [ADMIN]: 100, [bob]: 90 }, changeLevels: 90 })],
    },
    expected: [`blocked last_power_holder ${bob}`],
  },
  {
    name: "a demotion of the last other holder goes ahead when another is declared with the level",
    scenario: {
      rooms: [declared("#eng").with("bob", "dave", "erin", "fay").withPower("carol", 100).prunePower()],
      observed: [observed("#eng").member("bob").member("carol").member("dave").member("erin").member("fay").power({ users: { [ADMIN]: 100, [bob]: 90 }, changeLevels: 90 })],
    },
    expected: [`power ${bob} 90→0 reset`, `power ${carol} 0→100`],
  },
  {
    name: "a declared demotion of the last other holder is the declaration's decision, not blocked",
    scenario: {
      rooms: [declared("#eng").withPower("bob", 0)],
      observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 100, [bob]: 90 }, changeLevels: 90 })],
    },
    expected: [`power ${bob} 90→0`],
  },
  {
    name: "a room without a power-levels event: the admin (creator) sets the first one, nothing is compared (not even a level above its own)",
    scenario: {
      rooms: [declared("#eng").withPower("bob", 150)],
      observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 100 }, changeLevels: 50, hasEvent: false })],
    },
    expected: [`power ${bob} 0→150`],
  },
  {
    name: "a banned or missing user gets no power change, only its user block",
    scenario: { rooms: [declared("#eng").withPower("bob", 50).withPower("carol", 50)], observed: [observed("#eng").member("bob", "ban")], users: { carol: "not_found" } },
    expected: [`blocked user_banned ${bob}`, `blocked user_not_found ${carol}`],
  },
];

for (const { name, scenario, expected } of cases) {
  test(`power: ${name}`, () => {
    assert.deepEqual(itemsOf(planOf(scenario)), expected);
  });
}

test("power changes come after the room's membership changes, sorted, and count in the summary", () => {
  const plan = planOf({
    rooms: [declared("#eng").withPower("carol", 50).withPower("bob", 50).with("dave").pruned()],
    observed: [observed("#eng").member("bob").member("zed")],
    options: { allowMassRemoval: true },
  });
  assert.deepEqual(plan.rooms[0]?.changes.map((c) => `${c.action} ${c.user}`), [`join ${carol}`, `join ${uid("dave")}`, `kick ${uid("zed")}`, `power ${bob}`, `power ${carol}`]);
  assert.equal(plan.summary.power, 2);
  assert.equal(plan.formatVersion, 2);
});

test("a power change names where its level is declared, and why", () => {
  const plan = planOf({ rooms: [declared("#eng").withPower("bob", 20).withPower("bob", 100, "leads")], observed: [observed("#eng").member("bob")] });
  const change = plan.rooms[0]?.changes[0];
  assert.deepEqual(change?.power, { from: 0, to: 100 });
  assert.equal(change?.source?.line, 101);
  assert.match(change?.reason ?? "", /group leads with power 100 \(admin\)/);
});

test("power blocks say what to do, naming levels", () => {
  const plan = planOf({ rooms: [declared("#eng").withPower("bob", 100)], observed: [observed("#eng").member("bob").power({ users: { [ADMIN]: 60 }, changeLevels: 50 })] });
  assert.match(plan.rooms[0]?.blocked[0]?.hint ?? "", /100 \(admin\) is above @admin:acme\.test's own power 60.*declare at most 60/);
});
