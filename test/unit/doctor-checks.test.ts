import { test } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, declared, observed, uid } from "../support/plan-builders.js";
import { checkRatelimitOverride, checkRoom, summariseFindings } from "../../src/doctor/checks.js";

const SERVER = "acme.test";

test("room checks: one line per room, errors only where the admin cannot act", () => {
  const cases: { name: string; findings: ReturnType<typeof checkRoom>; expected: string[] }[] = [
    { name: "public room with local members", findings: checkRoom(declared("#g").with("bob").room, observed("#g").rule("public").without("admin").room, ADMIN, SERVER), expected: ["ok admin_reach"] },
    { name: "public room with a remote member", findings: checkRoom(declared("#g").with("@zoe:partner.test").room, observed("#g").rule("public").without("admin").room, ADMIN, SERVER), expected: ["error admin_joined"] },
    { name: "invite-only room, admin in with power", findings: checkRoom(declared("#e").with("bob").pruned().room, observed("#e").room, ADMIN, SERVER), expected: ["ok admin_reach"] },
    { name: "invite-only room, admin outside", findings: checkRoom(declared("#e").room, observed("#e").without("admin").room, ADMIN, SERVER), expected: ["error admin_joined"] },
    { name: "room without a join-rules event", findings: checkRoom(declared("#e").with("bob").room, observed("#e").rule(null).member("admin", "invite").room, ADMIN, SERVER), expected: ["error admin_joined"] },
    {
      name: "admin below invite and kick levels",
      findings: checkRoom(declared("#e").with("bob").pruned().room, observed("#e").power({ users: { [ADMIN]: 10, [uid("alice")]: 100 }, invite: 50 }).room, ADMIN, SERVER),
      expected: ["error admin_can_invite", "error admin_can_kick"],
    },
    { name: "alias missing", findings: checkRoom(declared("#x").room, { status: "alias_not_found", ref: "#x:acme.test", detail: "" }, ADMIN, SERVER), expected: ["error alias_resolves"] },
    { name: "server left the room", findings: checkRoom(declared("#x").room, { status: "room_not_found", ref: "#x:acme.test", roomId: "!x:acme.test", detail: "no local user is left in the room" }, ADMIN, SERVER), expected: ["error room_exists"] },
  ];
  for (const { name, findings, expected } of cases) assert.deepEqual(findings.map((f) => `${f.level} ${f.check}`), expected, name);
});

test("the override check: absent or limited warns with a fix that carries no token; 0/0 is ok", () => {
  const url = "https://matrix.acme.test";
  const absent = checkRatelimitOverride(null, ADMIN, url);
  assert.equal(absent.level, "warn");
  assert.match(absent.fix ?? "", /\$MATRIX_ADMIN_TOKEN.*'https:\/\/matrix\.acme\.test\/_synapse\/admin\/v1\/users\/%40admin%3Aacme\.test\/override_ratelimit'$/);
  assert.equal(checkRatelimitOverride({ messagesPerSecond: 5, burstCount: 50 }, ADMIN, url).level, "warn");
  assert.equal(checkRatelimitOverride("403 M_FORBIDDEN", ADMIN, url).level, "warn");
  assert.equal(checkRatelimitOverride({ messagesPerSecond: 0, burstCount: 0 }, ADMIN, url).level, "ok");
});

test("the summary names each blocked room once, in order", () => {
  const summary = summariseFindings([
    { level: "error", scope: "#b", check: "admin_can_invite", message: "" },
    { level: "error", scope: "#b", check: "admin_can_kick", message: "" },
    { level: "warn", scope: "server", check: "ratelimit_override", message: "" },
    { level: "error", scope: "#a", check: "alias_resolves", message: "" },
    { level: "ok", scope: "#c", check: "admin_reach", message: "" },
  ]);
  assert.deepEqual(summary, { ok: 1, warn: 1, error: 3, blockedRooms: ["#b", "#a"] });
});

