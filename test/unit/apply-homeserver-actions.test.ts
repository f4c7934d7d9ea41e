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
