/** One declared member's rules in the planner, word for word: what Stryker's plan run left alive (88%). */

import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, itemsOf, observed, planOf, uid } from "../support/plan-builders.js";
import { roomBlockHint } from "../../src/plan/hints.js";
import { powerResets, resetsLeavingNoPowerHolder } from "../../src/plan/plan-power.js";
import { needsAdminReach, whyEnsureAdminCannotHelp } from "../../src/plan/ensure-admin.js";
import type { RoomPlan } from "../../src/plan/types.js";
import { canInvite } from "../../src/plan/power.js";

const one = (room: ReturnType<typeof declared>, seen: ReturnType<typeof observed>, users: Record<string, "active" | "deactivated" | "not_found" | "suspended"> = {}) =>
  planOf({ rooms: [room], observed: [seen], users }).rooms[0];

test("a declared user deactivated but still joined is information, word for word; an active joined user declared with a level gets the level", () => {
  const room = one(declared("#r").with("ghost").withPower("bob", 50), observed("#r").member("ghost").member("bob"), { ghost: "deactivated" });
  assert.deepEqual(room?.info, [{ code: "deactivated_member", user: uid("ghost"), message: `${uid("ghost")} is deactivated but still joined; roster leaves it as it is.` }]);
  assert.deepEqual(room?.changes.map((c) => `${c.action} ${c.user} ${c.power?.to}`), [`power ${uid("bob")} 50`]);
});

test("each local status blocks with its own code: not found, deactivated, suspended", () => {
  const plan = planOf({
    rooms: [declared("#r").with("gone", "ghost", "paused", "fine")],
    observed: [observed("#r").rule("public")],
    users: { gone: "not_found", ghost: "deactivated", paused: "suspended" },
  });
  assert.deepEqual(itemsOf(plan).sort(), [
    `blocked user_deactivated ${uid("ghost")}`,
    `blocked user_not_found ${uid("gone")}`,
    `blocked user_suspended ${uid("paused")}`,
    `join ${uid("fine")}`,
  ]);
});

test("a private room holds back local joins (join_rule_private) but still invites remote users", () => {
  const plan = planOf({ rooms: [declared("#r").with("alice", "@bob:other.test")], observed: [observed("#r").rule("private")] });
  assert.deepEqual(itemsOf(plan), [`invite @bob:other.test`, `blocked join_rule_private ${uid("alice")}`]);
});

test("in a room without join rules the admin invites first, and says so; a user already invited just joins", () => {
  const room = one(declared("#r").with("alice", "carol"), observed("#r").rule(null).member("carol", "invite"));
  const alice = room?.changes.find((c) => c.user === uid("alice"));
  const carol = room?.changes.find((c) => c.user === uid("carol"));
  assert.equal(alice?.reason, "declared; the room has no join rules, so the admin invites first");
  assert.equal(alice?.inviteFirst, true);
  assert.equal(carol?.reason, "declared");
  assert.equal(carol?.inviteFirst, undefined);
});

test("a prune kick says whether the member was joined or invited", () => {
  const seen = observed("#r").rule("public");
  for (let i = 0; i < 8; i += 1) seen.member(`keep${i}`);
  const room = one(declared("#r").with(...Array.from({ length: 8 }, (_, i) => `keep${i}`)).pruned(), seen.member("joiner").member("pending", "invite"));
  assert.deepEqual(
    room?.changes.map((c) => `${c.user}: ${c.reason}`),
    [`${uid("joiner")}: joined but not declared, and prune is on`, `${uid("pending")}: invited but not declared, and prune is on`],
  );
});

test("a plan keeps the room's current members: joined and invited, the admin included, nobody who left or is banned", () => {
  const room = one(declared("#r").with("alice"), observed("#r").member("alice").member("inv", "invite").member("gone", "leave").member("bad", "ban"));
  assert.deepEqual([...(room?.currentMembers ?? [])].sort(), [ADMIN, uid("alice"), uid("inv")].sort());
});

