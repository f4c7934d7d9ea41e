import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import type { DoctorReport } from "../../src/doctor/render.js";
import { newWorld } from "./support/world.js";

test("real Synapse: import of two live rooms (one without an alias) writes declarations with their levels, after which plan is empty", async (t) => {
  const w = await newWorld(t);
  const [owner, alice] = await w.users("owner", "alice");
  const [bob, carol] = await w.accounts("bob", "carol");
  const team = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("team"), invite: [alice.userId, bob] });
  await w.hs.join(alice, team); // bob stays invited: named in a comment, not declared
  const noAlias = await w.hs.createRoom(owner, { preset: "public_chat" });
  await w.hs.forceJoin(carol, noAlias);
  // A moderator and a muted user: import declares both levels, so the plan changes neither.
  await w.hs.setPowerLevels(owner, team, { ...(await w.hs.powerLevels(team)), users: { [owner.userId]: 100, [alice.userId]: 50 } });
  await w.hs.setPowerLevels(owner, noAlias, { ...(await w.hs.powerLevels(noAlias)), users: { [owner.userId]: 100, [carol]: -5 } });
  const run = await w.declare({});

  const imported = await run(["import", w.alias("team"), noAlias, "--dir", "rooms", "--write"]);
  assert.equal(imported.code, 0, imported.stdout + imported.stderr);
  assert.match(imported.stdout, /Import: 2 imported, 0 already declared, 0 unreadable, 3 files written\./);
  const files = (await readdir(join(run.cwd, "rooms/imported"))).sort();
  assert.equal(files.length, 2);
  const teamFile = await readFile(join(run.cwd, "rooms/imported", `${w.name("team")}.yaml`), "utf8");
  assert.match(teamFile, new RegExp(`# invited, not joined yet \\(not declared\\): ${bob}`));
  assert.match(teamFile, new RegExp(`- \\{user: ${w.name("alice")}, power: moderator\\}\\n`));
  assert.match(teamFile, new RegExp(`- \\{user: ${w.name("owner")}, power: admin\\}\\n`));
  const noAliasFile = await readFile(join(run.cwd, "rooms/imported", files.find((f) => f.startsWith("room_")) ?? ""), "utf8");
  assert.match(noAliasFile, new RegExp(`- \\{user: ${w.name("carol")}, power: -5\\}\\n`));
  assert.match(await readFile(join(run.cwd, "rooms/server.yaml"), "utf8"), new RegExp(`server_name: ${w.hs.serverName}`));

  assert.equal((await run(["validate", "--dir", "rooms"])).code, 0);
  const plan = await run(["plan", "--dir", "rooms", "--detailed-exitcode"]);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.deepEqual(await w.hs.members(team), [alice.userId, owner.userId].sort(), "import changed nothing");

  const twice = await run(["import", w.alias("team"), noAlias, "--dir", "rooms", "--write"]);
  assert.equal(twice.code, 0, twice.stdout + twice.stderr);
  assert.match(twice.stdout, /Import: 0 imported, 2 already declared/);
});

test("real Synapse: doctor names the rooms the admin cannot act in, warns about the missing rate-limit override, and is quiet once both are fixed", async (t) => {
  const w = await newWorld(t);
  const [owner] = await w.users("owner");
  await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("lobby") });
  const secret = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("secret") });
  const weak = await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("weak"), invite: [w.admin.userId], powerLevels: { invite: 50 } });
  await w.hs.join(w.admin, weak);
  const nokick = await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("nokick") });
  await w.hs.forceJoin(w.admin.userId, nokick);
  const run = await w.declare({
    "rooms/all.yaml": w.roomsFile({
      [w.alias("lobby")]: { members: [w.name("owner")] },
      [w.alias("secret")]: { members: [w.name("owner")] },
      [w.alias("weak")]: { members: [w.name("owner")] },
      [w.alias("nokick")]: { members: [w.name("owner")], prune: true },
      [w.alias("ghost")]: { members: [w.name("owner")] },
    }),
  });

  const first = await run(["doctor", "--dir", "rooms", "--format", "json"]);
  assert.equal(first.code, 1, first.stdout + first.stderr);
  const report = JSON.parse(first.stdout) as DoctorReport;
  assert.deepEqual(report.summary.blockedRooms, [w.alias("secret"), w.alias("weak"), w.alias("nokick"), w.alias("ghost")]);
  const findings = report.findings.filter((f) => f.level !== "ok").map((f) => `${f.level} ${f.scope} ${f.check}`);
  assert.deepEqual(findings.filter((f) => !f.includes(" server ")), [
    `error ${w.alias("secret")} admin_joined`,
    `error ${w.alias("weak")} admin_can_invite`,
    `error ${w.alias("nokick")} admin_can_kick`,
    `error ${w.alias("ghost")} alias_resolves`,
  ]);
  assert.ok(findings.some((f) => f.startsWith("warn server")), `a rate-limit warning: ${findings.join("; ")}`);

  // Fix every finding on the server, then doctor has nothing to say.
  await w.hs.membershipChange(owner, secret, "invite", w.admin.userId);
  await w.hs.join(w.admin, secret);
  await w.hs.setPowerLevels(owner, weak, { ...(await w.hs.powerLevels(weak)), invite: 0 });
  await w.hs.setPowerLevels(owner, nokick, { ...(await w.hs.powerLevels(nokick)), users: { [owner.userId]: 100, [w.admin.userId]: 50 } });
  await w.hs.unlimit(w.admin.userId);
  const fixed = await run(["doctor", "--dir", "rooms"]);
  assert.equal(fixed.code, 1, "the ghost alias still does not resolve");
  assert.match(fixed.stdout, /Doctor: \d+ ok, 0 warnings, 1 error\./);
  assert.match(fixed.stdout, new RegExp(`^error ${w.alias("ghost")}`, "m"));
});
