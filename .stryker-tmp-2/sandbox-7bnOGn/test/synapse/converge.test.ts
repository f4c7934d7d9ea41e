// @ts-nocheck
import assert from "node:assert/strict";
import { test } from "node:test";
import { newWorld } from "./support/world.js";

test("real Synapse: validate, plan, apply, plan again empty, for a public and an invite-only room", async (t) => {
  const w = await newWorld(t);
  const [owner, alice, bob, carol] = await Promise.all(["owner", "alice", "bob", "carol"].map((n) => w.user(n)));
  const pub = await w.hs.createRoom(owner!, { preset: "public_chat", alias: w.name("lobby") });
  const priv = await w.hs.createRoom(owner!, { preset: "private_chat", alias: w.name("team"), invite: [w.admin.userId] });
  await w.hs.join(w.admin, priv);
  await w.hs.join(carol!, pub);

  const roster = await w.declare({
    "rooms/all.yaml": [
      `server_name: ${w.hs.serverName}`,
      "rooms:",
      `  "#${w.name("lobby")}":`,
      `    members: [${w.name("alice")}, ${w.name("bob")}]`,
      `  "#${w.name("team")}":`,
      `    members: [${w.name("alice")}, ${w.name("owner")}, ${w.name("roster")}]`,
      "",
    ].join("\n"),
  });

  assert.equal((await roster(["validate", "--dir", "rooms"])).code, 0);
  const plan = await roster(["plan", "--dir", "rooms", "--detailed-exitcode"]);
  assert.equal(plan.code, 2, plan.stderr + plan.stdout);
  assert.match(plan.stdout, /Plan: 3 to join, 0 to invite, 0 to kick, 0 blocked\./);

  const apply = await roster(["apply", "--yes", "--dir", "rooms"]);
  assert.equal(apply.code, 0, apply.stderr + apply.stdout);
  assert.deepEqual(await w.hs.members(pub), [alice!.userId, bob!.userId, carol!.userId, owner!.userId].sort());
  assert.deepEqual(await w.hs.members(priv), [alice!.userId, owner!.userId, w.admin.userId].sort());

  const again = await roster(["plan", "--dir", "rooms", "--detailed-exitcode"]);
  assert.equal(again.code, 0, again.stderr + again.stdout);
});