test("the acting admin declared with another level is information naming both levels; a creator's level reads 'creator power'", () => {
  const room = one(declared("#r").withPower("admin", 50), observed("#r"));
  assert.deepEqual(room?.info.map((i) => i.message), [`${ADMIN} is the acting admin, declared with power 50 (moderator) but holding 100 (admin): roster never changes its own level.`]);
  const creator = one(declared("#r").withPower("admin", 50), observed("#r").power({ creators: [ADMIN], users: {} }));
  assert.match(creator?.info[0]?.message ?? "", /but holding creator power: roster never changes its own level\.$/);
});

test("prune_power resets nothing in a room without a power-levels event, and lists resets by user", () => {
  const users = { [ADMIN]: 100, [uid("zed")]: 50, [uid("amy")]: 50 };
  assert.deepEqual(powerResets(declared("#r").prunePower().room, observed("#r").power({ users, hasEvent: false }).room, ADMIN), []);
  assert.deepEqual(
    powerResets(declared("#r").prunePower().room, observed("#r").power({ users }).room, ADMIN).map((r) => r.user),
    [uid("amy"), uid("zed")],
  );
});

test("the mass-removal hint says remove, demote, or both, by what pruning would do", () => {
  const hint = (removals: number, demotions: number) => roomBlockHint("mass_removal", { admin: ADMIN, room: "#r:acme.test", removals, demotions, members: 10, maxRemovalRatio: 0.25 });
  assert.match(hint(4, 0), /^pruning would remove 4 of 10 current members, more than 25%/);
  assert.match(hint(4, 4), /^pruning would demote 4 of 10 current members/);
  assert.match(hint(4, 1), /^pruning would remove or demote 4 of 10 current members/);
});

test("--ensure-admin says word for word why it cannot help: nobody to act through, an admin above the puppet, a puppet below the level to change power", () => {
  const admin = ADMIN;
  const puppet = uid("owner");
  const seen = (users: Record<string, number>) => observed("#r").member("owner").power({ users }).room;
  assert.equal(
    whyEnsureAdminCannotHelp(seen({}), admin, null),
    `--ensure-admin cannot help here: make_room_admin acts through a local user who is joined and listed in the room's power levels, ` +
      `and this room has none (Synapse answers 400 "No local admin user in room"). Ask a room admin to invite ${admin} and raise its power level, ` +
      `or join a local user who holds the room's top power level.`,
  );
  assert.equal(
    whyEnsureAdminCannotHelp(seen({ [admin]: 60, [puppet]: 50 }), admin, { user: puppet, level: 50 }),
    `--ensure-admin cannot help here: ${admin} already holds power 60, above ${puppet} (50), the room's top joined local user, ` +
      `who therefore may not set it (Synapse answers 400 "No local admin user in room with power to update power levels."). Invite ${admin} from a Matrix client, then run roster again.`,
  );
  assert.equal(whyEnsureAdminCannotHelp(seen({ [admin]: 100, [puppet]: 100 }), admin, { user: puppet, level: 100 }), undefined, "a puppet level with the admin may act");
  assert.equal(
    whyEnsureAdminCannotHelp(seen({ [admin]: 0, [puppet]: 40 }), admin, { user: puppet, level: 40 }),
    `--ensure-admin cannot help here: make_room_admin acts through ${puppet} (power 40), the room's top joined local user, ` +
      `who is below the level 100 this room needs to change power levels (Synapse answers 400 "No local admin user in room with power to update power levels."). ` +
      `Have a room admin raise ${admin}, or join a local user who holds that level.`,
  );
});

test("every block --ensure-admin can lift asks for it, and only those", () => {
  const plan = (code: string) => ({ room: "#r", changes: [], blocked: [{ code }], info: [] }) as unknown as RoomPlan;
  for (const code of ["admin_not_in_room", "admin_cannot_invite", "admin_cannot_kick", "admin_cannot_set_power"]) assert.equal(needsAdminReach(plan(code)), true, code);
  for (const code of ["user_not_found", "mass_removal", "power_above_admin"]) assert.equal(needsAdminReach(plan(code)), false, code);
});

