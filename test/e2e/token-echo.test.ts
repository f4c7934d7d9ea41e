/**
 * Whatever the server sends back ends up in roster's output (user IDs, room names, error messages), so
 * the CLI redacts the token from every byte it writes. Here the server holds a member whose ID carries it.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { acmeUsers, scenario } from "../support/e2e.js";

test("a token the server echoes inside room state is redacted from every output format", async (t) => {
  const s = await scenario(t, acmeUsers().room({ alias: "eng", creator: "admin", join_rule: "public", members: { alice: "join" } }), {
    "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#eng": {members: [alice]}\n',
  });
  const token = s.hs.adminToken;
  s.hs.setMembership("#eng:acme.test", `@${token}:partner.test`, "join");
  for (const format of ["text", "json", "markdown"]) {
    const plan = await s.roster(["plan", "--format", format, "--verbose"]);
    assert.equal(plan.code, 0, plan.stderr);
    const output = plan.stdout + plan.stderr;
    assert.ok(!output.includes(token), `${format} output holds the token:\n${output}`);
    assert.match(output, /\[REDACTED\]/, `${format} output shows where the token was`);
  }
});
