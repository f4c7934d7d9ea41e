// @ts-nocheck
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { APPLY_MARKER, PLAN_MARKER } from "../../src/github/sticky-comment.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { acmeUsers, declarationsDir } from "../support/e2e.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";
import { runCli } from "../support/run-cli.js";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } }).trim();
}

async function commitRooms(cwd: string, yaml: string, message: string): Promise<string> {
  await mkdir(join(cwd, "rooms"), { recursive: true });
  await writeFile(join(cwd, "rooms", "rooms.yaml"), `server_name: acme.test\n${yaml}`);
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", message);
  return git(cwd, "rev-parse", "HEAD");
}

async function actionsEnv(cwd: string, gh: FakeGitHub, eventName: string, event: unknown, sha: string) {
  await writeFile(join(cwd, "event.json"), JSON.stringify(event));
  await writeFile(join(cwd, "summary.md"), "");
  return {
    GITHUB_TOKEN: gh.token,
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_API_URL: gh.url,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: join(cwd, "event.json"),
    GITHUB_STEP_SUMMARY: join(cwd, "summary.md"),
    GITHUB_SHA: sha,
  };
}

async function setUp(t: TestContext) {
  const hs = await startSandbox(
    acmeUsers()
      .room({ alias: "general", creator: "admin", join_rule: "public" })
      .room({ alias: "secret", creator: "alice", join_rule: "invite" })
      .build(),
  );
  t.after(() => hs.close());
  const gh = await startFakeGitHub({ owner: "acme", repo: "rooms" });
  t.after(() => gh.close());
  const cwd = await declarationsDir(t, {});
  git(cwd, "init", "-q", "-b", "main");
  return { hs, gh, cwd };
}

test("a pull request's plan marks what it introduces, fails only on blocks it introduces, and keeps one comment", async (t) => {
  const { hs, gh, cwd } = await setUp(t);
  // At base, bob was already declared in #secret (where the admin is not): a pre-existing block.
  const base = await commitRooms(cwd, `rooms:\n  "#general": {members: [alice]}\n  "#secret": {members: [bob]}\n`, "base");
  const head = await commitRooms(cwd, `rooms:\n  "#general": {members: [alice, bob]}\n  "#secret": {members: [bob]}\n`, "add bob to general");
  const event = { repository: { default_branch: "main" }, pull_request: { number: 7, head: { sha: head, repo: { full_name: "acme/rooms" } }, base: { ref: "main", repo: { full_name: "acme/rooms" } } } };
  const env = { ...hs.env, ...(await actionsEnv(cwd, gh, "pull_request", event, head)) };

  const first = await runCli(["plan", "--base", base, "--github-comment", "--format", "markdown"], { cwd, env });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /already pending before this change/);
  const comments = () => gh.comments.get(7) ?? [];
  assert.equal(comments().length, 1);
  const body = comments()[0]?.body ?? "";
  assert.ok(body.startsWith(PLAN_MARKER));
  assert.match(body, /\+ @bob:acme\.test {2}\(join\)/);
  assert.match(body, /\*\*admin_not_in_room\*\* \(already pending\)/);
  assert.match(body, /Already pending before this pull request \(drift\): join `@alice:acme\.test`/);
  assert.match(await readFile(join(cwd, "summary.md"), "utf8"), /Plan: 2 to join, 0 to invite, 0 to kick, 1 blocked\./);

  // The next push adds carol to #secret: a block this pull request introduces fails the check.
  const head2 = await commitRooms(cwd, `rooms:\n  "#general": {members: [alice, bob]}\n  "#secret": {members: [bob, carol]}\n`, "add carol");
  const second = await runCli(["plan", "--base", base, "--github-comment", "--format", "github"], { cwd, env: { ...env, GITHUB_SHA: head2 } });
  assert.equal(second.code, 1);
  // Annotations on the exact lines: the new block on carol's line is an error; nothing else is.
  const annotations = second.stdout.split("\n").filter((line) => line.startsWith("::"));
  assert.deepEqual(annotations.map((line) => line.slice(0, line.indexOf("::", 2))), ["::error file=rooms/rooms.yaml,line=4,col=3,title=roster plan"]);
  assert.match(annotations[0] ?? "", /admin_not_in_room \(@bob:acme\.test, @carol:acme\.test\)/);
  assert.match(second.stdout, /^Plan: 2 to join, 0 to invite, 0 to kick, 1 blocked\.$/m);
  assert.equal(comments().length, 1, "the comment is updated in place, never duplicated");
  assert.match(comments()[0]?.body ?? "", /\*\*admin_not_in_room\*\* \*\*\(introduced by this pull request\)\*\*/);
});

test("after the merge, apply comments its result on the merged pull request", async (t) => {
  const { hs, gh, cwd } = await setUp(t);
  const sha = await commitRooms(cwd, `rooms:\n  "#general": {members: [alice, bob]}\n`, "merge");
  gh.pullsByCommit.set(sha, [{ number: 9, title: "add bob", state: "closed", merged_at: "2026-11-26T10:00:00Z", merge_commit_sha: sha, base: { ref: "main" } }]);
  const env = { ...hs.env, ...(await actionsEnv(cwd, gh, "push", { repository: { default_branch: "main" } }, sha)) };
  const apply = await runCli(["apply", "--yes", "--github-comment"], { cwd, env });
  assert.equal(apply.code, 0, apply.stderr);
  const body = gh.comments.get(9)?.[0]?.body ?? "";
  assert.ok(body.startsWith(APPLY_MARKER));
  assert.match(body, /Apply complete: 2 joined, 0 invited, 0 kicked, 0 failed, 0 blocked\./);
  assert.match(body, /\+ @bob:acme\.test {2}\(joined\)/);
  assert.deepEqual(hs.joinedMembers("#general:acme.test"), ["@admin:acme.test", "@alice:acme.test", "@bob:acme.test"]);
});
