import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acmeDriftedSeed, readSeedFile, scaleSeed, SeedError, startSandbox, validateSeed } from "../../src/sandbox/index.js";
import { buildState } from "../../src/sandbox/seed/apply.js";
import { systemClock } from "../../src/sandbox/state/clock.js";
import { call } from "../support/sandbox.js";

test("seed validation reports every problem with its path", () => {
  const seed = {
    server_name: "acme.test",
    users: [{ name: "admin", admin: "yes" }, { name: "alice" }, { name: "alice" }],
    rooms: [
      { alias: "eng", creator: "nobody", join_rule: "open", members: { bob: "join", alice: "joined" } },
      { alias: "#eng:acme.test", creator: "admin", colour: "red" },
    ],
  };
  assert.throws(
    () => validateSeed(seed, "seed.yaml"),
    (error: unknown) => {
      assert.ok(error instanceof SeedError);
      for (const part of [
        "users[0].admin: must be true or false",
        "users[2]: @alice:acme.test is listed twice",
        "rooms[0].creator: must name a user listed under users, or a remote user ID for a room created on another server",
        "rooms[0].join_rule: must be one of",
        "rooms[0].members.bob: local user @bob:acme.test is not listed under users",
        "rooms[0].members.alice: must be join, invite, leave, ban or knock",
        "rooms[1].alias: #eng:acme.test is used by another room",
        "rooms[1].colour: unknown key",
      ]) {
        assert.ok(error.message.includes(part), `missing "${part}" in:\n${error.message}`);
      }
      return true;
    },
  );
});

test("a room's creator is a listed local user or a remote user ID (a room made on another server), nothing else", () => {
  const withCreator = (creator: unknown) => ({ server_name: "acme.test", users: [{ name: "admin" }], rooms: [{ alias: "eng", creator }] });
  assert.equal(validateSeed(withCreator("@zoe:partner.test")).rooms?.[0]?.creator, "@zoe:partner.test");
  for (const creator of ["@nocolon", 42, "zoe"]) {
    assert.throws(() => validateSeed(withCreator(creator)), /rooms\[0\]\.creator: must name a user listed under users, or a remote user ID/, String(creator));
  }
});

test("omitted power levels follow createRoom's presets: invite 50 when public, 0 otherwise", () => {
  const state = buildState(
    {
      server_name: "acme.test",
      users: [{ name: "admin", admin: true }],
      rooms: [
        { alias: "pub", creator: "admin", join_rule: "public" },
        { alias: "priv", creator: "admin" },
        { alias: "bare", creator: "admin", join_rule: null, power_levels: null },
      ],
    },
    { clock: systemClock, rateLimits: true },
  );
  const pl = (alias: string) => {
    const room = state.rooms.get(state.aliases.get(`#${alias}:acme.test`) ?? "");
    return room && state.getState(room, "m.room.power_levels")?.content;
  };
  assert.deepEqual([pl("pub")?.["invite"], pl("pub")?.["kick"], pl("pub")?.["users"]], [50, 50, { "@admin:acme.test": 100 }]);
  assert.equal(pl("priv")?.["invite"], 0);
  assert.equal(pl("bare"), undefined);
});

// createRoom on Synapse 1.67 (room version 9, differential test) names the creator in the create event's
// content; from room version 11 the creator is only the event's sender.
test("the create event names the creator in its content before room version 11", () => {
  const state = buildState(
    {
      server_name: "acme.test",
      users: [{ name: "admin", admin: true }],
      rooms: [
        { alias: "v9", creator: "admin", version: "9" },
        { alias: "v11", creator: "admin" },
      ],
    },
    { clock: systemClock, rateLimits: true },
  );
  const create = (alias: string) => state.rooms.get(state.aliases.get(`#${alias}:acme.test`) ?? "")?.create;
  assert.deepEqual(create("v9")?.content, { room_version: "9", creator: "@admin:acme.test" });
  assert.deepEqual(create("v11")?.content, { room_version: "11" });
  assert.equal(create("v11")?.sender, "@admin:acme.test");
});

test("a YAML seed file is read; a broken one is a clear error", async () => {
  const dir = await mkdtemp(join(tmpdir(), "roster-seed-"));
  const good = join(dir, "seed.yaml");
  await writeFile(good, "server_name: acme.test\nusers:\n  - {name: admin, admin: true}\nrooms:\n  - {alias: eng, creator: admin, members: {'@zed:other.test': join}}\n");
  const hs = await startSandbox((await readSeedFile(good)) as never);
  try {
    assert.deepEqual(hs.joinedMembers("eng"), ["@admin:acme.test", "@zed:other.test"]);
  } finally {
    await hs.close();
  }
  const bad = join(dir, "bad.yaml");
  await writeFile(bad, "server_name: [\n");
  await assert.rejects(readSeedFile(bad), /seed file .*bad\.yaml is not valid YAML/);
  await assert.rejects(readSeedFile(join(dir, "missing.yaml")), /cannot read seed file .*missing\.yaml \(ENOENT\)/);
});

test("the built-in seed is the example organisation, drifted", async (t) => {
  const hs = await startSandbox(acmeDriftedSeed());
  t.after(() => hs.close());
  const general = await call(hs, "GET", `/_synapse/admin/v1/rooms/${hs.roomIdOf("general")}`, { token: hs.adminToken });
  assert.equal(general.body.join_rules, "public");
  assert.equal(hs.membership("announcements", "ken"), "join");
  assert.equal(hs.joinedMembers("announcements").length, 6);
  assert.equal(hs.membership("partner-shared", "@zoe:partner.test"), "join");
  assert.equal(hs.membership("partner-shared", "@yuri:partner.test"), undefined);
  assert.equal(hs.tokens["@mallory:acme.test"], undefined);
  for (const alias of ["general", "announcements", "engineering", "backend", "frontend", "ops", "incidents", "partner-shared"]) {
    assert.ok(hs.joinedMembers(alias).includes("@admin:acme.test"), alias);
  }
});

test("a benchmark-sized seed (1,000 rooms × 100 members, one 20,000-member room) builds and serves", async (t) => {
  const seed = scaleSeed({ users: 5_000, rooms: 1_000, membersPerRoom: 100, joinedFraction: 1, bigRoomMembers: 20_000 });
  const hs = await startSandbox(seed, { rateLimits: false });
  t.after(() => hs.close());
  assert.equal(hs.joinedMembers("big").length, 20_001);
  assert.equal(hs.joinedMembers("r999").length, 101);
  const members = await call(hs, "GET", `/_synapse/admin/v1/rooms/${hs.roomIdOf("big")}/members`, { token: hs.adminToken });
  assert.equal(members.body.total, 20_001);
  const list = await call(hs, "GET", "/_synapse/admin/v1/rooms?limit=10", { token: hs.adminToken });
  assert.equal(list.body.total_rooms, 1_001);
});
