/** Reading the declarations folder: what is a declaration file, and what a wrong --dir says. */

import { test } from "node:test";
import assert from "node:assert/strict";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { decodeDeclarationBytes, loadDeclarationDir } from "../../src/declarations/load.js";
import { UserError } from "../../src/errors.js";
import { declarationsDir } from "../support/e2e.js";

const refusal = (message: string, hint: RegExp) => (error: unknown) => error instanceof UserError && error.message === message && hint.test(error.hint ?? "");

test("a wrong --dir: a file, a missing folder, a path through a file, each said in its own words", async (t) => {
  const cwd = await declarationsDir(t, { "rooms.yaml": "server_name: acme.test\n" });
  await assert.rejects(loadDeclarationDir("rooms.yaml", cwd), refusal('"rooms.yaml" is not a folder', /Pass --dir with the folder/));
  await assert.rejects(loadDeclarationDir("nope", cwd), refusal(`declarations folder "nope" does not exist (looked for ${join(cwd, "nope")})`, /Run roster in the repository that holds rooms\//));
  await assert.rejects(loadDeclarationDir("rooms.yaml/sub", cwd), (error: unknown) => error instanceof UserError && /^cannot open declarations folder "rooms\.yaml\/sub": ENOTDIR/.test(error.message));
});

test("only names ending in .yaml or .yml are declarations; a folder without any says so", async (t) => {
  const cwd = await declarationsDir(t, { "rooms/notes.yaml.bak": "x", "rooms/README.md": "x" });
  await assert.rejects(loadDeclarationDir("rooms", cwd), refusal('no declaration files (*.yaml, *.yml) found in "rooms"', /Add a file such as rooms\/company\.yaml/));
});

test("a folder whose only entry is a symlink to a folder outside it reports that link, not 'no declaration files'", async (t) => {
  const cwd = await declarationsDir(t, { "outside/a.yaml": "server_name: acme.test\n", "rooms/.keep": "" });
  await symlink(join(cwd, "outside"), join(cwd, "rooms", "linked"));
  const result = await loadDeclarationDir("rooms", cwd);
  assert.deepEqual(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} [${d.code}] ${d.message}`), [
    `rooms/linked:1:1 [symlink] this symlinked folder points outside the declarations folder (to ${join(cwd, "outside")}); declarations must live inside the folder: copy the files in instead`,
  ]);
});

test("symlinks inside the folder are fine; a link to a file that is not a declaration is ignored; a dangling .yaml link is named", async (t) => {
  const cwd = await declarationsDir(t, { "rooms/teams/a.yaml": "server_name: acme.test\n", "notes.txt": "x" });
  await symlink(join(cwd, "rooms", "teams"), join(cwd, "rooms", "also-teams"));
  await symlink(join(cwd, "notes.txt"), join(cwd, "rooms", "notes"));
  assert.deepEqual((await loadDeclarationDir("rooms", cwd)).diagnostics, []);
  await symlink(join(cwd, "gone.yaml"), join(cwd, "rooms", "dangling.yaml"));
  assert.deepEqual(
    (await loadDeclarationDir("rooms", cwd)).diagnostics.map((d) => `${d.file} [${d.code}] ${d.message}`),
    ["rooms/dangling.yaml [symlink] this symlink points to nothing: remove it or fix its target"],
  );
});

test("problems of every file come sorted by file, then line, then column", async (t) => {
  const cwd = await declarationsDir(t, {
    "rooms/b.yaml": 'rooms:\n  "#x": {members: [5]}\n  "#y": {prune: 7}\n',
    "rooms/a.yaml": 'server_name: acme.test\nrooms:\n  "#z": {members: [[1], 2]}\n',
  });
  const { diagnostics } = await loadDeclarationDir("rooms", cwd);
  assert.deepEqual(
    diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`),
    ["rooms/a.yaml:3:20", "rooms/a.yaml:3:25", "rooms/b.yaml:2:20", "rooms/b.yaml:3:17"],
  );
});

test("a file over 1 MiB on disk is refused by its size before it is read", async (t) => {
  const cwd = await declarationsDir(t, { "rooms/big.yaml": `# ${"x".repeat(1024 * 1024)}\n` });
  assert.deepEqual(
    (await loadDeclarationDir("rooms", cwd)).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} [${d.code}] ${d.message}`),
    ["rooms/big.yaml:1:1 [file-too-large] file is 1.0 MiB, more than the 1 MiB limit for a declaration file; split it into several files"],
  );
});

test("bytes that are not UTF-8 are named at the character where they start, after any multi-byte characters before them", () => {
  const at = (before: string) => {
    const read = decodeDeclarationBytes("rooms/a.yaml", Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from("tail")]));
    return "text" in read ? "decoded" : `${read.line}:${read.column} [${read.code}]`;
  };
  assert.equal(at("éé"), "1:3 [encoding]");
  assert.equal(at("a\nbé"), "2:3 [encoding]");
  assert.equal(at("x"), "1:2 [encoding]");
});
