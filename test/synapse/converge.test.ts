import assert from "node:assert/strict";
import { test } from "node:test";
import { changesOf, roomOf } from "./support/plan-items.js";
import { newWorld } from "./support/world.js";

test("real Synapse: validate, plan, apply, plan again empty, for a public, an invite-only and a prune room", async (t) => {
  const w = await newWorld(t);
  const [owner, carol, erin] = await w.users("owner", "carol", "erin");
  const [alice, bob, dave] = await w.accounts("alice", "bob", "dave");
  const pub = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("lobby") });
  const priv = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("team"), invite: [w.admin.userId] });
  await w.hs.join(w.admin, priv);
  await w.hs.join(carol, pub);
  // #crew: prune, the admin a moderator; dave is invited and erin joined, neither declared.
  const crew = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("crew"), invite: [w.admin.userId, carol.userId, dave], powerLevels: { users: { [owner.userId]: 100, [w.admin.userId]: 50 } } });
  await w.hs.join(w.admin, crew);
  await w.hs.join(carol, crew);
  await w.hs.membershipChange(owner, crew, "invite", erin.userId);
  await w.hs.join(erin, crew);

  const roster = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("lobby")]: { members: [w.name("alice"), w.name("bob")] },
      [w.alias("team")]: { members: [w.name("alice"), w.name("owner"), w.name("roster")] },
      [w.alias("crew")]: { members: [w.name("owner"), w.name("carol"), w.name("alice")], prune: true },
    }),
  });

  assert.equal((await roster(["validate", "--dir", "rooms"])).code, 0);
  const { plan } = await roster.plan(["--max-removal-ratio", "0.5"]);
  assert.deepEqual(changesOf(roomOf(plan, w.alias("lobby"))), [["join", alice], ["join", bob]]);
  assert.deepEqual(roomOf(plan, w.alias("lobby")).info.map((i) => [i.code, i.user]), [["unmanaged", carol.userId], ["unmanaged", owner.userId]].sort());
  assert.deepEqual(changesOf(roomOf(plan, w.alias("team"))), [["join", alice]]);
  assert.deepEqual(changesOf(roomOf(plan, w.alias("crew"))), [["join", alice], ["kick", dave], ["kick", erin.userId]]);
  const text = await roster(["plan", "--dir", "rooms", "--detailed-exitcode", "--max-removal-ratio", "0.5"]);
  assert.equal(text.code, 2, text.stderr + text.stdout);
  assert.match(text.stdout, /Plan: 4 to join, 0 to invite, 2 to kick, 0 blocked\./);

  const apply = await roster(["apply", "--yes", "--dir", "rooms", "--max-removal-ratio", "0.5"]);
  assert.equal(apply.code, 0, apply.stderr + apply.stdout);
  assert.deepEqual(await w.hs.members(pub), [alice, bob, carol.userId, owner.userId].sort());
  assert.deepEqual(await w.hs.members(priv), [alice, owner.userId, w.admin.userId].sort());
  const crewNow = await w.hs.memberships(crew);
  assert.deepEqual(await w.hs.members(crew), [alice, carol.userId, owner.userId, w.admin.userId].sort());
  assert.equal(crewNow[dave], "leave", "the undeclared invite was revoked");
  assert.equal(crewNow[erin.userId], "leave");

  const again = await roster(["plan", "--dir", "rooms", "--detailed-exitcode"]);
  assert.equal(again.code, 0, again.stderr + again.stdout);
});
