/**
 * `npm run demo`: the whole job against the built-in sandbox homeserver. Starts the sandbox with the
 * example organisation in a drifted state, then runs the real `roster` executable: validate, plan,
 * apply --yes, and plan again to show that the server now matches rooms/.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { acmeDriftedSeed, startSandbox } from "../src/sandbox/index.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const roster = fileURLToPath(new URL("../../bin/roster.js", import.meta.url));
const bold = (text: string) => (process.stdout.isTTY && !process.env["NO_COLOR"] ? `\u001b[1m${text}\u001b[22m` : text);

function say(text: string): void {
  process.stdout.write(`\n${bold(text)}\n`);
}

function run(args: string[], env: Record<string, string>): Promise<number> {
  process.stdout.write(`\n$ roster ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [roster, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function demo(): Promise<number> {
  const hs = await startSandbox(acmeDriftedSeed());
  try {
    const env = { MATRIX_HOMESERVER_URL: hs.url, MATRIX_ADMIN_TOKEN: hs.adminToken };
    say(`roster demo — a sandbox homeserver for acme.test is running at ${hs.url}.`);
    process.stdout.write(
      "Its rooms have drifted from what rooms/ declares: people are missing, someone is in a prune room who\n" +
        "should not be, a partner has not been invited yet, and a team lead is not a moderator of #engineering\n" +
        "yet. roster will bring the server in line.\n",
    );
    say("1. Check the declarations (offline, no server needed):");
    if ((await run(["validate"], env)) !== 0) return 1;
    say("2. Plan: read the server and show what would change (nothing is changed yet):");
    const plan = await run(["plan", "--detailed-exitcode"], env);
    if (plan !== 2) return fail(`expected pending changes (exit 2), got exit ${plan}`);
    say("3. Apply: carry the plan out (--yes because this is not an interactive terminal session):");
    if ((await run(["apply", "--yes"], env)) !== 0) return fail("apply did not complete");
    say("4. Plan again: the server now matches the declarations, so there is nothing left to do:");
    const again = await run(["plan", "--detailed-exitcode"], env);
    if (again !== 0) return fail(`expected no changes (exit 0), got exit ${again}`);
    say("Done. Next steps:");
    process.stdout.write(
      [
        "  • Keep a sandbox running and try roster by hand:  npx roster sandbox --port 8008",
        "    (it prints the URL and the admin token; export MATRIX_HOMESERVER_URL and MATRIX_ADMIN_TOKEN, then npx roster plan)",
        "  • Point roster at your own Synapse: see \"Using roster on a real server\" in README.md.",
        "",
      ].join("\n"),
    );
    return 0;
  } finally {
    await hs.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`demo failed: ${message}\n`);
  return 1;
}

process.exitCode = await demo();
