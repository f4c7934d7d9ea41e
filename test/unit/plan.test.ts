import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, inputOf, itemsOf, observed, planOf, type Scenario } from "../support/plan-builders.js";
import { computePlan, planDeclaredRoom } from "../../src/plan/compute-plan.js";

const cases: { name: string; scenario: Scenario; expected: string[] }[] = [
  {
    name: "a local user who is not in the room is joined",
    scenario: { rooms: [declared("#eng").with("alice")], observed: [observed("#eng")] },
    expected: ["join @alice:acme.test"],
  },
  {
    name: "an already joined user gets nothing, also in an invite-only room",
    scenario: { rooms: [declared("#eng").with("alice")], observed: [observed("#eng").rule("invite").member("alice")] },
    expected: [],
  },
  {
    name: "an invited or knocking local user is joined",
    scenario: { rooms: [declared("#eng").with("alice", "bob")], observed: [observed("#eng").member("alice", "invite").member("bob", "knock")] },
    expected: ["join @alice:acme.test", "join @bob:acme.test"],
  },
  {
    name: "a remote user is invited, once",
    scenario: {
      rooms: [declared("#eng").with("@zoe:partner.test", "@yuri:partner.test")],
      observed: [observed("#eng").member("@zoe:partner.test", "invite")],
    },
    expected: ["invite @yuri:partner.test"],
  },
  {
    name: "a remote user who left is invited again",
    scenario: { rooms: [declared("#eng").with("@zoe:partner.test")], observed: [observed("#eng").member("@zoe:partner.test", "leave")] },
    expected: ["invite @zoe:partner.test"],
  },
  {
    name: "unknown, deactivated and banned users are blocked one by one",
    scenario: {
      rooms: [declared("#eng").with("ghost", "mallory", "carol")],
      observed: [observed("#eng").member("carol", "ban")],
      users: { ghost: "not_found", mallory: "deactivated" },
    },
    expected: ["blocked user_banned @carol:acme.test", "blocked user_deactivated @mallory:acme.test", "blocked user_not_found @ghost:acme.test"],
  },
  {
    name: "a banned remote user is blocked, not invited",
    scenario: { rooms: [declared("#eng").with("@zoe:partner.test")], observed: [observed("#eng").member("@zoe:partner.test", "ban")] },
    expected: ["blocked user_banned @zoe:partner.test"],
  },
  {
    name: "a deactivated user who is still joined is information, not an action",
    scenario: { rooms: [declared("#eng").with("mallory")], observed: [observed("#eng").member("mallory")], users: { mallory: "deactivated" } },
    expected: ["deactivated_member @mallory:acme.test"],
  },
  {
    name: "an invite-only room without the admin holds back joins and invites in one room-level block",
    scenario: {
      rooms: [declared("#eng").with("alice", "bob", "@zoe:partner.test")],
      observed: [observed("#eng").rule("invite").without("admin").member("bob")],
    },
    expected: ["blocked admin_not_in_room @alice:acme.test,@zoe:partner.test"],
  },
  {
    name: "a public room without the admin still takes local joins, but not remote invites",
    scenario: {
      rooms: [declared("#general").with("alice", "@zoe:partner.test")],
      observed: [observed("#general").rule("public").without("admin")],
    },
    expected: ["join @alice:acme.test", "blocked admin_not_in_room @zoe:partner.test"],
  },
  {
    name: "a room without join rules gets an invite before the join (the admin join API would send none)",
    scenario: { rooms: [declared("#old").with("alice", "bob")], observed: [observed("#old").rule(null).member("bob", "invite")] },
    expected: ["join @alice:acme.test", "join @bob:acme.test"],
  },
  {
    name: "a room without join rules and without the admin holds its joins back",
    scenario: { rooms: [declared("#old").with("alice")], observed: [observed("#old").rule(null).without("admin")] },
    expected: ["blocked admin_not_in_room @alice:acme.test"],
  },
  {
    name: "a declared admin joining a public room is joined first, so the room's invites and kicks need no second run",
    scenario: {
      rooms: [declared("#general").with("admin", "alice", "bob", "carol", "@zoe:partner.test").pruned()],
      observed: [observed("#general").rule("public").without("admin").member("alice").member("bob").member("carol").member("ken")],
    },
    expected: ["join @admin:acme.test", "invite @zoe:partner.test", "kick @ken:acme.test"],
  },
  {
    name: "an admin below the invite level cannot invite",
    scenario: {
      rooms: [declared("#eng").with("alice")],
      observed: [observed("#eng").power({ invite: 50, users: { [ADMIN]: 10 } })],
    },
    expected: ["blocked admin_cannot_invite @alice:acme.test"],
  },
  {
    name: "a room whose alias does not resolve blocks every declared member",
    scenario: {
      rooms: [declared("#nope").with("alice", "bob")],
      observed: [{ status: "alias_not_found", ref: "#nope:acme.test", detail: "404 M_NOT_FOUND" }],
    },
    expected: ["blocked alias_not_found @alice:acme.test,@bob:acme.test"],
  },
  {
    name: "an unknown room ID is room_not_found",
    scenario: {
      rooms: [declared("!gone:acme.test").with("alice")],
      observed: [{ status: "room_not_found", ref: "!gone:acme.test", roomId: "!gone:acme.test", detail: "404 M_NOT_FOUND" }],
    },
    expected: ["blocked room_not_found @alice:acme.test"],
  },
  {
    name: "an unreadable room is an error and the other rooms are still planned",
    scenario: {
      rooms: [declared("#broken").with("alice"), declared("#eng").with("bob")],
      observed: [{ status: "error", ref: "#broken:acme.test", detail: "GET … answered 500" }, observed("#eng")],
    },
    expected: ["error #broken:acme.test", "join @bob:acme.test"],
  },
  {
    name: "joined members not declared in a room without prune are unmanaged; the admin is not listed",
    scenario: { rooms: [declared("#eng").with("alice")], observed: [observed("#eng").member("alice").member("ken").member("bob", "invite")] },
    expected: ["unmanaged @ken:acme.test"],
  },
  {
    name: "prune kicks joined and invited members that are not declared, never the admin",
    scenario: {
      rooms: [declared("#ann").with("alice", "bob", "carol", "dave", "erin", "frank").pruned()],
      observed: [observed("#ann").member("alice").member("bob").member("carol").member("dave").member("erin").member("ken").member("ivan", "invite")],
    },
    expected: ["join @frank:acme.test", "kick @ivan:acme.test", "kick @ken:acme.test"],
  },
  {
    name: "prune that would remove more than 25% of the members is blocked as mass_removal",
    scenario: {
      rooms: [declared("#ann").with("alice").pruned()],
      observed: [observed("#ann").member("alice").member("bob").member("carol")],
    },
    expected: ["blocked mass_removal @bob:acme.test,@carol:acme.test"],
  },
  {
    name: "exactly 25% is not mass removal",
    scenario: {
      rooms: [declared("#ann").with("alice", "bob").pruned()],
      observed: [observed("#ann").member("alice").member("bob").member("ken")],
    },
    expected: ["kick @ken:acme.test"],
  },
  {
    name: "--allow-mass-removal lets a large prune through",
    scenario: {
      rooms: [declared("#ann").with("alice").pruned()],
      observed: [observed("#ann").member("alice").member("bob").member("carol")],
      options: { allowMassRemoval: true },
    },
    expected: ["kick @bob:acme.test", "kick @carol:acme.test"],
  },
  {
    name: "a member with as much power as the admin cannot be kicked",
    scenario: {
      rooms: [declared("#ann").with("alice", "bob", "carol", "dave").pruned()],
      observed: [
        observed("#ann").member("alice").member("bob").member("carol").member("dave").member("mod")
          .power({ users: { [ADMIN]: 100, "@mod:acme.test": 100 } }),
      ],
    },
    expected: ["blocked admin_cannot_kick @mod:acme.test"],
  },
  {
    name: "a prune room without the admin holds back kicks",
    scenario: {
      rooms: [declared("#ann").with("alice", "bob", "carol", "dave").pruned()],
      observed: [observed("#ann").without("admin").member("alice").member("bob").member("carol").member("dave").member("ken")],
    },
    expected: ["blocked admin_not_in_room @ken:acme.test"],
  },
  {
    name: "the same room declared by alias and by ID is an error on both",
    scenario: {
      rooms: [declared("#eng").with("alice"), declared("!eng:acme.test").with("bob")],
      observed: [observed("#eng"), { ...observed("#eng").room, ref: "!eng:acme.test" }],
    },
    expected: ["error #eng:acme.test", "error !eng:acme.test"],
  },
];

