import assert from "node:assert/strict";
import { test } from "node:test";
import { changesOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";

// Past rc_invites.per_room's burst of 10: Synapse counts an invite before it asks federation, so the last two meet 429s first.
const REMOTE = 12;

test("real Synapse: remote invites refused because federation is off fail (exit 1) after their 429s, and stay in the next plan", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const [alice] = await w.accounts("alice");
  const room = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("partners"), invite: [w.admin.userId] });
  await w.hs.join(w.admin, room);
  const remote = Array.from({ length: REMOTE }, (_, i) => `@${w.prefix}_guest${String(i).padStart(2, "0")}:other.test`);
  const run = await w.declare({
    "rooms/partners.yaml": w.roomsFile({ [w.alias("partners")]: { members: [w.name("owner"), w.name("alice"), w.name("roster"), ...remote] } }),
  });

  const planned = await run.plan();
  assert.deepEqual(changesOf(roomOf(planned.plan, w.alias("partners"))), [["join", alice], ...remote.map((user): [string, string] => ["invite", user])]);

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--verbose"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.match(apply.stdout, new RegExp(`Apply complete: 1 joined, 0 invited, 0 kicked, ${REMOTE} failed, 0 blocked\\.`));
  assert.match(apply.stdout, /failed \S+: invite @\S+_guest00:other\.test — 403 M_FORBIDDEN: Federation denied with other\.test/);
  assert.match(apply.stderr, /retrying POST \S+\/invite in \d+ ms: 429/);
  assert.deepEqual(await w.hs.members(room), [alice, owner.userId, w.admin.userId].sort());
  const memberships = await w.hs.memberships(room);
  for (const user of remote) assert.equal(memberships[user], undefined, `${user} has no membership`);

  const next = await run.plan();
  assert.deepEqual(changesOf(roomOf(next.plan, w.alias("partners"))), remote.map((user) => ["invite", user]));
});
