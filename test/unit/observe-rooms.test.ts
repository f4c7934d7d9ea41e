/** One declared room's observation: what each way of failing to read it becomes, and when its ID is announced. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { HomeserverError } from "../../src/homeserver/errors.js";
import type { StateEvent } from "../../src/homeserver/types.js";
import { observeRoom, type RoomReader } from "../../src/observe/observe-rooms.js";
import { declared } from "../support/plan-builders.js";

const refusal = (path: string) => new HomeserverError({ method: "GET", path, template: path, status: 500, errcode: "M_UNKNOWN", mayHaveReachedServer: true, attempts: 5 });

function reader(answers: { alias?: string | null | Error; state?: StateEvent[] | null | Error }): RoomReader {
  const answer = <T>(value: T | Error) => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value));
  return {
    resolveAlias: () => answer(answers.alias === undefined || answers.alias === null || answers.alias instanceof Error ? (answers.alias ?? null) : { roomId: answers.alias, servers: [] }),
    getRoomState: () => answer(answers.state ?? null),
  };
}

async function observe(ref: string, answers: Parameters<typeof reader>[0]) {
  const announced: (string | undefined)[] = [];
  const observation = await observeRoom(declared(ref).room, reader(answers), (roomId) => announced.push(roomId));
  return { observation, announced };
}

test("an unknown alias, an unknown room and a room the server left are told apart", async () => {
  assert.deepEqual(await observe("#gone", { alias: null }), {
    observation: { status: "alias_not_found", ref: "#gone:acme.test", detail: "#gone:acme.test is not a known alias" },
    announced: [undefined],
  });
  assert.deepEqual(await observe("!x:acme.test", { state: null }), {
    observation: { status: "room_not_found", ref: "!x:acme.test", roomId: "!x:acme.test", detail: "the server does not know this room" },
    announced: ["!x:acme.test"],
  });
  assert.deepEqual((await observe("#left", { alias: "!l:acme.test", state: [] })).observation, {
    status: "room_not_found",
    ref: "#left:acme.test",
    roomId: "!l:acme.test",
    detail: "no local user is left in the room",
  });
});

test("a refused read is an error observation naming the cause; the room's ID is announced exactly once", async () => {
  const aliasFails = await observe("#eng", { alias: refusal("/_matrix/client/v3/directory/room/%23eng:acme.test") });
  assert.deepEqual(aliasFails, {
    observation: { status: "error", ref: "#eng:acme.test", detail: "could not read the room: GET /_matrix/client/v3/directory/room/%23eng:acme.test answered 500 M_UNKNOWN" },
    announced: [undefined],
  });
  const stateFails = await observe("#eng", { alias: "!e:acme.test", state: refusal("/_synapse/admin/v1/rooms/!e:acme.test/state") });
  assert.deepEqual(stateFails, {
    observation: { status: "error", ref: "#eng:acme.test", roomId: "!e:acme.test", detail: "could not read the room: GET /_synapse/admin/v1/rooms/!e:acme.test/state answered 500 M_UNKNOWN" },
    announced: ["!e:acme.test"],
  });
});

test("anything but a homeserver refusal is a bug and is not turned into an observation", async () => {
  await assert.rejects(observe("#eng", { alias: new TypeError("boom") }), TypeError);
});