for (const { name, scenario, expected } of cases) {
  test(`plan: ${name}`, () => {
    assert.deepEqual(itemsOf(planOf(scenario)), expected);
  });
}

test("plan: the summary counts every action, block and error", () => {
  const plan = planOf({
    rooms: [declared("#eng").with("alice", "ghost", "@zoe:partner.test"), declared("#broken").with("bob")],
    observed: [observed("#eng"), { status: "error", ref: "#broken:acme.test", detail: "timeout" }],
    users: { ghost: "not_found" },
  });
  assert.deepEqual(plan.summary, { join: 1, invite: 1, kick: 0, power: 0, blocked: 1, errors: 1 });
});

test("plan: only joins in rooms without join rules are marked inviteFirst", () => {
  const plan = planOf({ rooms: [declared("#old").with("alice", "bob")], observed: [observed("#old").rule(null).member("bob", "invite")] });
  assert.deepEqual(plan.rooms[0]?.changes.map((c) => [c.user, c.inviteFirst]), [["@alice:acme.test", true], ["@bob:acme.test", undefined]]);
});

test("plan: joins carry where the user was declared and why", () => {
  const plan = planOf({ rooms: [declared("#eng").with("alice")], observed: [observed("#eng")] });
  const change = plan.rooms[0]?.changes[0];
  assert.deepEqual(change?.source, { file: "rooms/test.yaml", line: 2, column: 7 });
  assert.equal(change?.reason, "declared");
});

