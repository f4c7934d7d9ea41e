/**
 * `npm run test:synapse`: runs test/synapse/ against a real Synapse.
 *
 * The server is the one named by ROSTER_SYNAPSE_URL, ROSTER_SYNAPSE_ADMIN_TOKEN and
 * ROSTER_SYNAPSE_SHARED_SECRET when they are set; otherwise one started with ../shared/synapse/start
 * (beside this checkout, or named by ROSTER_SYNAPSE_START) and stopped at the end.
 */
// @ts-nocheck

import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { synapseEnvNames } from "../test/synapse/support/env.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const testsDir = fileURLToPath(new URL("../test/synapse/", import.meta.url));
const startScript = process.env["ROSTER_SYNAPSE_START"] ?? join(repoRoot, "..", "shared", "synapse", "start");

interface Started {
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function startLocalSynapse(): Promise<Started> {
  process.stderr.write(`test:synapse: starting a real Synapse with ${startScript}\n`);
  const { stdout } = await promisify(execFile)(startScript, [], { encoding: "utf8", maxBuffer: 1 << 20 });
  const hs = JSON.parse(stdout.trim().split("\n").pop() ?? "") as { url: string; admin_token: string; shared_secret: string; dir: string };
  const stopScript = join(startScript, "..", "stop");
  return {
    env: { [synapseEnvNames.url]: hs.url, [synapseEnvNames.adminToken]: hs.admin_token, [synapseEnvNames.sharedSecret]: hs.shared_secret },
    stop: async () => void (await promisify(execFile)(stopScript, ["--clean", hs.dir])),
  };
}

async function testFiles(): Promise<string[]> {
  const entries = await readdir(testsDir, { recursive: true });
  return entries.filter((name) => name.endsWith(".test.js")).map((name) => join(testsDir, name)).sort();
}

function runTests(files: string[], env: Record<string, string>): Promise<number> {
  const args = ["--test", "--test-concurrency=2", "--test-reporter=spec", ...files];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function run(): Promise<number> {
  const given = [synapseEnvNames.url, synapseEnvNames.adminToken, synapseEnvNames.sharedSecret].every((name) => process.env[name]);
  if (given) return runTests(await testFiles(), {});
  if (!existsSync(startScript)) {
    process.stderr.write(
      `test:synapse: no Synapse to test against: set ${synapseEnvNames.url}, ${synapseEnvNames.adminToken} and ${synapseEnvNames.sharedSecret} ` +
        `(README, "Testing"), or provide ${startScript}.\n`,
    );
    return 1;
  }
  const server = await startLocalSynapse();
  try {
    return await runTests(await testFiles(), server.env);
  } finally {
    await server.stop();
  }
}

process.exitCode = await run().catch((error: unknown) => {
  process.stderr.write(`test:synapse: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
