import assert from "node:assert/strict";
import { test } from "node:test";
import { newWorld } from "./support/world.js";

// rc_invites.per_user: a user receives 5 invites in a burst, then one per ~333 s. make_room_admin's
// invites of the admin count against the admin as their recipient.
const ROOMS = 6;
const RECIPIENT_BURST = 5;

test("real Synapse: --ensure-admin into 6 invite-only rooms meets the admin's per-recipient invite limit; the 6th room is deferred and stays planned", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const [alice] = await w.accounts("alice");
  const names = Array.from({ length: ROOMS }, (_, i) => `team${i}`);
  const rooms = await Promise.all(names.map((name) => w.hs.createRoom(owner, { preset: "private_chat", alias: w.name(name) })));
  const run = await w.declare({ "rooms/all.yaml": w.roomsFile(Object.fromEntries(names.map((name) => [w.alias(name), { members: [w.name("owner"), w.name("alice")] }]))) });

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--ensure-admin", "--max-wait", "3"]);
  assert.equal(apply.code, 1, apply.stdout + apply.stderr);
  assert.match(apply.stdout, new RegExp(`Apply complete: ${RECIPIENT_BURST} joined, .* 1 not attempted, admin brought into ${RECIPIENT_BURST} rooms\\.`));
  assert.match(apply.stdout, /ensure_admin — .*M_LIMIT_EXCEEDED/);
  const joined = await Promise.all(rooms.map(async (room) => (await w.hs.members(room)).includes(alice)));
  assert.equal(joined.filter(Boolean).length, RECIPIENT_BURST);

  const next = await run.plan(["--ensure-admin"]);
  const pending = next.plan.rooms.filter((room) => room.ensureAdmin !== undefined);
  assert.equal(pending.length, 1);
  assert.deepEqual(pending[0]?.changes.map((c) => c.user), [alice]);
});
