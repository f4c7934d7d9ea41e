import assert from "node:assert/strict";
import { test } from "node:test";
import { pruneRoom } from "./support/prune-room.js";
import { newWorld } from "./support/world.js";

const KICKS = 12;

test("real Synapse: doctor --fix-rate-limits exempts the admin once (a second run changes nothing), and then a prune of 12 never waits", async (t) => {
  const w = await newWorld(t);
  const { owner, roomId: room, run } = await pruneRoom(w, KICKS);

  const fix = await run(["doctor", "--dir", "rooms", "--fix-rate-limits", "--yes"]);
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  assert.match(fix.stdout, /rate-limit override to 0\/0/);
  assert.match(fix.stdout, /Undo: curl -X DELETE/);
  const override = await w.hs.ok("GET", `/_synapse/admin/v1/users/${encodeURIComponent(w.admin.userId)}/override_ratelimit`, { token: w.hs.adminToken });
  assert.deepEqual(override, { messages_per_second: 0, burst_count: 0 }, "read back from the server");
  const again = await run(["doctor", "--dir", "rooms", "--fix-rate-limits", "--yes"]);
  assert.match(again.stdout, /already exempt from rate limits .*nothing changed/);

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--allow-mass-removal", "--verbose"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.doesNotMatch(apply.stderr, /: 429/, "no request was rate limited");
  assert.doesNotMatch(apply.stdout, /waiting|Waited/);
  assert.deepEqual(await w.hs.members(room), [owner.userId, w.admin.userId].sort());
});

test("real Synapse: doctor, apply --ensure-admin, doctor: a clean invite-only room the admin is not in becomes actionable; a room it cannot fix says why", async (t) => {
  const w = await newWorld(t);
  const [alice, bob] = await w.users("alice", "bob");
  const clean = await w.hs.createRoom(alice, { preset: "private_chat", alias: w.name("clean"), invite: [bob.userId] });
  await w.hs.join(bob, clean);
  // The admin left a room where it holds 100 and the top joined user 50: make_room_admin cannot lower it.
  const stuck = await w.hs.createRoom(w.admin, { preset: "private_chat", alias: w.name("stuck"), invite: [alice.userId], powerLevels: { users: { [alice.userId]: 50, [w.admin.userId]: 100 } } });
  await w.hs.join(alice, stuck);
  await w.hs.leave(w.admin, stuck);
  const run = await w.declare({
    "rooms/rooms.yaml": w.roomsFile({ [w.alias("clean")]: { members: [w.name("alice"), w.name("bob")] }, [w.alias("stuck")]: { members: [w.name("alice")] } }),
  });

  const before = await run(["doctor", "--dir", "rooms"]);
  assert.equal(before.code, 1);
  assert.ok(before.stdout.includes(`error ${w.alias("clean")}:`), before.stdout);
  assert.match(before.stdout, /already holds power 100, above \S+ \(50\)/);

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--ensure-admin"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.equal((await w.hs.memberships(clean))[w.admin.userId], "join", "read back: the admin is in the clean room");
  assert.equal((await w.hs.memberships(stuck))[w.admin.userId], "leave", "nothing was tried where it cannot work");

  const after = await run(["doctor", "--dir", "rooms"]);
  assert.ok(after.stdout.includes(`ok    ${w.alias("clean")}:`), after.stdout);
  assert.match(after.stdout, /Roster cannot act in 1 room: /);
});

test("real Synapse: apply --notify posts one m.notice into the audit room (read back from its messages); a no-op apply posts nothing", async (t) => {
  const w = await newWorld(t);
  const [owner] = await w.users("owner");
  const [alice] = await w.accounts("alice");
  await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("general") });
  const audit = await w.hs.createRoom(w.admin, { preset: "private_chat", alias: w.name("audit") });
  const run = await w.declare({ "rooms/rooms.yaml": w.roomsFile({ [w.alias("general")]: { members: [w.name("owner"), w.name("alice")] } }) });
  const notices = async () => {
    const page = await w.hs.ok("GET", `/_matrix/client/v3/rooms/${encodeURIComponent(audit)}/messages?dir=b&limit=20`, { token: w.admin.token });
    return (page["chunk"] as { type: string; sender: string; content: Record<string, unknown> }[]).filter((e) => e.type === "m.room.message");
  };

  const apply = await run(["apply", "--yes", "--dir", "rooms", "--notify", w.alias("audit")]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  const [notice, ...rest] = await notices();
  assert.equal(rest.length, 0);
  assert.equal(notice?.sender, w.admin.userId);
  assert.equal(notice?.content["msgtype"], "m.notice");
  assert.match(String(notice?.content["body"]), /1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked/);
  assert.ok(String(notice?.content["body"]).includes(`joined ${alice}`));
  assert.match(String(notice?.content["formatted_body"]), /<li>/);

  const again = await run(["apply", "--yes", "--dir", "rooms", "--notify", w.alias("audit")]);
  assert.equal(again.code, 0);
  assert.equal((await notices()).length, 1, "nothing posted for a no-op run");
});