test("prune_power holds back only the resets that would leave nobody present but the admin able to change power levels", () => {
  const carol = uid("carol");
  const levels = (users: Record<string, number>) => observed("#r").power({ users: { [ADMIN]: 100, ...users }, changeLevels: 100 }).room.powerLevels;
  const reset = (user: string, from: number) => ({ user: uid(user), from, to: 0, reset: true as const, reason: "r" });
  const everyone = () => true;
  // carol is the last holder besides the admin; dan's reset (below the level) never counts.
  assert.deepEqual(resetsLeavingNoPowerHolder(levels({ [carol]: 100, [uid("dan")]: 50 }), ADMIN, [reset("carol", 100), reset("dan", 50)], everyone), [carol]);
  // frank, exactly at the level, stays able: nothing held back.
  assert.deepEqual(resetsLeavingNoPowerHolder(levels({ [carol]: 100, [uid("frank")]: 100 }), ADMIN, [reset("carol", 100)], everyone), []);
  // carol left the room: nobody present is able now, so there is nothing to protect (erin is below the level).
  const present = (user: string) => user !== carol;
  assert.deepEqual(resetsLeavingNoPowerHolder(levels({ [carol]: 100, [uid("erin")]: 50 }), ADMIN, [reset("carol", 100)], present), []);
});

test("the mass-removal guard counts joined and invited members only, not those who left or are banned", () => {
  const seen = observed("#r").rule("public").member("a").member("b").member("c").member("x").member("y");
  for (let i = 0; i < 10; i += 1) seen.member(`left${i}`, i % 2 === 0 ? "leave" : "ban");
  // 2 kicks of 6 current members (the admin included) is more than 25%, whatever the 10 former members.
  const room = one(declared("#r").with("a", "b", "c").pruned(), seen);
  assert.deepEqual(room?.blocked.map((b) => b.code), ["mass_removal"]);
});

test("a creator who left the room does not count as someone still able to change power levels", () => {
  const seen = observed("#r").member("dan").member("founder", "leave").power({ users: { [ADMIN]: 100, [uid("dan")]: 60 }, creators: [uid("founder")], changeLevels: 50 });
  const room = planOf({ rooms: [declared("#r").with("dan").prunePower()], observed: [seen], options: { allowMassRemoval: true } }).rooms[0];
  assert.deepEqual(room?.blocked.map((b) => `${b.code} ${(b.users ?? [b.user]).join(",")}`), [`last_power_holder ${uid("dan")}`]);
  assert.deepEqual(room?.changes, []);
});

test("inviting needs the sender joined as well as the invite level", () => {
  const levels = observed("#r").room.powerLevels;
  assert.equal(canInvite(levels, "join", ADMIN), true);
  assert.equal(canInvite(levels, "invite", ADMIN), false);
  assert.equal(canInvite(levels, undefined, ADMIN), false);
});

test("--ensure-admin plans make_room_admin only where it unblocks something or leaves the admin able to act", () => {
  const plan = (invite: number, kick: number) => {
    const seen = observed("#r").member("admin", "leave").member("owner").power({ users: { [uid("owner")]: 50 }, invite, kick, changeLevels: 50 });
    return planOf({ rooms: [declared("#r").with("owner", "@bob:other.test").pruned()], observed: [seen], options: { ensureAdmin: true } }).rooms[0];
  };
  // Raised to the owner's 50 the admin still could not invite (60): no steps, the block stays.
  const useless = plan(60, 50);
  assert.equal(useless?.ensureAdmin, undefined);
  assert.deepEqual(useless?.blocked.map((b) => b.code), ["admin_not_in_room"]);
  // The invite becomes possible, though a prune's kicks (60) would still be out of reach: the steps are planned.
  const helps = plan(0, 60);
  assert.deepEqual(helps?.ensureAdmin?.steps, ["make_room_admin", "join"]);
  assert.deepEqual(helps?.changes.map((c) => `${c.action} ${c.user}`), ["invite @bob:other.test"]);
});
