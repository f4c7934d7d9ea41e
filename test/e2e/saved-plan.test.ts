/** `roster apply PLANFILE`: only a real plan, made for this server and admin, applied to unchanged rooms. */

import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { acmeUsers, scenario } from "../support/e2e.js";

const STATE = "GET /_synapse/admin/v1/rooms/{roomId}/state";

async function saved(t: TestContext) {
  const s = await scenario(
    t,
    acmeUsers().room({ alias: "a", creator: "admin", join_rule: "public" }).room({ alias: "b", creator: "admin", join_rule: "public", members: { bob: "join" } }),
    { "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#a": {members: [alice]}\n  "#b": {members: [bob]}\n' },
  );
  const plan = await s.roster(["plan", "--out", "plan.json"]);
  assert.equal(plan.code, 0, plan.stderr);
  return s;
}

const refusals: { name: string; file: string; content?: (saved: string) => string; expected: RegExp }[] = [
  { name: "a missing file", file: "missing.json", expected: /cannot read the saved plan missing\.json \(ENOENT\)/ },
  { name: "a file that is not JSON", file: "bad.json", content: () => "{ not json", expected: /bad\.json is not JSON, so not a saved plan/ },
  { name: "JSON that is not a plan", file: "other.json", content: () => '{"formatVersion": 2}', expected: /other\.json is not a roster plan of this version/ },
  {
    name: "a plan made for another admin",
    file: "other-admin.json",
    content: (text) => text.replaceAll('"admin": "@admin:acme.test"', '"admin": "@root:acme.test"'),
    expected: /other-admin\.json was made for @root:acme\.test on acme\.test, but this token is @admin:acme\.test on acme\.test/,
  },
  {
    name: "a plan made for another server",
    file: "other-server.json",
    content: (text) => text.replaceAll('"serverName": "acme.test"', '"serverName": "other.test"'),
    expected: /was made for @admin:acme\.test on other\.test, but this token is @admin:acme\.test on acme\.test/,
  },
];

for (const { name, file, content, expected } of refusals) {
  test(`apply refuses ${name}, and changes nothing`, async (t) => {
    const s = await saved(t);
    if (content) await writeFile(join(s.cwd, file), content(await readFile(join(s.cwd, "plan.json"), "utf8")));
    const apply = await s.roster(["apply", file, "--yes"]);
    assert.equal(apply.code, 1);
    assert.match(apply.stderr + apply.stdout, expected);
    assert.equal(s.hs.membership("#a:acme.test", "@alice:acme.test"), undefined);
  });
}

test("a room of a saved plan that cannot be re-read to check it is refused, not applied", async (t) => {
  const s = await saved(t);
  const a = s.hs.roomIdOf("#a:acme.test");
  s.hs.faults.push({ route: `GET /_synapse/admin/v1/rooms/${a}/state`, status: 500, times: 100 });
  const apply = await s.roster(["apply", "plan.json", "--yes"]);
  assert.equal(apply.code, 1);
  assert.match(apply.stdout, /skipped #a:acme\.test: it could not be re-read to check it is unchanged/);
  assert.equal(s.hs.membership("#a:acme.test", "@alice:acme.test"), undefined);
});

test("an unchanged saved plan is applied, and only its rooms with changes are re-read", async (t) => {
  const s = await saved(t);
  s.hs.resetRequestCounts();
  const apply = await s.roster(["apply", "plan.json", "--yes"]);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  assert.equal(s.hs.membership("#a:acme.test", "@alice:acme.test"), "join");
  assert.equal(s.hs.requestCounts()[STATE], 1, "#b has nothing to do and is not re-read");
});
