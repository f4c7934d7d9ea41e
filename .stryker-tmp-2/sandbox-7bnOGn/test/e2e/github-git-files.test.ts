// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDeclarationFilesAtRef } from "../../src/github/git-files.js";
import { UserError } from "../../src/errors.js";

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@acme.test", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@acme.test", GIT_CONFIG_NOSYSTEM: "1", HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8" });

async function write(root: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}

/** A repository whose first commit declares #eng with alice; the second adds bob, a file and a room. */
async function makeRepo(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "roster-git-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  git(root, "init", "-q", "-b", "main");
  await write(root, "rooms/engineering.yaml", 'server_name: acme.test\nrooms:\n  "#engineering":\n    members: [alice]\n');
  await write(root, "rooms/notes.md", "not a declaration\n");
  await write(root, "README.md", "hello\n");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "first");
  git(root, "tag", "base");
  await write(root, "rooms/engineering.yaml", 'server_name: acme.test\nrooms:\n  "#engineering":\n    members: [alice, bob]\n');
  await write(root, "rooms/ops/ops.yml", 'rooms:\n  "#ops":\n    members: [grace]\n');
  await write(root, "rooms/a b.yaml", "groups: {}\n");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "second");
  // Uncommitted work must not leak into what the ref holds.
  await write(root, "rooms/engineering.yaml", "dirty: true\n");
  return root;
}

test("the declaration files at a ref are read from git, sorted, without touching the working tree", async (t) => {
  const root = await makeRepo(t);
  assert.deepEqual(await readDeclarationFilesAtRef("base", "rooms", root), [
    { path: "rooms/engineering.yaml", text: 'server_name: acme.test\nrooms:\n  "#engineering":\n    members: [alice]\n' },
  ]);
  assert.deepEqual(await readDeclarationFilesAtRef("HEAD", "rooms", root), [
    { path: "rooms/a b.yaml", text: "groups: {}\n" },
    { path: "rooms/engineering.yaml", text: 'server_name: acme.test\nrooms:\n  "#engineering":\n    members: [alice, bob]\n' },
    { path: "rooms/ops/ops.yml", text: 'rooms:\n  "#ops":\n    members: [grace]\n' },
  ]);
  assert.deepEqual((await readDeclarationFilesAtRef("HEAD~1", "./rooms/", root)).map((file) => file.path), ["rooms/engineering.yaml"]);
});

test("a ref that has no declarations folder yet gives no files", async (t) => {
  const root = await makeRepo(t);
  assert.deepEqual(await readDeclarationFilesAtRef("base", "rooms/ops", root), []);
});

test("paths are relative to the working directory, as the working-tree loader names them", async (t) => {
  const root = await makeRepo(t);
  assert.deepEqual((await readDeclarationFilesAtRef("HEAD", "ops", path.join(root, "rooms"))).map((file) => file.path), ["ops/ops.yml"]);
});

const refusals: { name: string; ref: string; cwd?: string; message: RegExp; hint: RegExp }[] = [
  { name: "an unknown ref", ref: "origin/main", message: /^--base origin\/main: no such commit in the git repository at /, hint: /fetch-depth: 0/ },
  { name: "an option-like ref", ref: "--output=/tmp/x", message: /^--base "--output=\/tmp\/x" is not a git ref$/, hint: /--base origin\/main/ },
  { name: "a directory that is not a git repository", ref: "HEAD", cwd: tmpdir(), message: /^git rev-parse failed in .*not a git repository/, hint: /inside the repository/ },
];

for (const { name, ref, cwd, message, hint } of refusals) {
  test(`--base with ${name} is a clear error`, async (t) => {
    const root = cwd ?? (await makeRepo(t));
    await assert.rejects(readDeclarationFilesAtRef(ref, "rooms", root), (error: unknown) => {
      assert.ok(error instanceof UserError, String(error));
      assert.match(error.message, message);
      assert.match(error.hint ?? "", hint);
      return true;
    });
  });
}
