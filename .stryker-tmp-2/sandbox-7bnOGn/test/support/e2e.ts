// @ts-nocheck
import type { Plan } from "../../src/plan/types.js";
import type { TestContext } from "node:test";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { seedBuilder, startSandbox, type Sandbox, type SandboxOptions, type SeedBuilder } from "../../src/sandbox/index.js";
import { runCli, type CliResult } from "./run-cli.js";

/** Writes declaration files into a fresh temporary folder (removed after the test) and returns it. */
export async function declarationsDir(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "roster-e2e-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** The users most scenarios need: the admin, a few active users, one deactivated. */
export function acmeUsers(): SeedBuilder {
  return seedBuilder("acme.test").user("admin", { admin: true }).user("alice").user("bob").user("carol").user("dave").user("mallory", { deactivated: true });
}

export interface Scenario {
  hs: Sandbox;
  cwd: string;
  /** Runs roster in-process in the scenario's folder against its sandbox. */
  roster(argv: string[], options?: { env?: Record<string, string | undefined>; tty?: boolean; answers?: string[] }): Promise<CliResult>;
}

export async function scenario(t: TestContext, seed: SeedBuilder, files: Record<string, string>, options: SandboxOptions = {}): Promise<Scenario> {
  const hs = await startSandbox(seed.build(), options);
  t.after(() => hs.close());
  const cwd = await declarationsDir(t, files);
  return {
    hs,
    cwd,
    roster: (argv, extra = {}) =>
      runCli(argv, { cwd, env: { ...hs.env, ...extra.env }, ...(extra.tty !== undefined ? { tty: extra.tty } : {}), ...(extra.answers ? { answers: extra.answers } : {}) }),
  };
}

/** Parses `roster plan --format json` output. */
export async function planJson(s: Scenario, extra: string[] = []) {
  const result = await s.roster(["plan", "--format", "json", ...extra]);
  return { ...result, plan: JSON.parse(result.stdout) as Plan };
}
