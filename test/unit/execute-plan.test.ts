import { test } from "node:test";
import assert from "node:assert/strict";
import { executePlan } from "../../src/apply/execute-plan.js";
import type { MembershipActions } from "../../src/apply/run-action.js";
import { HomeserverError, RateLimitedError, ServerUnreachableError, type RequestFailure } from "../../src/homeserver/errors.js";
import type { Membership } from "../../src/plan/observation.js";
import type { Change, Plan, RoomPlan } from "../../src/plan/types.js";
import { declared, observed, planOf } from "../support/plan-builders.js";

const failure = (status: number | undefined, errcode?: string, mayHaveReachedServer = false): RequestFailure => ({
  method: "POST",
  path: "/x",
  template: "/x",
  ...(status !== undefined ? { status } : {}),
  ...(errcode !== undefined ? { errcode } : {}),
  mayHaveReachedServer,
  attempts: 1,
});

/** An in-memory server for the executor: memberships per room, and scripted errors per user. */
function fakeServer(errors: Record<string, Error> = {}) {
  const members = new Map<string, Membership>();
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const actions: MembershipActions = {
    async perform(roomId: string, change: Change) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      calls.push(`${roomId} ${change.action} ${change.user}`);
      const error = errors[change.user];
      if (error) throw error;
      if (change.action !== "power") members.set(`${roomId} ${change.user}`, change.action === "kick" ? "leave" : change.action);
    },
    membershipOf: (roomId: string, user: string) => Promise.resolve(members.get(`${roomId} ${user}`)),
  };
  return { actions, calls, members, maxInFlight: () => maxInFlight };
}

const threeRooms = () =>
  planOf({
    rooms: [declared("#a").with("alice", "bob"), declared("#b").with("carol"), declared("#c").with("dave", "erin")],
    observed: [observed("#a"), observed("#b"), observed("#c")],
  });

test("apply runs every action, never more than the concurrency at once, and reports them in plan order", async () => {
  const server = fakeServer();
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 2 });
  assert.equal(result.summary.joined, 5);
  assert.equal(server.maxInFlight(), 2);
  assert.deepEqual(result.rooms[0]?.results.map((r) => r.user), ["@alice:acme.test", "@bob:acme.test"]);
});

/** One room's changes as a plan, written out by hand so the order and kinds are exactly these. */
function oneRoomPlan(changes: Change[]): Plan {
  const room: RoomPlan = { room: "#big:acme.test", roomId: "!big:acme.test", source: { file: "rooms/a.yaml", line: 1, column: 1 }, prune: true, changes, blocked: [], info: [] };
  return { formatVersion: 2, serverName: "acme.test", admin: "@admin:acme.test", rooms: [room], summary: { join: 0, invite: 0, kick: 0, power: 0, blocked: 0, errors: 0 } };
}

test("within a room, with room for 3 in flight: the admin's own join first, plain joins side by side, invites, kicks and invite-first joins alone in order", async () => {
  const change = (action: Change["action"], user: string, inviteFirst = false): Change => ({ action, user, reason: "declared", ...(inviteFirst ? { inviteFirst } : {}) });
  const changes = [
    change("join", "@bob:acme.test"),
    change("join", "@admin:acme.test"),
    change("invite", "@zoe:partner.test"),
    change("join", "@carol:acme.test"),
    change("kick", "@mallory:acme.test"),
    change("join", "@dave:acme.test", true),
    change("join", "@erin:acme.test"),
    change("join", "@frank:acme.test"),
    change("invite", "@yuri:partner.test"),
  ];
  const running = new Set<string>();
  const events: string[] = [];
  let maxInFlight = 0;
  let maxPlainJoins = 0;
  const inTurn = (user: string) => changes.some((c) => c.user === user && (c.action !== "join" || c.inviteFirst === true));
  const actions: MembershipActions = {
    async perform(_roomId, c) {
      assert.ok(![...running].some(inTurn) || !inTurn(c.user), `${c.user} started while another invite, kick or invite-first join ran`);
      running.add(c.user);
      events.push(`start ${c.user}`);
      maxInFlight = Math.max(maxInFlight, running.size);
      maxPlainJoins = Math.max(maxPlainJoins, [...running].filter((u) => !inTurn(u)).length);
      await new Promise((resolve) => setTimeout(resolve, 3));
      running.delete(c.user);
      events.push(`end ${c.user}`);
    },
    membershipOf: () => Promise.resolve(undefined),
  };
  const reported: string[] = [];
  const result = await executePlan(oneRoomPlan(changes), { actions, concurrency: 4, perRoom: 3, onResult: (_room, r) => reported.push(r.user) });
  assert.equal(result.summary.joined + result.summary.invited + result.summary.kicked, changes.length);
  assert.deepEqual(events.slice(0, 2), ["start @admin:acme.test", "end @admin:acme.test"], "the admin's join ran alone, first");
  assert.ok(maxInFlight <= 3, `at most perRoom at once (saw ${maxInFlight})`);
  assert.ok(maxPlainJoins >= 2, "plain joins ran side by side");
  const started = events.filter((e) => e.startsWith("start ")).map((e) => e.slice(6));
  assert.deepEqual(started.filter(inTurn), ["@zoe:partner.test", "@mallory:acme.test", "@dave:acme.test", "@yuri:partner.test"], "in plan order");
  assert.deepEqual(result.rooms[0]?.results.map((r) => r.user), changes.map((c) => c.user), "results in plan order");
  assert.deepEqual(reported, changes.map((c) => c.user), "progress reported in plan order too");
});

