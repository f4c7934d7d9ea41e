import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ADMIN, declared, observed, planOf } from "../support/plan-builders.js";
import { assertGolden } from "../support/golden.js";
import { repoRoot } from "../support/run-cli.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { renderPlanAnnotations } from "../../src/render/plan-annotations.js";
import { introducedKeys } from "../../src/plan/item-keys.js";

const plan = planOf({
  rooms: [
    declared("#engineering").with("alice", "bob", "carol", "@zoe:partner.test", "mallory"),
    declared("#announcements").with("alice", "dave", "grace", "judy").pruned(),
    declared("#private").with("heidi"),
    declared("#backend").with("alice"),
    declared("#broken").with("ivan"),
  ],
  observed: [
    observed("#engineering").member("alice").member("ken"),
    observed("#announcements").member("alice").member("dave").member("grace").member("judy").member("ken"),
    observed("#private").without("admin"),
    observed("#backend").member("alice"),
    { status: "error", ref: "#broken:acme.test", detail: "GET /_synapse/admin/v1/rooms/!broken:acme.test/state answered 500 M_UNKNOWN after 5 attempts" },
  ],
  users: { mallory: "deactivated" },
});

test("text plan reads like a Terraform plan and ends with the summary line", () => {
  const text = renderPlanText(plan, { colour: false });
  assertGolden("plan.txt", text);
  assert.match(text, /\nPlan: 2 to join, 1 to invite, 1 to kick, 2 blocked\.\n$/);
  assert.equal(text.includes("\u001b["), false);
});

test("text plan: a room declared by ID is not named twice, levels and the admin's entry are shown, a long quiet list is cut, new items are tagged", () => {
  const byId = observed("!abc:acme.test");
  byId.room.roomId = "!abc:acme.test";
  const levels = observed("#levels").member("bob");
  const quiet = Array.from({ length: 11 }, (_, i) => `#q${String(i + 1).padStart(2, "0")}`);
  const more = planOf({
    rooms: [declared("!abc:acme.test").with("alice"), declared("#levels").with("bob").withPower("bob", 50), declared("#private").with("heidi"), ...quiet.map((q) => declared(q).with("alice"))],
    observed: [byId, levels, observed("#private").without("admin").member("carol").power({ users: { "@carol:acme.test": 100 } }), ...quiet.map((q) => observed(q).member("alice"))],
    options: { ensureAdmin: true },
  });
  const base = planOf({ rooms: [declared("!abc:acme.test"), declared("#levels").with("bob").withPower("bob", 50)], observed: [byId, levels] });
  const text = renderPlanText(more, { colour: false, introduced: introducedKeys(more, base) });
  assertGolden("plan-more.txt", text);
  assert.match(text, /\n!abc:acme\.test\n/, "no room ID after a room declared by its ID");
  assert.match(text, /No changes in 11 rooms: #q01:acme\.test, .*, #q10:acme\.test and 1 more\./);
  assert.match(text, /\nPlan: 1 room to bring the admin into, 2 to join, 0 to invite, 0 to kick, 1 power level to change, 0 blocked\.\n$/);
  const markdown = renderPlanMarkdown(more, { introduced: introducedKeys(more, base), title: "roster plan (after this pull request)" });
  assertGolden("plan-more.md", markdown);
  assert.match(markdown, /^### roster plan \(after this pull request\) — `acme\.test`/);
  const busy = planOf({ rooms: [declared("!abc:acme.test").with("alice")], observed: [byId] });
  assert.equal(renderPlanText(busy, { colour: false }).includes("No changes"), false, "no quiet-room line when every room has something to do");
  assert.equal(renderPlanMarkdown(busy).includes("No changes"), false);
});

test("text plan uses colour only when asked", () => {
  assert.equal(renderPlanText(plan, { colour: true }).includes("\u001b[32m"), true);
});

test("markdown plan puts membership changes in diff blocks", () => {
  const markdown = renderPlanMarkdown(plan);
  assertGolden("plan.md", markdown);
  assert.match(markdown, /```diff\n {2}@admin:acme\.test\n {2}@alice:acme\.test\n\+ @bob:acme\.test {2}\(join\)/);
  assert.match(markdown, /- @ken:acme\.test {2}\(kick\)/);
});

test("markdown with attribution tells new items from drift", () => {
  const base = planOf({
    rooms: [declared("#engineering").with("alice", "bob", "mallory")],
    observed: [observed("#engineering").member("alice")],
    users: { mallory: "deactivated" },
  });
  const markdown = renderPlanMarkdown(plan, { introduced: introducedKeys(plan, base) });
  assert.match(markdown, /Already pending before this pull request \(drift\): join `@bob:acme\.test`/);
  assert.match(markdown, /\*\*admin_not_in_room\*\* \*\*\(introduced by this pull request\)\*\*/);
  assert.match(markdown, /\*\*user_deactivated\*\* \(already pending\): `@mallory:acme\.test`/);
});

test("the JSON plan validates against schemas/plan.schema.json", () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, "schemas", "plan.schema.json"), "utf8")) as object;
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  const roundTripped: unknown = JSON.parse(JSON.stringify(plan));
  assert.equal(validate(roundTripped), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...plan, formatVersion: 3 }), false);
  assert.equal(plan.admin, ADMIN);
});

test("github annotations put each blocked item on the line that declares it; pre-existing ones are warnings", () => {
  const declaredAt = (room: string, user: string) => (room === "#engineering:acme.test" && user === "@mallory:acme.test" ? { file: "rooms/eng.yaml", line: 7, column: 9 } : undefined);
  const all = renderPlanAnnotations(plan, declaredAt);
  assert.match(all, /^::error file=rooms\/eng\.yaml,line=7,col=9,title=roster plan::#engineering:acme\.test: blocked user_deactivated \(@mallory:acme\.test\)\. /m);
  assert.match(all, /^::error file=rooms\/test\.yaml,line=1,col=1,title=roster plan::#private:acme\.test: blocked admin_not_in_room/m);
  assert.match(all, /^::error .*#broken:acme\.test could not be planned/m);
  const none = renderPlanAnnotations(plan, declaredAt, new Set());
  assert.equal(none.match(/^::warning /gm)?.length, 2, "with --base, blocks the change did not introduce only warn");
  assert.equal(none.match(/^::error /gm)?.length, 1, "an unreadable room stays an error");
});
