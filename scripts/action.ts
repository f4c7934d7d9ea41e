/**
 * The run step of the reusable GitHub Action (action.yml): reads its ROSTER_INPUT_* variables, runs
 * roster in the caller's workspace with its output passed through, and sets the step outputs
 * `exit-code` and `summary`. The homeserver token reaches roster only for plan and apply.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { actionArgv, formatStepOutputs, needsHomeserver, readActionInputs, summaryLine } from "../src/github/action.js";

const roster = fileURLToPath(new URL("../../bin/roster.js", import.meta.url));

async function run(): Promise<number> {
  const inputs = readActionInputs(process.env);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("ROSTER_INPUT_")) delete env[name];
  if (!needsHomeserver(inputs.command)) {
    delete env["MATRIX_ADMIN_TOKEN"];
    delete env["MATRIX_HOMESERVER_URL"];
  }
  const argv = actionArgv(inputs);
  process.stdout.write(`roster ${argv.join(" ")}\n`);
  let stdout = "";
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [roster, ...argv], { cwd: process.env["GITHUB_WORKSPACE"] ?? process.cwd(), env, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode ?? 1));
  });
  const outputFile = process.env["GITHUB_OUTPUT"];
  if (outputFile) {
    const outputs = { "exit-code": String(code), summary: summaryLine(stdout) };
    await appendFile(outputFile, formatStepOutputs(outputs, `roster_${randomBytes(8).toString("hex")}`));
  }
  return code;
}

process.exitCode = await run().catch((error: unknown) => {
  process.stderr.write(`roster action: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && "hint" in error && typeof error.hint === "string") process.stderr.write(`  ${error.hint}\n`);
  return 1;
});
