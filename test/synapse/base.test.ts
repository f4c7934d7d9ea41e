import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { newWorld, type World } from "./support/world.js";

function git(cwd: string, ...args: string[]): string {
  const identity = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" };
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...identity } }).trim();
}

function declarations(w: World, lobby: string[], secret: string[]): string {
  return w.roomsFile({ [w.alias("lobby")]: { members: lobby.map(w.name) }, [w.alias("secret")]: { members: secret.map(w.name) } });
}

test("real Synapse: plan --base marks what a change introduces, and fails only on the blocks it introduces", async (t) => {
  const w = await newWorld(t);
  const owner = await w.user("owner");
  const [alice, , carol] = await w.accounts("alice", "bob", "carol");
  await w.hs.createRoom(owner, { preset: "public_chat", alias: w.name("lobby") });
  await w.hs.createRoom(owner, { preset: "private_chat", alias: w.name("secret") }); // the admin is not in it
  // At base, bob was already declared in #secret: a block pending before the change.
  const run = await w.declare({ "rooms/all.yaml": declarations(w, ["owner", "alice"], ["owner", "bob"]) });
  git(run.cwd, "init", "-q", "-b", "main");
  git(run.cwd, "add", "-A");
  git(run.cwd, "commit", "-qm", "base");

  await writeFile(join(run.cwd, "rooms/all.yaml"), declarations(w, ["owner", "alice", "carol"], ["owner", "bob"]));
  const harmless = await run.plan(["--base", "main"]);
  assert.equal(harmless.code, 0, `only a pre-existing block: ${harmless.stderr} ${JSON.stringify(harmless.plan.rooms.map((room) => room.blocked))}`);
  assert.deepEqual(harmless.plan.attribution, { base: "main", introduced: [`join|${w.alias("lobby")}|${carol}`] });

  await writeFile(join(run.cwd, "rooms/all.yaml"), declarations(w, ["owner", "alice", "carol"], ["owner", "bob", "alice"]));
  const blocking = await run.plan(["--base", "main"]);
  assert.equal(blocking.code, 1, "the change adds a user to a room the admin cannot act in");
  assert.deepEqual(blocking.plan.attribution?.introduced.sort(), [
    `blocked|${w.alias("secret")}|admin_not_in_room|${alice}`,
    `join|${w.alias("lobby")}|${carol}`,
  ], JSON.stringify(blocking.plan.rooms.map((room) => room.blocked)));
  const github = await run(["plan", "--dir", "rooms", "--base", "main", "--format", "github"]);
  assert.match(github.stdout, new RegExp(`^::error file=rooms/all.yaml,line=\\d+,col=\\d+,title=roster plan::.*admin_not_in_room`, "m"));
});
