/**
 * `roster validate` (in-process) on hostile declaration folders: each must end with exit 1 and a clear,
 * positioned message, never a stack trace, and return (no hang, no memory blow-up).
 */
// @ts-nocheck


import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli, type CliResult } from "../support/run-cli.js";
import { aliasBomb } from "../support/yaml-mutations.js";

const valid = "server_name: acme.test\nrooms:\n  \"#general\": {members: [alice]}\n";

async function folder(t: TestContext, files: Record<string, string | Uint8Array>): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), "roster-hostile-"));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  await mkdir(join(cwd, "rooms"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), content);
  }
  return cwd;
}

async function validate(cwd: string, format = "json"): Promise<CliResult & { diagnostics: { file: string; line: number; column: number; code: string; message: string }[] }> {
  const result = await runCli(["validate", "--format", format], { cwd });
  assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at |Error:.*\n.*at /, "a stack trace");
  return { ...result, diagnostics: format === "json" && result.stdout.trim().startsWith("[") ? JSON.parse(result.stdout) : [] };
}

/** Asserts exit 1 with exactly one diagnostic of `code` on `file` at `line`, whose message matches. */
async function expectRefused(cwd: string, file: string, code: string, line: number, message: RegExp): Promise<void> {
  const result = await validate(cwd);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const found = result.diagnostics.filter((d) => d.file === file);
  assert.equal(found.length, 1, JSON.stringify(result.diagnostics));
  assert.equal(found[0]?.code, code);
  assert.equal(found[0]?.line, line);
  assert.ok((found[0]?.column ?? 0) >= 1);
  assert.match(found[0]?.message ?? "", message);
  const text = await validate(cwd, "text");
  assert.equal(text.code, 1);
  assert.match(text.stdout, new RegExp(`^${file.replace(/[.]/g, "\\.")}:${line}:\\d+: `, "m"));
}

test("an alias bomb (billion laughs) is refused while being read", async (t) => {
  const cwd = await folder(t, { "rooms/bomb.yaml": aliasBomb(10), "rooms/ok.yaml": valid });
  await expectRefused(cwd, "rooms/bomb.yaml", "too-many-nodes", 5, /alias bomb/);
});

test("a 20 MB file is refused without being parsed", async (t) => {
  const big = `server_name: acme.test\nrooms:\n  "#general":\n    members:\n${"      - alice\n".repeat(1_500_000)}`;
  assert.ok(big.length > 20_000_000);
  const cwd = await folder(t, { "rooms/big.yaml": big });
  await expectRefused(cwd, "rooms/big.yaml", "file-too-large", 1, /MiB.*split it/);
});

test("10,000-deep nesting (flow and block) is refused with the place it gets too deep", async (t) => {
  const block = `rooms:\n  ${"- ".repeat(10_000)}x\n`;
  const cwd = await folder(t, { "rooms/flow.yaml": `rooms: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, "rooms/map.yaml": `x: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n` });
  await expectRefused(cwd, "rooms/flow.yaml", "yaml-syntax", 1, /nesting/);
  const blockCwd = await folder(t, { "rooms/block.yaml": block });
  await expectRefused(blockCwd, "rooms/block.yaml", "yaml-syntax", 2, /nesting/);
});

test("a file with 100,000 members is refused as oversized before parsing, one with 5,000 is read", async (t) => {
  const members = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`).join(", ");
  const cwd = await folder(t, { "rooms/huge.yaml": `server_name: acme.test\nrooms:\n  "#general":\n    members: [${members(100_000)}]\n` });
  await expectRefused(cwd, "rooms/huge.yaml", "file-too-large", 1, /split the file/);
  const ok = await folder(t, { "rooms/big.yaml": `server_name: acme.test\nrooms:\n  "#general":\n    members: [${members(5_000)}]\n` });
  const result = await validate(ok, "text");
  assert.equal(result.code, 0, result.stdout);
});

test("a symlink pointing outside rooms/ is refused with a positioned error", async (t) => {
  const cwd = await folder(t, { "rooms/ok.yaml": valid, "secret.yaml": "server_name: acme.test\n" });
  await symlink(join(cwd, "secret.yaml"), join(cwd, "rooms/leak.yaml"));
  await symlink("/etc/passwd", join(cwd, "rooms/passwd.yaml"));
  await expectRefused(cwd, "rooms/leak.yaml", "symlink", 1, /outside the declarations folder/);
  await expectRefused(cwd, "rooms/passwd.yaml", "symlink", 1, /outside the declarations folder/);
});

test("a symlink inside rooms/ is read; a symlink loop and a dangling symlink are refused", async (t) => {
  const cwd = await folder(t, { "rooms/ok.yaml": valid, "rooms/shared/other.yml": "groups:\n  ops: [alice]\n" });
  await symlink("shared/other.yml", join(cwd, "rooms/link.yaml"));
  const inside = await validate(cwd);
  assert.deepEqual(inside.diagnostics.map((d) => d.code), ["duplicate-group"]);
  await rm(join(cwd, "rooms/link.yaml"));
  await symlink("loop-b.yaml", join(cwd, "rooms/loop-a.yaml"));
  await symlink("loop-a.yaml", join(cwd, "rooms/loop-b.yaml"));
  await symlink("nowhere.yaml", join(cwd, "rooms/dangling.yaml"));
  const result = await validate(cwd);
  assert.equal(result.code, 1);
  assert.deepEqual(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`), ["rooms/dangling.yaml:1 symlink", "rooms/loop-a.yaml:1 symlink", "rooms/loop-b.yaml:1 symlink"]);
});

test("a folder named x.yaml is searched like any folder, and a symlink named .yaml to a folder is refused", async (t) => {
  const cwd = await folder(t, { "rooms/x.yaml/inner.yaml": valid });
  const result = await validate(cwd, "text");
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /1 file valid/);
  await mkdir(join(cwd, "rooms/dir"));
  await symlink("dir", join(cwd, "rooms/dir-link.yaml"));
  await expectRefused(cwd, "rooms/dir-link.yaml", "not-a-file", 1, /not a regular file/);
});

test("a FIFO named *.yaml is refused instead of being opened (which would hang)", async (t) => {
  const cwd = await folder(t, { "rooms/ok.yaml": valid });
  try {
    execFileSync("mkfifo", [join(cwd, "rooms/pipe.yaml")]);
  } catch {
    return t.skip("mkfifo is not available");
  }
  await expectRefused(cwd, "rooms/pipe.yaml", "not-a-file", 1, /not a regular file/);
});

test("non-UTF-8 bytes, a BOM, CRLF and control characters each give one positioned error or parse", async (t) => {
  const cwd = await folder(t, {
    "rooms/latin1.yaml": Buffer.from("server_name: acme.test\nrooms:\n  \"#caf\xe9\": {}\n", "latin1"),
    "rooms/bom-crlf.yaml": "\uFEFFgroups:\r\n  ops: [\"@alice:acme.test\"]\r\n",
    "rooms/control.yaml": "groups:\n  dev: [bob\u0007]\n",
  });
  const result = await validate(cwd);
  assert.equal(result.code, 1);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
    ["rooms/control.yaml:2:12 yaml-syntax", "rooms/latin1.yaml:3:8 encoding"],
  );
});
