/** How apply reads a user's membership to settle an uncertain outcome, from the room state the server lists. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { homeserverActions } from "../../src/apply/homeserver-actions.js";
import type { StateEvent } from "../../src/homeserver/types.js";

type Client = Parameters<typeof homeserverActions>[0];

function actionsOver(state: StateEvent[] | null) {
  const refuse = () => Promise.reject(new Error("not used"));
  const client: Client = { getRoomState: () => Promise.resolve(state), adminJoin: refuse, invite: refuse, kick: refuse, makeRoomAdmin: refuse, clientJoin: refuse, getPowerLevels: refuse, setPowerLevels: refuse };
  return homeserverActions(client);
}

const event = (type: string, stateKey: string, content: Record<string, unknown>): StateEvent => ({ type, state_key: stateKey, content, sender: stateKey });

test("only m.room.member events count: another state event keyed by the user (a call member event) is not a membership", async () => {
  const dave = "@dave:acme.test";
  const state = [event("org.matrix.msc3401.call.member", dave, { membership: "leave" }), event("m.room.member", dave, { membership: "join" })];
  assert.equal(await actionsOver(state).membershipOf("!r:acme.test", dave), "join");
});

test("a user without a member event, a room the server left (no state) and a member event without a membership read as none", async () => {
  assert.equal(await actionsOver([event("m.room.member", "@other:acme.test", { membership: "join" })]).membershipOf("!r:acme.test", "@dave:acme.test"), undefined);
  assert.equal(await actionsOver(null).membershipOf("!r:acme.test", "@dave:acme.test"), undefined);
  assert.equal(await actionsOver([event("m.room.member", "@dave:acme.test", {})]).membershipOf("!r:acme.test", "@dave:acme.test"), undefined);
});

/** A client that records every call (name and arguments) and answers each with nothing. */
function recordingActions() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name} ${args.filter((a) => a !== undefined && typeof a !== "object").join(" ")}`.trim());
      return Promise.resolve(null);
    };
  const client = {
    getRoomState: () => Promise.resolve([]),
    adminJoin: record("adminJoin"),
    invite: record("invite"),
    kick: record("kick"),
    makeRoomAdmin: record("makeRoomAdmin"),
    clientJoin: record("clientJoin"),
    getPowerLevels: record("getPowerLevels"),
    setPowerLevels: record("setPowerLevels"),
  } as unknown as Client;
  return { calls, actions: homeserverActions(client) };
}

test("each planned action makes exactly its Synapse calls, in order", async () => {
  const cases: { change: Parameters<ReturnType<typeof homeserverActions>["perform"]>[1]; calls: string[] }[] = [
    { change: { action: "join", user: "@a:acme.test", reason: "r" }, calls: ["adminJoin !r:acme.test @a:acme.test"] },
    { change: { action: "join", user: "@a:acme.test", reason: "r", inviteFirst: true }, calls: ["invite !r:acme.test @a:acme.test", "adminJoin !r:acme.test @a:acme.test"] },
    { change: { action: "invite", user: "@z:other.test", reason: "r" }, calls: ["invite !r:acme.test @z:other.test"] },
    // The reason is what members of the room see on the kick event.
    { change: { action: "kick", user: "@k:acme.test", reason: "r" }, calls: ["kick !r:acme.test @k:acme.test Not declared in roster (prune is on for this room)"] },
  ];
  for (const { change, calls: expected } of cases) {
    const { calls, actions } = recordingActions();
    await actions.perform("!r:acme.test", change);
    assert.deepEqual(calls, expected, change.action);
  }
  const { actions } = recordingActions();
  await assert.rejects(actions.perform("!r:acme.test", { action: "power", user: "@a:acme.test", reason: "r", power: { from: 0, to: 50 } }), /not a membership action/);
});

test("--ensure-admin runs only the steps the plan names: make_room_admin, then the admin's own join", async () => {
  for (const [steps, expected] of [
    [["make_room_admin", "join"], ["makeRoomAdmin !r:acme.test", "clientJoin !r:acme.test"]],
    [["join"], ["clientJoin !r:acme.test"]],
    [["make_room_admin"], ["makeRoomAdmin !r:acme.test"]],
  ] as const) {
    const { calls, actions } = recordingActions();
    await actions.ensureAdmin?.("!r:acme.test", { steps: [...steps], puppet: "@p:acme.test", grantedPower: 100, reason: "r" });
    assert.deepEqual(calls, expected, steps.join("+"));
  }
});

test("a member event whose membership is not a string reads as no membership", async () => {
  assert.equal(await actionsOver([event("m.room.member", "@dave:acme.test", { membership: 5 })]).membershipOf("!r:acme.test", "@dave:acme.test"), undefined);
});
