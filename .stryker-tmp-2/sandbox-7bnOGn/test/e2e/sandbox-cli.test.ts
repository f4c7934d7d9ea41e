// @ts-nocheck
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { repoRoot, runCli } from "../support/run-cli.js";

test("roster sandbox --port 0 prints one JSON line, serves, logs without tokens and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [fileURLToPath(new URL("bin/roster.js", `file://${repoRoot}`)), "sandbox", "--port", "0"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 30_000,
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("\n")) resolve(stdout.slice(0, stdout.indexOf("\n")));
    });
    child.once("exit", () => reject(new Error(`roster sandbox exited early: ${stderr}`)));
  });
  const { url, tokens } = JSON.parse(await firstLine) as { url: string; tokens: Record<string, string> };
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const adminToken = tokens["@admin:acme.test"];
  assert.ok(adminToken);
  const whoami = await fetch(`${url}/_matrix/client/v3/account/whoami?access_token=${adminToken}`);
  assert.deepEqual(((await whoami.json()) as { user_id: string }).user_id, "@admin:acme.test");
  child.kill("SIGTERM");
  const [code] = (await once(child, "exit")) as [number | null];
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim().split("\n").length, 1, "exactly one line on stdout");
  assert.match(stderr, /GET \/_matrix\/client\/v3\/account\/whoami -> 200/);
  assert.ok(!stderr.includes(adminToken), "tokens never reach the log");
  assert.match(stderr, /sandbox stopped/);
});

test("roster sandbox refuses a bad port and an invalid seed with one-line errors", async () => {
  const port = await runCli(["sandbox", "--port", "http"]);
  assert.equal(port.code, 1);
  assert.match(port.stderr, /--port must be a whole number/);
  const seed = await runCli(["sandbox", "--seed", "test/fixtures/does-not-exist.yaml"]);
  assert.equal(seed.code, 1);
  assert.match(seed.stderr, /cannot read seed file/);
  assert.ok(!seed.stderr.includes("    at "), "no stack trace");
});
