import { test } from "node:test";
import assert from "node:assert/strict";
import { acmeUsers, scenario } from "../support/e2e.js";

const SEND = "PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}";

const server = () =>
  acmeUsers()
    .room({ alias: "general", creator: "admin", join_rule: "public", members: { carol: "join" } })
    .room({ alias: "audit", creator: "admin", join_rule: "invite" })
    .room({ alias: "elsewhere", creator: "alice", join_rule: "invite", members: { alice: "join" } });

const rooms = { "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#general": {members: [alice, carol, nobody]}\n' };
const github = { GITHUB_ACTIONS: "true", GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567", GITHUB_REPOSITORY: "acme/rooms", GITHUB_SERVER_URL: "https://github.example", GITHUB_RUN_ID: "42" };

test("apply --notify posts one m.notice (plain and HTML) into the room as the admin: what changed, what is blocked, and the commit behind it", async (t) => {
  const s = await scenario(t, server(), rooms);
  const apply = await s.roster(["apply", "--yes", "--notify", "#audit:acme.test"], { env: github });
  assert.equal(apply.code, 1, "a blocked user makes apply exit 1");
  assert.match(apply.stdout, /Posted the summary to #audit:acme\.test\./);
  const notices = s.hs.state.messages.filter((m) => m.roomId === s.hs.roomIdOf("#audit:acme.test"));
  assert.equal(notices.length, 1);
  const notice = notices[0];
  assert.equal(notice?.sender, "@admin:acme.test");
  assert.equal(notice?.type, "m.room.message");
  assert.equal(notice?.content["msgtype"], "m.notice");
  const body = String(notice?.content["body"]);
  assert.match(body, /^roster apply on acme\.test: 1 joined, 0 invited, 0 kicked, 0 failed, 1 blocked\./);
  assert.match(body, /- #general:acme\.test: joined @alice:acme\.test/);
  assert.match(body, /Blocked:\n- #general:acme\.test: user_not_found \(@nobody:acme\.test\)/);
  assert.match(body, /From commit 0123456789ab, run https:\/\/github\.example\/acme\/rooms\/actions\/runs\/42\./);
  assert.equal(notice?.content["format"], "org.matrix.custom.html");
  assert.match(String(notice?.content["formatted_body"]), /<li>#general:acme\.test: joined @alice:acme\.test<\/li>/);
  assert.match(String(notice?.content["formatted_body"]), /commit <a href="https:\/\/github\.example\/acme\/rooms\/commit\/0123456789abcdef0123456789abcdef01234567">/);

  const again = await s.roster(["apply", "--yes", "--notify", "#audit:acme.test"]);
  assert.equal(again.code, 1, "still blocked");
  assert.equal(s.hs.state.messages.length, 1, "nothing is posted for a run that changed and attempted nothing");
});

test("a notice that cannot be sent never fails the apply: a room the admin is not in, a 429, an unknown alias are warnings", async (t) => {
  const cases: [string, (s: Awaited<ReturnType<typeof scenario>>) => void, RegExp][] = [
    ["#elsewhere:acme.test", () => undefined, /could not post the notice to #elsewhere:acme\.test: PUT \S+ answered 403 M_FORBIDDEN.*is the admin joined there\?/],
    ["#audit:acme.test", (s) => s.hs.faults.push({ route: SEND, status: 429, retryAfterMs: 60_000, times: 5 }), /could not post the notice to #audit:acme\.test: .*rate limited.*--fix-rate-limits/],
    ["#nowhere:acme.test", () => undefined, /could not post the notice to #nowhere:acme\.test: the alias does not resolve/],
  ];
  for (const [room, arrange, warning] of cases) {
    const s = await scenario(t, server(), { "rooms/rooms.yaml": 'server_name: acme.test\nrooms:\n  "#general": {members: [alice, carol]}\n' });
    arrange(s);
    const apply = await s.roster(["apply", "--yes", "--notify", room]);
    assert.equal(apply.code, 0, `${room}: ${apply.stdout}${apply.stderr}`);
    assert.match(apply.stderr, warning);
    assert.equal(s.hs.membership("#general:acme.test", "alice"), "join");
    assert.equal(s.hs.state.messages.length, 0);
  }
});
