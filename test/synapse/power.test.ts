import assert from "node:assert/strict";
import { test } from "node:test";
import { blocksOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";
import type { RoomPlan } from "../../src/plan/types.js";

/** [user, from, to] of each planned power change. */
function powersOf(room: RoomPlan): [string, number, number][] {
  return room.changes.flatMap((c) => (c.power ? [[c.user, c.power.from, c.power.to] as [string, number, number]] : []));
}

function usersOf(levels: Record<string, unknown>): Record<string, unknown> {
  return levels["users"] as Record<string, unknown>;
}

test("real Synapse: promotions and demotions through users and groups, prune_power, a level set by hand kept, then an empty plan", async (t) => {
  const w = await newWorld(t);
  const [owner, carol, dave, frank, gina] = await w.users("owner", "carol", "dave", "frank", "gina");
  const [erin] = await w.accounts("erin");
  const team = await w.hs.createRoom(owner, {
    preset: "private_chat",
    alias: w.name("team"),
    invite: [w.admin.userId, carol.userId, dave.userId, frank.userId, gina.userId],
    powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 100, [dave.userId]: 50, [frank.userId]: 75 } },
  });
  for (const user of [w.admin, carol, dave, frank, gina]) await w.hs.join(user, team);

  const roster = await w.declare({
    "rooms/team.yaml": w.roomsFile(
      {
        [w.alias("team")]: {
          members: [{ user: w.name("owner"), power: "admin" }, w.name("dave"), w.name("gina"), { user: w.name("frank"), power: 25 }, { user: w.name("erin"), power: "admin" }],
          groups: [{ group: "leads", power: "moderator" }],
          prune_power: true,
        },
      },
      { leads: [w.name("carol")] },
    ),
  });
  const { plan, code } = await roster.plan(["--allow-mass-removal"]);
  assert.equal(code, 0, JSON.stringify(plan));
  const room = roomOf(plan, w.alias("team"));
  assert.deepEqual(powersOf(room), [
    [carol.userId, 0, 50],
    [dave.userId, 50, 0],
    [erin, 0, 100],
    [frank.userId, 75, 25],
  ]);
  assert.equal(room.changes[0]?.action, "join", "erin joins before the power event");
  const text = await roster(["plan", "--dir", "rooms", "--allow-mass-removal"]);
  assert.match(text.stdout, new RegExp(`~ power +${carol.userId.replace(/\./g, "\\.")} +0 → 50 \\(moderator\\)`));

  // Between this plan and the apply, an owner changes the levels by hand in a way roster does not manage:
  // apply re-reads the levels just before sending, so the change survives.
  const before = await w.hs.powerLevels(team);
  await w.hs.setPowerLevels(owner, team, { ...before, events: { ...(before["events"] as object), "m.room.topic": 10 } });

  const apply = await roster(["apply", "--yes", "--dir", "rooms", "--allow-mass-removal"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /4 power levels changed/);
  const after = await w.hs.powerLevels(team);
  assert.deepEqual(usersOf(after), { [owner.userId]: 100, [w.admin.userId]: 100, [carol.userId]: 50, [erin]: 100, [frank.userId]: 25 });
  assert.equal((after["events"] as Record<string, unknown>)["m.room.topic"], 10, "the change made by hand since the plan is kept");
  assert.equal(after["historical"], 100, "keys roster does not manage are kept");
  assert.equal((await w.hs.memberships(team))[erin], "join");

  const again = await roster(["plan", "--dir", "rooms", "--detailed-exitcode", "--allow-mass-removal"]);
  assert.equal(again.code, 0, again.stdout + again.stderr);
});

