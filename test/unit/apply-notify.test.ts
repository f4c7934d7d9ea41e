/** postNotice: where apply's notice goes, how each post is told apart from a retry, and what a refusal says. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { postNotice } from "../../src/apply/notify.js";
import { HomeserverError, type RequestFailure } from "../../src/homeserver/errors.js";
import type { NoticeContent } from "../../src/render/apply-notice.js";

const notice: NoticeContent = { msgtype: "m.notice", body: "roster apply: 1 joined", format: "org.matrix.custom.html", formatted_body: "roster apply: 1 joined" };
const failure = (status: number, errcode: string): RequestFailure => ({ method: "PUT", path: "/send", template: "/send", status, errcode, serverMessage: "no", mayHaveReachedServer: false, attempts: 1 });

function client(options: { refuse?: HomeserverError } = {}) {
  const fake = {
    resolved: [] as string[],
    sent: [] as { roomId: string; txnId: string }[],
    resolveAlias: (alias: string) => {
      fake.resolved.push(alias);
      return Promise.resolve(alias === "#audit:acme.test" ? { roomId: "!audit:acme.test", servers: [] } : null);
    },
    sendMessage: (roomId: string, _content: Record<string, unknown>, txnId: string) => {
      fake.sent.push({ roomId, txnId });
      return options.refuse ? Promise.reject(options.refuse) : Promise.resolve(`$e${fake.sent.length}`);
    },
  };
  return fake;
}

test("a room ID is posted to as given, without an alias lookup; an alias is resolved first", async () => {
  const byId = client();
  assert.deepEqual(await postNotice(byId, "!audit:acme.test", notice), { eventId: "$e1" });
  assert.deepEqual(byId.resolved, []);
  const byAlias = client();
  await postNotice(byAlias, "#audit:acme.test", notice);
  assert.deepEqual(byAlias.resolved, ["#audit:acme.test"]);
  assert.equal(byAlias.sent[0]?.roomId, "!audit:acme.test");
  assert.deepEqual(await postNotice(byAlias, "#gone:acme.test", notice), { warning: "could not post the notice to #gone:acme.test: the alias does not resolve on this server" });
});

test("every notice has its own transaction ID, so Synapse never takes a later apply's notice for a retry of an earlier one", async () => {
  const hs = client();
  await postNotice(hs, "!audit:acme.test", notice);
  await postNotice(hs, "!audit:acme.test", notice);
  const [first, second] = hs.sent.map((s) => s.txnId);
  assert.match(first ?? "", /^roster-\d+-[0-9a-f]{8}$/);
  assert.notEqual(first, second);
});

test("a refusal comes back as a warning that says what to check: joined for a 403, the rate-limit fix for a 429, nothing more otherwise", async () => {
  const warning = async (status: number, errcode: string) => {
    const result = await postNotice(client({ refuse: new HomeserverError(failure(status, errcode)) }), "!audit:acme.test", notice);
    assert.ok("warning" in result);
    return result.warning;
  };
  assert.match(await warning(403, "M_FORBIDDEN"), /^could not post the notice to !audit:acme\.test: .* \(is the admin joined there\?\)$/);
  assert.match(await warning(429, "M_LIMIT_EXCEEDED"), / \(rate limited: roster doctor --fix-rate-limits exempts the admin\)$/);
  const other = await warning(500, "M_UNKNOWN");
  assert.equal(other, `could not post the notice to !audit:acme.test: ${new HomeserverError(failure(500, "M_UNKNOWN")).message}`, "nothing added to the server's answer");
});

test("an error that is not the server's answer is not swallowed", async () => {
  const broken = { resolveAlias: () => Promise.reject(new TypeError("bug")), sendMessage: () => Promise.resolve("$e") };
  await assert.rejects(postNotice(broken, "#audit:acme.test", notice), TypeError);
});
