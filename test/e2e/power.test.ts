import { test } from "node:test";
import assert from "node:assert/strict";
import { acmeUsers, planJson, scenario, type Scenario } from "../support/e2e.js";

const rooms = (yaml: string) => ({ "rooms/rooms.yaml": `server_name: acme.test\n${yaml}` });

/** The room's `users` levels as the server holds them, read over HTTP through the admin state API. */
async function usersLevels(s: Scenario, alias: string): Promise<Record<string, unknown>> {
  const roomId = s.hs.roomIdOf(alias);
  const response = await fetch(`${s.hs.url}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state`, { headers: { authorization: `Bearer ${s.hs.adminToken}` } });
  const body = (await response.json()) as { state: { type: string; state_key: string; content: Record<string, unknown> }[] };
  const event = body.state.find((e) => e.type === "m.room.power_levels" && e.state_key === "");
  return (event?.content["users"] ?? {}) as Record<string, unknown>;
}

/** #team: alice created it (100), the admin is in at 100, dave is a moderator and carol is joined. */
const team = () =>
  acmeUsers()
    .user("erin")
    .room({
      alias: "team",
      creator: "alice",
      join_rule: "invite",
      power_levels: { users: { "@alice:acme.test": 100, "@admin:acme.test": 100, "@dave:acme.test": 50, "@erin:acme.test": 75 } },
      members: { alice: "join", admin: "join", carol: "join", dave: "join", erin: "join" },
    });

const teamYaml = `groups:
  leads: [carol]
rooms:
  "#team":
    members:
      - {user: alice, power: admin}
      - dave
      - {user: erin, power: 25}
      - {user: bob, power: moderator}
    groups:
      - {group: leads, power: moderator}
    prune_power: true
`;

test("power levels: promotions through users and groups, a declared demotion, a prune_power reset, applied as one event; a second plan is empty", async (t) => {
  const s = await scenario(t, team(), rooms(teamYaml));
  const { plan, code } = await planJson(s, ["--allow-mass-removal"]);
  assert.equal(code, 0, JSON.stringify(plan.rooms[0]?.blocked));
  assert.deepEqual(
    plan.rooms[0]?.changes.map((c) => `${c.action} ${c.user}${c.power ? ` ${c.power.from}→${c.power.to}` : ""}`),
    ["join @bob:acme.test", "power @bob:acme.test 0→50", "power @carol:acme.test 0→50", "power @dave:acme.test 50→0", "power @erin:acme.test 75→25"],
  );
  assert.equal(plan.summary.power, 4);

  const text = await s.roster(["plan", "--allow-mass-removal"]);
  assert.match(text.stdout, /~ power +@carol:acme\.test +0 → 50 \(moderator\) +group leads with power 50 \(moderator\) \(rooms\/rooms\.yaml:12:17\)/);
  assert.match(text.stdout, /~ power +@dave:acme\.test +50 \(moderator\) → 0 \(reset\) +power 50 \(moderator\) is not declared here, and prune_power is on/);
  assert.match(text.stdout, /Plan: 1 to join, 0 to invite, 0 to kick, 4 power levels to change, 0 blocked\./);
  const markdown = await s.roster(["plan", "--allow-mass-removal", "--format", "markdown"]);
  assert.match(markdown.stdout, /```diff\n! @bob:acme\.test {2}power 0 → 50 \(moderator\) {2}\(declared with power 50 \(moderator\)\)\n/);
  const github = await s.roster(["plan", "--allow-mass-removal", "--format", "github"]);
  assert.match(github.stdout, /::notice file=rooms\/rooms\.yaml,line=9,col=16,title=roster plan::#team:acme\.test: power @erin:acme\.test 75 → 25/);

  s.hs.resetRequestCounts();
  const apply = await s.roster(["apply", "--yes", "--allow-mass-removal"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /✓ #team:acme\.test: power of @carol:acme\.test set to 50 \(moderator\)/);
  assert.match(apply.stdout, /Apply complete: 1 joined, 0 invited, 0 kicked, 4 power levels changed, 0 failed, 0 blocked\./);
  const counts = s.hs.requestCounts();
  assert.equal(Object.entries(counts).filter(([route]) => route.startsWith("PUT ") && route.includes("/state/")).reduce((n, [, c]) => n + c, 0), 1, "one state event for the room");
  assert.deepEqual(await usersLevels(s, "#team:acme.test"), { "@alice:acme.test": 100, "@admin:acme.test": 100, "@bob:acme.test": 50, "@carol:acme.test": 50, "@erin:acme.test": 25 });
  assert.equal(s.hs.membership("#team:acme.test", "@bob:acme.test"), "join");

  const again = await s.roster(["plan", "--detailed-exitcode", "--allow-mass-removal"]);
  assert.equal(again.code, 0, again.stdout);
});

test("power levels: apply sends nothing when the levels are already as declared", async (t) => {
  const s = await scenario(t, team(), rooms(`rooms:\n  "#team":\n    members: [{user: alice, power: admin}, carol, {user: dave, power: moderator}, {user: erin, power: 75}]\n`));
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout);
  assert.match(apply.stdout, /Apply complete: 0 joined, 0 invited, 0 kicked, 0 failed, 0 blocked\./);
  assert.equal(Object.keys(s.hs.requestCounts()).filter((route) => route.includes("/state/")).length, 0);
});

test("power levels: predicted refusals are blocked at plan time with their codes, and apply leaves those rooms alone", async (t) => {
  const levels = (users: Record<string, number>, extra: Record<string, unknown> = {}) => ({ users: { "@alice:acme.test": 100, ...users }, ...extra });
  const seed = acmeUsers()
    .room({ alias: "weak", creator: "alice", join_rule: "public", power_levels: levels({ "@admin:acme.test": 50 }), members: { alice: "join", admin: "join", bob: "join" } })
    .room({ alias: "peer", creator: "alice", join_rule: "public", power_levels: levels({ "@admin:acme.test": 100, "@bob:acme.test": 100 }), members: { alice: "join", admin: "join", bob: "join" } })
    .room({
      alias: "above",
      creator: "alice",
      join_rule: "public",
      power_levels: levels({ "@admin:acme.test": 60 }, { events: { "m.room.power_levels": 50 } }),
      members: { alice: "join", admin: "join", bob: "join" },
    })
    .room({ alias: "outside", creator: "alice", join_rule: "invite", members: { alice: "join", bob: "join" } });
  const yaml = ["weak", "peer", "above", "outside"].map((r) => `  "#${r}": {members: [alice, {user: bob, power: ${r === "above" ? "admin" : 10}}]}`).join("\n");
  const s = await scenario(t, seed, rooms(`rooms:\n${yaml}\n`));
  const { plan, code } = await planJson(s);
  assert.equal(code, 1);
  assert.deepEqual(
    plan.rooms.map((r) => `${r.room} ${r.blocked.map((b) => `${b.code} ${b.user ?? b.users?.join(",")}`).join("; ")}`),
    [
      "#weak:acme.test admin_cannot_set_power @bob:acme.test",
      "#peer:acme.test power_not_below_admin @bob:acme.test",
      "#above:acme.test power_above_admin @bob:acme.test",
      "#outside:acme.test admin_not_in_room @bob:acme.test",
    ],
  );
  const before = await Promise.all(["#weak", "#peer", "#above"].map((r) => usersLevels(s, `${r}:acme.test`)));
  const apply = await s.roster(["apply", "--yes"]);
  assert.equal(apply.code, 1);
  assert.deepEqual(await Promise.all(["#weak", "#peer", "#above"].map((r) => usersLevels(s, `${r}:acme.test`))), before);
});
