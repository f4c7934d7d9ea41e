/**
 * executePlan at its edges: rooms with nothing to do (some without a room ID), --ensure-admin steps that
 * do not end done, and what is reported for each.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { executePlan } from "../../src/apply/execute-plan.js";
import type { MembershipActions } from "../../src/apply/run-action.js";
import { HomeserverError, RateLimitedError } from "../../src/homeserver/errors.js";
import type { Change, EnsureAdmin, Plan, RoomPlan } from "../../src/plan/types.js";

const SOURCE = { file: "rooms/a.yaml", line: 1, column: 1 };
const join = (user: string): Change => ({ action: "join", user, reason: "declared" });

function roomPlan(room: string, extra: Partial<RoomPlan> = {}): RoomPlan {
  return { room, roomId: room.replace(/^#/, "!"), source: SOURCE, prune: false, changes: [], blocked: [], info: [], ...extra };
}

function planOf(rooms: RoomPlan[]): Plan {
  return { formatVersion: 2, serverName: "acme.test", admin: "@admin:acme.test", rooms, summary: { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0 } };
}

function recorder(ensure?: () => Promise<void>) {
  const sent: string[] = [];
  const actions: MembershipActions = {
    perform: (roomId, change) => {
      sent.push(`${roomId} ${change.action} ${change.user}`);
      return Promise.resolve();
    },
    membershipOf: () => Promise.resolve(undefined),
    ...(ensure ? { ensureAdmin: (roomId: string) => (sent.push(`${roomId} ensure`), ensure()) } : {}),
  };
  return { actions, sent };
}

test("rooms with nothing to do, with or without a room ID, are reported empty and cost no request", async () => {
  const plan = planOf([
    roomPlan("#nope:acme.test", { roomId: undefined as unknown as string, blocked: [{ code: "alias_not_found", users: ["@a:acme.test"], hint: "h" }] }),
    roomPlan("#quiet:acme.test"),
    roomPlan("#busy:acme.test", { changes: [join("@b:acme.test")] }),
  ]);
  delete plan.rooms[0]?.roomId;
  const { actions, sent } = recorder();
  const result = await executePlan(plan, { actions, concurrency: 2 });
  assert.deepEqual(sent, ["!busy:acme.test join @b:acme.test"]);
  assert.deepEqual(
    result.rooms.map((r) => [r.room, r.roomId, r.results.length]),
    [
      ["#nope:acme.test", undefined, 0],
      ["#quiet:acme.test", "!quiet:acme.test", 0],
      ["#busy:acme.test", "!busy:acme.test", 1],
    ],
  );
  assert.equal(result.summary.joined, 1);
  assert.equal(result.summary.blocked, 1);
  assert.equal(result.stoppedEarly, undefined);
  assert.equal("roomId" in (result.rooms[0] ?? {}), false, "no roomId key for a room without one");
});

const ensure: EnsureAdmin = { steps: ["make_room_admin", "join"], puppet: "@owner:acme.test", grantedPower: 100, reason: "r" };

test("when the admin cannot be brought in, none of the room's actions is sent and each is not attempted, saying why", async () => {
  const { actions, sent } = recorder(() => Promise.reject(new RateLimitedError({ method: "POST", path: "/x", template: "/x", status: 429, mayHaveReachedServer: false, attempts: 1 }, 5000, 0)));
  const plan = planOf([roomPlan("#eng:acme.test", { ensureAdmin: ensure, changes: [join("@a:acme.test"), join("@b:acme.test")] }), roomPlan("#ok:acme.test", { changes: [join("@c:acme.test")] })]);
  const reported: string[] = [];
  const result = await executePlan(plan, { actions, concurrency: 1, onResult: (_room, r) => reported.push(r.user) });
  assert.deepEqual(sent, ["!eng:acme.test ensure", "!ok:acme.test join @c:acme.test"]);
  const eng = result.rooms[0];
  assert.equal(eng?.ensureAdmin?.status, "deferred");
  assert.deepEqual(eng?.results.map((r) => `${r.user} ${r.status}`), ["@a:acme.test not_attempted", "@b:acme.test not_attempted"]);
  assert.match(eng?.results[0]?.detail ?? "", /^not attempted: the admin could not be brought into the room \(POST \/x is rate limited/);
  assert.deepEqual(result.summary, { joined: 1, invited: 0, kicked: 0, powerChanged: 0, failed: 0, deferred: 1, notAttempted: 2, blocked: 0, skippedRooms: 0, adminEnsured: 0 });
  assert.deepEqual(reported, ["@c:acme.test"], "actions never attempted are not reported as progress");
});

test("when the admin is brought in, the room's actions follow and the ensured admin is counted", async () => {
  const { actions, sent } = recorder(() => Promise.resolve());
  const plan = planOf([roomPlan("#eng:acme.test", { ensureAdmin: ensure, changes: [join("@a:acme.test")] }), roomPlan("#only:acme.test", { ensureAdmin: ensure })]);
  const result = await executePlan(plan, { actions, concurrency: 1 });
  assert.deepEqual(sent, ["!eng:acme.test ensure", "!eng:acme.test join @a:acme.test", "!only:acme.test ensure"]);
  assert.deepEqual(result.rooms.map((r) => r.ensureAdmin), [{ status: "done", steps: ["make_room_admin", "join"] }, { status: "done", steps: ["make_room_admin", "join"] }]);
  assert.equal(result.summary.adminEnsured, 2);
  assert.equal(result.summary.joined, 1);
});

test("a room whose plan has an error is skipped with that error, and its changes are not attempted", async () => {
  const { actions, sent } = recorder();
  const plan = planOf([roomPlan("#bad:acme.test", { error: "GET … answered 500", changes: [join("@a:acme.test")] })]);
  const result = await executePlan(plan, { actions, concurrency: 1 });
  assert.deepEqual(sent, []);
  assert.equal(result.rooms[0]?.skipped, "not planned: GET … answered 500");
  assert.deepEqual(result.rooms[0]?.results, [{ action: "join", user: "@a:acme.test", status: "not_attempted", detail: "not planned: GET … answered 500" }]);
  assert.equal(result.summary.skippedRooms, 1);
});

test("with room for 3 in flight, an invite-first join, an invite and a kick each run alone: nothing else runs meanwhile", async () => {
  const changes: Change[] = [
    join("@a:acme.test"),
    join("@b:acme.test"),
    { action: "join", user: "@first:acme.test", reason: "declared", inviteFirst: true },
    join("@c:acme.test"),
    join("@d:acme.test"),
    { action: "invite", user: "@zoe:partner.test", reason: "declared" },
    join("@e:acme.test"),
    { action: "kick", user: "@ken:acme.test", reason: "undeclared" },
    join("@f:acme.test"),
  ];
  const alone = new Set(["@first:acme.test", "@zoe:partner.test", "@ken:acme.test"]);
  const running = new Set<string>();
  const overlaps: string[] = [];
  let most = 0;
  const actions: MembershipActions = {
    async perform(_roomId, change) {
      for (const other of running) if (alone.has(other) || alone.has(change.user)) overlaps.push(`${change.user} with ${other}`);
      running.add(change.user);
      most = Math.max(most, running.size);
      await new Promise((resolve) => setTimeout(resolve, 3));
      running.delete(change.user);
    },
    membershipOf: () => Promise.resolve(undefined),
  };
  const result = await executePlan(planOf([roomPlan("#big:acme.test", { changes })]), { actions, concurrency: 4, perRoom: 3 });
  assert.deepEqual(overlaps, []);
  assert.ok(most >= 2, "plain joins still overlap");
  assert.equal(result.summary.joined + result.summary.invited + result.summary.kicked, changes.length);
});

test("an action that never sent a request reports no attempts; one that did reports how many", async () => {
  const plan = planOf([roomPlan("#eng:acme.test", { changes: [join("@a:acme.test"), join("@b:acme.test")] })]);
  const actions: MembershipActions = {
    perform: (_roomId, change, stats) => {
      if (change.user === "@b:acme.test" && stats) stats.attempts += 2;
      return Promise.resolve();
    },
    membershipOf: () => Promise.resolve(undefined),
  };
  const result = await executePlan(plan, { actions, concurrency: 1 });
  const [a, b] = result.rooms[0]?.results ?? [];
  assert.equal(a !== undefined && "attempts" in a, false);
  assert.equal(b?.attempts, 2);
});

test("a refusal that turns out to be already so on the server is done and marked as such; a plain success is not", async () => {
  const plan = planOf([roomPlan("#eng:acme.test", { changes: [join("@a:acme.test"), join("@b:acme.test")] })]);
  const refusal = new HomeserverError({ method: "POST", path: "/x", template: "/x", status: 403, errcode: "M_FORBIDDEN", mayHaveReachedServer: false, attempts: 1 });
  const actions: MembershipActions = {
    perform: (_roomId, change) => (change.user === "@a:acme.test" ? Promise.reject(refusal) : Promise.resolve()),
    membershipOf: () => Promise.resolve("join"),
  };
  const result = await executePlan(plan, { actions, concurrency: 1 });
  assert.deepEqual(result.rooms[0]?.results, [
    { action: "join", user: "@a:acme.test", status: "done", already: true, detail: "already so on the server", durationMs: result.rooms[0]?.results[0]?.durationMs },
    { action: "join", user: "@b:acme.test", status: "done", durationMs: result.rooms[0]?.results[1]?.durationMs },
  ]);
});

test("with room for 3 in flight, --ensure-admin finishes before the room's joins start, and its power event waits until they are all done", async () => {
  const events: string[] = [];
  const step = async (name: string) => {
    events.push(`start ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 3));
    events.push(`end ${name}`);
  };
  const actions: MembershipActions = {
    perform: (_roomId, change) => step(change.user),
    membershipOf: () => Promise.resolve(undefined),
    ensureAdmin: () => step("ensure"),
    power: {
      readPowerLevels: () => Promise.resolve({ users: { "@admin:acme.test": 100 } }),
      writePowerLevels: () => step("power"),
    },
  };
  const changes: Change[] = [join("@a:acme.test"), join("@b:acme.test"), join("@c:acme.test"), { action: "power", user: "@a:acme.test", reason: "declared", power: { from: 0, to: 50 } }];
  const result = await executePlan(planOf([roomPlan("#r:acme.test", { changes, ensureAdmin: ensure })]), { actions, concurrency: 4, perRoom: 3 });
  const at = (event: string) => events.indexOf(event);
  for (const user of ["@a:acme.test", "@b:acme.test", "@c:acme.test"]) {
    assert.ok(at("end ensure") < at(`start ${user}`), `${user} starts after --ensure-admin is done: ${events.join(", ")}`);
    assert.ok(at(`end ${user}`) < at("start power"), `the power event waits for ${user}: ${events.join(", ")}`);
  }
  assert.ok(events.filter((e) => e.startsWith("start @")).length === 3 && at("start @b:acme.test") < at("end @a:acme.test"), "plain joins still overlap");
  assert.deepEqual(result.rooms[0]?.results.map((r) => `${r.action} ${r.user} ${r.status}`), ["join @a:acme.test done", "join @b:acme.test done", "join @c:acme.test done", "power @a:acme.test done"]);
});