test("plan: block hints name the admin and the way out", () => {
  const plan = planOf({ rooms: [declared("#eng").with("alice")], observed: [observed("#eng").without("admin")] });
  const hint = plan.rooms[0]?.blocked[0]?.hint ?? "";
  assert.match(hint, /@admin:acme\.test is not joined/);
  assert.match(hint, /--ensure-admin|make_room_admin/);
});

test("plan: a room planned on its own (planDeclaredRoom, as soon as its reads end) is the room computePlan gives, and computePlan takes such early rooms as they are", () => {
  const input = inputOf({
    rooms: [declared("#eng").with("alice", "ghost", "@zoe:partner.test"), declared("#ops").with(ADMIN, "bob"), declared("#broken").with("carol")],
    observed: [observed("#eng").rule("invite"), observed("#ops"), { status: "error", ref: "#broken:acme.test", detail: "timeout" }],
    users: { ghost: "not_found" },
  });
  const whole = computePlan(input);
  input.desired.rooms.forEach((room, i) => assert.deepEqual(planDeclaredRoom(room, input), whole.rooms[i], room.ref));
  const early = new Map(input.desired.rooms.map((room) => [room.ref, planDeclaredRoom(room, input)]));
  const reused = computePlan(input, early);
  reused.rooms.forEach((room) => assert.equal(room, early.get(room.room), "the very object planned early"));
  assert.deepEqual(reused, whole);
});

test("plan: a room declared twice is an error even when it was planned early", () => {
  const input = inputOf({
    rooms: [declared("#eng").with("alice"), declared("!eng:acme.test").with("bob")],
    observed: [observed("#eng"), { ...observed("#eng").room, ref: "!eng:acme.test" }],
  });
  const early = new Map(input.desired.rooms.map((room) => [room.ref, planDeclaredRoom(room, input)]));
  assert.deepEqual(itemsOf(computePlan(input, early)), ["error #eng:acme.test", "error !eng:acme.test"]);
});
