// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, spawnRoster } from "../support/run-cli.js";

const noStack = /at .*\.js:\d+|this is a bug/;

async function tempTree(t: { after: (fn: () => Promise<void>) => void }, files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "roster-validate-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

test("the spawned roster validates the example rooms/ tree with exit 0", async () => {
  const result = await spawnRoster(["validate"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "rooms: 5 files valid — 8 rooms, 4 groups, server_name acme.test.\n");
});

test("the spawned roster reports an invalid tree as file:line:column lines and exits 1", async () => {
  const result = await spawnRoster(["validate", "--dir", "test/fixtures/invalid/unknown-group"]);
  assert.equal(result.code, 1);
  assert.equal(
    result.stdout,
    'test/fixtures/invalid/unknown-group/rooms.yaml:3:14: unknown group "backnd" — did you mean "backend"?\n' + "test/fixtures/invalid/unknown-group: 1 error in 1 of 2 files.\n",
  );
  assert.equal(result.stderr, "");
});

test("--format github prints one workflow command per problem", async () => {
  const result = await runCli(["validate", "--dir", "test/fixtures/invalid/invalid-room", "--format", "github"]);
  assert.equal(result.code, 1);
  const lines = result.stdout.split("\n").filter((l) => l.startsWith("::error "));
  assert.equal(lines.length, 2);
  assert.match(lines[0] ?? "", /^::error file=test\/fixtures\/invalid\/invalid-room\/rooms\.yaml,line=3,col=3,title=roster validate::room "general" must start with/);
});

test("--format json prints the documented array, empty when valid", async () => {
  const valid = await runCli(["validate", "--format", "json"]);
  assert.equal(valid.code, 0);
  assert.deepEqual(JSON.parse(valid.stdout), []);
  const invalid = await runCli(["validate", "--dir", "test/fixtures/invalid/duplicate-group", "--format", "json"]);
  assert.equal(invalid.code, 1);
  const [first] = JSON.parse(invalid.stdout) as { file: string; line: number; column: number; code: string; related: unknown[] }[];
  assert.deepEqual({ ...first, message: undefined }, {
    file: "test/fixtures/invalid/duplicate-group/b.yaml",
    line: 2,
    column: 3,
    code: "duplicate-group",
    message: undefined,
    related: [{ file: "test/fixtures/invalid/duplicate-group/a.yaml", line: 3, column: 3 }],
  });
});

test("a missing --dir, or a folder without declarations, is a clear one-line error", async (t) => {
  const missing = await runCli(["validate", "--dir", "no/such/dir"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: declarations folder "no\/such\/dir" does not exist/);
  assert.doesNotMatch(missing.stderr, noStack);
  const empty = await tempTree(t, { "README.md": "no yaml here" });
  const none = await runCli(["validate", "--dir", empty]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no declaration files \(\*\.yaml, \*\.yml\) found/);
});

test("an unknown --format is a usage error", async () => {
  const result = await runCli(["validate", "--format", "xml"]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /unknown --format "xml"/);
});

test("--help explains the command with an example", async () => {
  const result = await runCli(["validate", "--help"]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Usage: roster validate \[--dir DIR\] \[--format text\|json\|github\]/);
  assert.match(result.stdout, /Examples:\n {2}roster validate/);
});

test("a symlink pointing outside the folder is refused at its place; hidden files are skipped", async (t) => {
  const outside = await tempTree(t, { "secret.yaml": "server_name: acme.test\n" });
  const dir = await tempTree(t, { "rooms/a.yaml": "server_name: acme.test\n", "rooms/.#lock.yaml": "not: [yaml" });
  await symlink(join(outside, "secret.yaml"), join(dir, "rooms", "link.yaml"));
  await symlink(outside, join(dir, "rooms", "shared"));
  await symlink(join(dir, "rooms", "a.yaml"), join(dir, "rooms", "inside.txt"));
  const result = await runCli(["validate", "--dir", "rooms"], { cwd: dir });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^rooms\/link\.yaml:1:1: this symlink points outside the declarations folder/m);
  assert.match(result.stdout, /^rooms\/shared:1:1: this symlinked folder points outside the declarations folder/m);
  assert.match(result.stdout, /2 errors in 2 of 2 files/);
});

test("a 20 MB file and an alias bomb are refused with a clear message, without a stack trace", async (t) => {
  const bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`);
  const dir = await tempTree(t, {
    "rooms/big.yaml": Buffer.alloc(20 * 1024 * 1024, "# padding\n"),
    "rooms/bomb.yaml": bomb.join("\n") + "\n",
  });
  const result = await spawnRoster(["validate"], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^rooms\/big\.yaml:1:1: file is 20\.0 MiB, more than the 1 MiB limit/m);
  assert.match(result.stdout, /^rooms\/bomb\.yaml:\d+:\d+: this file holds more than 50000 YAML nodes once aliases \(\*name\) are expanded — an alias bomb/m);
  assert.equal(result.stderr, "");
});