test("a 403 for a user who turns out to be joined already counts as done", async () => {
  const server = fakeServer({ "@bob:acme.test": new HomeserverError(failure(403, "M_FORBIDDEN")) });
  server.members.set("!a:acme.test @bob:acme.test", "join");
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 8 });
  assert.equal(result.summary.joined, 5);
  assert.equal(result.summary.failed, 0);
});

test("a refusal that did not reach the goal fails that action only, with the errcode", async () => {
  const server = fakeServer({ "@bob:acme.test": new HomeserverError(failure(403, "M_USER_SUSPENDED")) });
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 8 });
  assert.equal(result.summary.joined, 4);
  assert.equal(result.summary.failed, 1);
  const bob = result.rooms[0]?.results.find((r) => r.user === "@bob:acme.test");
  assert.match(bob?.detail ?? "", /403 M_USER_SUSPENDED/);
});

test("rate limiting past the budget defers the action", async () => {
  const server = fakeServer({ "@carol:acme.test": new RateLimitedError(failure(429, "M_LIMIT_EXCEEDED"), 5000, 0) });
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 1 });
  assert.equal(result.summary.deferred, 1);
  assert.equal(result.summary.joined, 4);
});

test("an unreachable server stops apply early and the rest is not attempted", async () => {
  const server = fakeServer({ "@alice:acme.test": new ServerUnreachableError(failure(undefined, undefined, true), "connection refused", "http://127.0.0.1:8008") });
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 1 });
  assert.equal(result.stoppedEarly, "http://127.0.0.1:8008: connection refused");
  assert.equal(result.summary.failed, 1);
  assert.equal(result.summary.notAttempted, 4);
  assert.equal(server.calls.length, 1);
});

test("rooms to skip (stale) are not touched and count as not attempted", async () => {
  const server = fakeServer();
  const result = await executePlan(threeRooms(), { actions: server.actions, concurrency: 8, skip: new Map([["#a:acme.test", "changed since the plan"]]) });
  assert.equal(result.summary.joined, 3);
  assert.equal(result.summary.notAttempted, 2);
  assert.equal(result.summary.skippedRooms, 1);
  assert.ok(server.calls.every((c) => !c.startsWith("!a:")));
});

/** Plans of `rooms` rooms with `joins` plain joins each, by hand; and a recorder of what runs where. */
function manyRooms(rooms: number, joins: number): Plan {
  const plan = oneRoomPlan([]);
  plan.rooms = Array.from({ length: rooms }, (_, r) => ({
    ...(plan.rooms[0] as RoomPlan),
    room: `#r${r}:acme.test`,
    roomId: `!r${r}:acme.test`,
    changes: Array.from({ length: joins }, (_, j): Change => ({ action: "join", user: `@u${r}x${j}:acme.test`, reason: "declared" })),
  }));
  return plan;
}

test("by default a room's actions run one at a time in plan order, and the concurrency goes to different rooms", async () => {
  const perRoom = new Map<string, number>();
  const started = new Map<string, string[]>();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxInRoom = 0;
  const actions: MembershipActions = {
    async perform(roomId, change) {
      const now = (perRoom.get(roomId) ?? 0) + 1;
      perRoom.set(roomId, now);
      maxInRoom = Math.max(maxInRoom, now);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      started.set(roomId, [...(started.get(roomId) ?? []), change.user]);
      await new Promise((resolve) => setTimeout(resolve, 2));
      perRoom.set(roomId, now - 1);
      inFlight -= 1;
    },
    membershipOf: () => Promise.resolve(undefined),
  };
  const plan = manyRooms(6, 5);
  const result = await executePlan(plan, { actions, concurrency: 4 });
  assert.equal(result.summary.joined, 30);
  assert.equal(maxInRoom, 1, "never two requests in one room");
  assert.equal(maxInFlight, 4, "the concurrency was used, across rooms");
  for (const room of plan.rooms) assert.deepEqual(started.get(room.roomId ?? ""), room.changes.map((c) => c.user), `${room.room} in plan order`);
  const single = await executePlan(manyRooms(1, 6), { actions, concurrency: 8 });
  assert.equal(single.summary.joined, 6);
  assert.equal(maxInRoom, 1, "one room alone still gets one request at a time");
});
