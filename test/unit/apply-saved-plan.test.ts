/** Saved plans: what is refused and how it is said, and which rooms are re-read before applying one. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPlanTarget, findStaleRooms, loadSavedPlan } from "../../src/apply/saved-plan.js";
import { UserError } from "../../src/errors.js";
import { HomeserverError } from "../../src/homeserver/errors.js";
import type { StateEvent } from "../../src/homeserver/types.js";
import { observeState } from "../../src/observe/observe-rooms.js";
import type { Plan, RoomPlan } from "../../src/plan/types.js";

const GIVE_IT = "Give the file written by `roster plan --out FILE`.";

async function refusal(files: Record<string, string>, name: string): Promise<UserError> {
  const dir = await mkdtemp(join(tmpdir(), "roster-saved-plan-"));
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  const error = await loadSavedPlan(name, dir).then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UserError);
  return error;
}

test("a saved plan that cannot be read, is not JSON or is not a plan of this version is refused, saying which and what to do", async () => {
  const missing = await refusal({}, "missing.json");
  assert.equal(missing.message, "cannot read the saved plan missing.json (ENOENT)");
  assert.equal(missing.hint, GIVE_IT);
  const notJson = await refusal({ "bad.json": "roster plan: 1 to join" }, "bad.json");
  assert.equal(notJson.message, "bad.json is not JSON, so not a saved plan");
  assert.equal(notJson.hint, GIVE_IT);
  const empty = await refusal({ "empty.json": "{}" }, "empty.json");
  assert.equal(empty.message, "empty.json is not a roster plan of this version (/ must have required property 'formatVersion')");
  assert.equal(empty.hint, "Make a new one with `roster plan --out FILE`.");
  const old = await refusal({ "old.json": JSON.stringify({ formatVersion: 1, serverName: "acme.test", admin: "@admin:acme.test", rooms: [], summary: {} }) }, "old.json");
  assert.match(old.message, /^old\.json is not a roster plan of this version \(\/formatVersion must be equal to constant\)$/);
});

test("a saved plan made for another server or admin is refused, naming both", () => {
  const plan = { serverName: "acme.test", admin: "@admin:acme.test" } as Plan;
  assert.doesNotThrow(() => checkPlanTarget(plan, "p.json", "acme.test", "@admin:acme.test"));
  for (const [server, admin] of [["other.test", "@admin:acme.test"], ["acme.test", "@root:acme.test"]] as const) {
    assert.throws(
      () => checkPlanTarget(plan, "p.json", server, admin),
      (error: unknown) =>
        error instanceof UserError &&
        error.message === `p.json was made for @admin:acme.test on acme.test, but this token is ${admin} on ${server}` &&
        error.hint === "Apply it with the token it was made with, or make a new plan against this server.",
    );
  }
});

const member = (user: string, membership: string): StateEvent => ({ type: "m.room.member", state_key: user, content: { membership }, sender: user });
const stateOf = (joined: string[]) => joined.map((user) => member(user, "join"));
const fingerprintOf = (events: StateEvent[]) => observeState("#r:acme.test", "!r:acme.test", events).fingerprint;

function room(name: string, roomId: string | undefined, changes: number, fingerprint: string): RoomPlan {
  const change = { action: "join" as const, user: "@new:acme.test", reason: "declared" };
  return { room: name, ...(roomId !== undefined ? { roomId } : {}), changes: Array.from({ length: changes }, () => change), blocked: [], info: [], fingerprint } as unknown as RoomPlan;
}

test("only rooms the plan would change are re-read; a room whose members or levels moved, or that the server left, is refused", async () => {
  const now = new Map<string, StateEvent[] | null>([
    ["!same", stateOf(["@admin:acme.test", "@a:acme.test"])],
    ["!moved", stateOf(["@admin:acme.test", "@a:acme.test", "@b:acme.test"])],
    ["!left", null],
    ["!emptied", []],
    ["!quiet", stateOf(["@admin:acme.test"])],
  ]);
  const saved = fingerprintOf(stateOf(["@admin:acme.test", "@a:acme.test"]));
  const plan = {
    rooms: [
      room("#same", "!same", 1, saved),
      room("#moved", "!moved", 1, saved),
      room("#left", "!left", 1, saved),
      room("#emptied", "!emptied", 2, saved),
      // Nothing to do there: not re-read, whatever happened to it.
      room("#quiet", "!quiet", 0, saved),
      room("#unresolved", undefined, 0, ""),
    ],
  } as unknown as Plan;
  const reads: string[] = [];
  const stale = await findStaleRooms(plan, { getRoomState: (id) => (reads.push(id), Promise.resolve(now.get(id) ?? null)) }, 4);
  assert.deepEqual(reads.sort(), ["!emptied", "!left", "!moved", "!same"]);
  const changed = "its membership or power levels changed since the plan was made; run `roster plan` again and apply the new plan";
  assert.deepEqual(Object.fromEntries(stale), { "#moved": changed, "#left": changed, "#emptied": changed });
});

test("a room that cannot be re-read is refused with the server's answer; an error that is not the server's is not swallowed", async () => {
  const plan = { rooms: [room("#r", "!r", 1, "sha256:x")] } as unknown as Plan;
  const refused = new HomeserverError({ method: "GET", path: "/state", template: "/state", status: 403, errcode: "M_FORBIDDEN", serverMessage: "no", mayHaveReachedServer: false, attempts: 1 });
  const stale = await findStaleRooms(plan, { getRoomState: () => Promise.reject(refused) }, 1);
  assert.deepEqual(Object.fromEntries(stale), { "#r": `it could not be re-read to check it is unchanged (${refused.message})` });
  await assert.rejects(findStaleRooms(plan, { getRoomState: () => Promise.reject(new TypeError("bug")) }, 1), TypeError);
});