test("room checks for declared levels: the admin's level for power changes, and each level it could not set, one line per room", () => {
  const modAdmin = () => observed("#e").member("alice").member("bob").power({ users: { [ADMIN]: 50, [uid("alice")]: 100 }, changeLevels: 100 });
  const fullAdmin = () => observed("#e").member("alice").member("bob").member("carol").power({ users: { [ADMIN]: 100, [uid("carol")]: 100 }, changeLevels: 100 });
  const cases: { name: string; findings: ReturnType<typeof checkRoom>; expected: string[] }[] = [
    { name: "admin below the power-levels level", findings: checkRoom(declared("#e").withPower("bob", 50).room, modAdmin().room, ADMIN, SERVER), expected: ["error admin_can_set_power"] },
    { name: "no level declared: the admin's level does not matter", findings: checkRoom(declared("#e").with("bob").room, modAdmin().room, ADMIN, SERVER), expected: ["ok admin_reach"] },
    { name: "levels declared in a public room the admin is not in", findings: checkRoom(declared("#e").withPower("bob", 50).room, observed("#e").rule("public").without("admin").room, ADMIN, SERVER), expected: ["error admin_joined"] },
    { name: "a level the admin can set", findings: checkRoom(declared("#e").withPower("bob", 100).room, fullAdmin().room, ADMIN, SERVER), expected: ["ok admin_reach"] },
    { name: "a level above the admin's own", findings: checkRoom(declared("#e").withPower("bob", 150).room, fullAdmin().room, ADMIN, SERVER), expected: ["error declared_power"] },
    { name: "a target at the admin's level", findings: checkRoom(declared("#e").withPower("carol", 50).room, fullAdmin().room, ADMIN, SERVER), expected: ["error declared_power"] },
    { name: "a target at the admin's level, declared as it is", findings: checkRoom(declared("#e").withPower("carol", 100).room, fullAdmin().room, ADMIN, SERVER), expected: ["ok admin_reach"] },
    { name: "prune_power would reset a user at the admin's level", findings: checkRoom(declared("#e").with("carol").prunePower().room, fullAdmin().room, ADMIN, SERVER), expected: ["error declared_power"] },
  ];
  for (const { name, findings, expected } of cases) assert.deepEqual(findings.map((f) => `${f.level} ${f.check}`), expected, name);

  const [both] = checkRoom(declared("#e").withPower("bob", 150).withPower("carol", 50).room, fullAdmin().room, ADMIN, SERVER);
  assert.equal(
    both?.message,
    "declared power levels @admin:acme.test cannot set: @carol:acme.test holds a level at or above @admin:acme.test's 100 (admin), which Synapse lets nobody change below it; " +
      "@bob:acme.test is declared above @admin:acme.test's own 100 (admin), and Synapse refuses to grant more than the sender holds",
  );
  assert.match(both?.fix ?? "", /A user above @carol:acme\.test must change their levels.*Declare at most 100 for @bob:acme\.test/);
  const [ok] = checkRoom(declared("#e").withPower("bob", 100).pruned().room, fullAdmin().room, ADMIN, SERVER);
  assert.match(ok?.message ?? "", /it can invite, kick and set power levels here$/);
});

test("what doctor tells the admin to do: a join alone when invited or public, make_room_admin when it is enough, else why not", () => {
  const fixOf = (findings: ReturnType<typeof checkRoom>) => findings.map((f) => f.fix ?? "").join("\n");
  const invited = checkRoom(declared("#e").with("bob").room, observed("#e").member("admin", "invite").room, ADMIN, SERVER);
  assert.match(fixOf(invited), /the admin joins by itself: it holds an invite, and its power 100 is enough/);
  const publicRoom = checkRoom(declared("#g").with("@zoe:partner.test").room, observed("#g").rule("public").without("admin").room, ADMIN, SERVER);
  assert.match(fixOf(publicRoom), /the admin joins by itself: the room is public/);
  const weakPuppet = observed("#e")
    .without("admin")
    .member("alice")
    .power({ users: { [uid("alice")]: 50 }, kick: 100, changeLevels: 50 });
  const tooWeak = checkRoom(declared("#e").with("bob").pruned().room, weakPuppet.room, ADMIN, SERVER);
  assert.match(fixOf(tooWeak), /^make_room_admin would give @admin:acme\.test only power 50 \(that of @alice:acme\.test, the room's top joined local user\), which is not enough here/);
  const [onlyInvite] = checkRoom(declared("#e").with("bob").room, observed("#e").room, ADMIN, SERVER);
  assert.match(onlyInvite?.message ?? "", /is joined with power 100: it can invite here$/);
  const [gone] = checkRoom(declared("#x").room, { status: "room_not_found", ref: "#x:acme.test", detail: "no local user is left in the room" }, ADMIN, SERVER);
  assert.equal(gone?.message, "#x:acme.test: no local user is left in the room", "named by its reference when it has no ID");
});

test("a server-wide error blocks no room", () => {
  assert.deepEqual(summariseFindings([{ level: "error", scope: "server", check: "ratelimit_override", message: "" }]).blockedRooms, []);
});
