import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ApplyReport } from "../../src/render/apply-report.js";
import { acmeUsers, scenario } from "../support/e2e.js";
import { repoRoot } from "../support/run-cli.js";

const validate = async () => {
  const schema = JSON.parse(await readFile(join(repoRoot, "schemas", "apply.schema.json"), "utf8")) as object;
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
};

const drifted = () =>
  acmeUsers()
    .room({ alias: "general", creator: "admin", join_rule: "public", members: { carol: "join" } })
    .room({ alias: "ops", creator: "admin", join_rule: "invite", members: { dave: "join", erin: "join", frank: "join" } })
    .room({ alias: "secret", creator: "alice", join_rule: "invite", members: { alice: "join" } })
    .user("erin")
    .user("frank")
    .federation([]);

const declarations = {
  "rooms/rooms.yaml": [
    "server_name: acme.test",
    "rooms:",
    '  "#general": {members: [alice, bob, carol, mallory, nobody, "@zoe:partner.test"]}',
    '  "#ops": {members: [dave, erin], prune: true}',
    '  "#secret": {members: [alice, bob]}',
    "",
  ].join("\n"),
};

test("apply --format json prints a report valid against schemas/apply.schema.json that matches the server's state, and --report writes the same", async (t) => {
  const s = await scenario(t, drifted(), declarations);
  const result = await s.roster(["apply", "--yes", "--format", "json", "--report", "report.json"]);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout) as ApplyReport;
  const check = await validate();
  assert.ok(check(report), JSON.stringify(check.errors));
  assert.match(result.stderr, /Apply complete:/, "the human output goes to stderr");
  assert.deepEqual(JSON.parse(await readFile(join(s.cwd, "report.json"), "utf8")), report);

  const row = (room: string, user: string) => report.actions.find((a) => a.room === room && a.user === user);
  assert.deepEqual(
    report.actions.map((a) => `${a.room} ${a.kind} ${a.user} ${a.outcome}${a.code ? ` ${a.code}` : ""}`),
    [
      "#general:acme.test join @alice:acme.test done",
      "#general:acme.test join @bob:acme.test done",
      "#general:acme.test invite @zoe:partner.test failed",
      "#general:acme.test join @mallory:acme.test blocked user_deactivated",
      "#general:acme.test join @nobody:acme.test blocked user_not_found",
      "#ops:acme.test kick @frank:acme.test done",
      "#secret:acme.test join @bob:acme.test blocked admin_not_in_room",
    ],
  );
  assert.equal(row("#general:acme.test", "@zoe:partner.test")?.errcode, "M_FORBIDDEN");
  assert.match(row("#general:acme.test", "@zoe:partner.test")?.message ?? "", /Federation denied/);
  assert.equal(row("#general:acme.test", "@alice:acme.test")?.attempts, 1);
  assert.ok((row("#general:acme.test", "@alice:acme.test")?.durationMs ?? -1) >= 0);
  assert.deepEqual(report.exit, { code: 1, reason: "1 failed, 3 blocked" });
  assert.equal(report.summary.joined, 2);
  assert.equal(report.summary.kicked, 1);

  // What the report says was done is what the server holds.
  for (const action of report.actions.filter((a) => a.outcome === "done")) {
    const membership = s.hs.membership(action.room, action.user);
    assert.equal(membership, action.kind === "kick" ? "leave" : action.kind === "join" ? "join" : "invite", `${action.kind} ${action.user}`);
  }
  for (const action of report.actions.filter((a) => a.outcome !== "done" && a.kind !== "kick")) {
    assert.notEqual(s.hs.membership(action.room, action.user), "join", `${action.user} was not joined`);
  }
  assert.ok(!result.stdout.includes(s.hs.adminToken) && !result.stderr.includes(s.hs.adminToken));
});

test("an apply with nothing to do reports exit 0 with its reason and no actions", async (t) => {
  const s = await scenario(t, drifted(), { "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#ops": {members: [dave, erin, frank]}\n' });
  const result = await s.roster(["apply", "--yes", "--format", "json"]);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as ApplyReport;
  assert.ok((await validate())(report));
  assert.deepEqual(report.exit, { code: 0, reason: "nothing to do: the server already matches the declarations" });
  assert.deepEqual(report.actions, []);
});