test("real Synapse: a level changed by hand after plan --out makes the saved plan stale; apply refuses that room", async (t) => {
  const w = await newWorld(t);
  const [owner, carol] = await w.users("owner", "carol");
  const room = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("hall"), powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 100 } } });
  await w.hs.join(w.admin, room);
  await w.hs.join(carol, room);
  const roster = await w.declare({ "rooms/hall.yaml": w.roomsFile({ [w.alias("hall")]: { members: [w.name("owner"), { user: w.name("carol"), power: 50 }] } }) });
  assert.equal((await roster(["plan", "--dir", "rooms", "--out", "plan.json"])).code, 0);
  const levels = await w.hs.powerLevels(room);
  await w.hs.setPowerLevels(owner, room, { ...levels, users: { ...usersOf(levels), [carol.userId]: 30 } });
  const apply = await roster(["apply", "plan.json", "--yes"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /skipped .*power levels changed since the plan was made/);
  assert.equal(usersOf(await w.hs.powerLevels(room))[carol.userId], 30, "the level set by hand is kept");
});

test("real Synapse: each refusal Synapse would answer is blocked at plan time, and apply leaves those rooms alone", async (t) => {
  const w = await newWorld(t);
  const [owner, bob, carol] = await w.users("owner", "bob", "carol");
  const make = async (name: string, users: Record<string, number>, join = true, extra: Record<string, unknown> = {}, creator = owner) => {
    const room = await w.hs.createRoom(creator, { preset: "public_chat", alias: w.name(name), powerLevels: { users: { [creator.userId]: 100, ...users }, ...extra } });
    if (join && creator !== w.admin) await w.hs.join(w.admin, room);
    await w.hs.join(bob, room);
    await w.hs.join(carol, room);
    return room;
  };
  const weak = await make("weak", { [w.admin.userId]: 50 });
  const peer = await make("peer", { [w.admin.userId]: 100, [bob.userId]: 100 });
  const above = await make("above", { [w.admin.userId]: 60 }, true, { events: { "m.room.power_levels": 50 } });
  const outside = await make("outside", {}, false);
  // Created by the admin: nobody else but bob may change its power levels.
  const last = await make("last", { [bob.userId]: 90 }, true, { events: { "m.room.power_levels": 90 } }, w.admin);
  const bobWith = (power: number | string) => [w.name("owner"), w.name("carol"), { user: w.name("bob"), power }];
  const roster = await w.declare({
    "rooms/r.yaml": w.roomsFile({
      [w.alias("weak")]: { members: bobWith(10) },
      [w.alias("peer")]: { members: bobWith(50) },
      [w.alias("above")]: { members: bobWith("admin") },
      [w.alias("outside")]: { members: bobWith(10) },
      [w.alias("last")]: { members: [w.name("carol"), w.name("bob")], prune_power: true },
    }),
  });
  const { plan, code } = await roster.plan(["--allow-mass-removal"]);
  assert.equal(code, 1);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("weak"))), [{ code: "admin_cannot_set_power", users: [bob.userId] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("peer"))), [{ code: "power_not_below_admin", user: bob.userId }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("above"))), [{ code: "power_above_admin", user: bob.userId }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("outside"))), [{ code: "admin_not_in_room", users: [bob.userId] }]);
  assert.deepEqual(blocksOf(roomOf(plan, w.alias("last"))), [{ code: "last_power_holder", users: [bob.userId] }]);
  const levelsBefore = await Promise.all([weak, peer, above, outside, last].map((r) => w.hs.powerLevels(r)));
  const apply = await roster(["apply", "--yes", "--dir", "rooms", "--allow-mass-removal"]);
  assert.equal(apply.code, 1);
  assert.deepEqual(await Promise.all([weak, peer, above, outside, last].map((r) => w.hs.powerLevels(r))), levelsBefore);

  // What Synapse answers where the plan predicted a refusal: the prediction holds on the real server.
  const asAdmin = { userId: w.admin.userId, localpart: "", token: w.admin.token };
  for (const [room, level, answer] of [
    [weak, 10, /403.*user_level \(50\) < send_level \(100\)/],
    [peer, 50, /403.*remove ops level equal to your own/],
    [above, 100, /403.*add ops level greater than your own/],
  ] as const) {
    const content = levelsBefore[[weak, peer, above].indexOf(room)] as Record<string, unknown>;
    const result = await w.hs.request("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/state/m.room.power_levels/`, {
      token: asAdmin.token,
      body: { ...content, users: { ...usersOf(content), [bob.userId]: level } },
    });
    assert.match(`${result.status} ${JSON.stringify(result.body)}`, answer);
  }
});
