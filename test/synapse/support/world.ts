/**
 * One test's corner of a real Synapse: its own admin for roster (fresh, so its rate-limit buckets are
 * its own), seed users and rooms named with a unique prefix, and the spawned roster pointed at it.
 */
import type { TestContext } from "node:test";
import type { Plan } from "../../../src/plan/types.js";
import { declarationsDir } from "../../support/e2e.js";
import { spawnRoster, type CliResult } from "../../support/run-cli.js";
import { connectSynapse, uniquePrefix, type RegisteredUser, type Synapse } from "./synapse.js";

export interface World {
  hs: Synapse;
  prefix: string;
  /** roster's admin: a server admin with Synapse's default rate limits. */
  admin: RegisteredUser;
  /** A local user named `<prefix>_<name>`, registered once per world, without rate limits for seeding. */
  user(name: string): Promise<RegisteredUser>;
  /** Several users at once (registered side by side). */
  users<Names extends string[]>(...names: Names): Promise<{ [K in keyof Names]: RegisteredUser }>;
  /** Local accounts `<prefix>_<name>` that never act (no token; quick to create): their user IDs. */
  accounts<Names extends string[]>(...names: Names): Promise<{ [K in keyof Names]: string }>;
  /** `<prefix>_<name>`: the localpart or alias name this world uses for `name`. */
  name(name: string): string;
  /** The full local ID of `<prefix>_<name>` (registered or not). */
  id(name: string): string;
  /** The full local alias `#<prefix>_<name>:<server>`. */
  alias(name: string): string;
  /** A declarations file (JSON is YAML) with this server's name and the given rooms. */
  roomsFile(rooms: Record<string, RoomDeclaration>, groups?: Record<string, string[]>): string;
  /** Writes declaration files into a fresh folder and returns a roster runner for it. */
  declare(files: Record<string, string>): Promise<RosterRunner>;
}

export interface RoomDeclaration {
  members?: (string | { user: string; power: number | string })[];
  groups?: (string | { group: string; power: number | string })[];
  prune?: boolean;
  prune_power?: boolean;
}

export interface RosterRunner {
  (argv: string[], options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<CliResult>;
  /** The folder roster runs in (declarations under `rooms/`). */
  cwd: string;
  /** `roster plan --format json` with `extra` arguments: the exit code and the parsed plan. */
  plan(extra?: string[]): Promise<{ code: number; plan: Plan; stderr: string }>;
}

export async function newWorld(t: TestContext): Promise<World> {
  const hs = await connectSynapse();
  const prefix = uniquePrefix();
  const admin = await hs.register(`${prefix}_roster`, { admin: true });
  const registered = new Map<string, Promise<RegisteredUser>>();
  const name = (n: string) => `${prefix}_${n}`;
  const user = (n: string) => {
    let found = registered.get(n);
    if (!found) {
      found = hs.register(name(n)).then(async (u) => (await hs.unlimit(u.userId), u));
      registered.set(n, found);
    }
    return found;
  };
  return {
    hs,
    prefix,
    admin,
    name,
    user,
    users: <Names extends string[]>(...names: Names) => Promise.all(names.map(user)) as Promise<{ [K in keyof Names]: RegisteredUser }>,
    accounts: <Names extends string[]>(...names: Names) => Promise.all(names.map((n) => hs.createAccount(name(n)))) as Promise<{ [K in keyof Names]: string }>,
    id: (n) => `@${name(n)}:${hs.serverName}`,
    alias: (n) => `#${name(n)}:${hs.serverName}`,
    roomsFile: (rooms, groups) => JSON.stringify({ server_name: hs.serverName, ...(groups ? { groups } : {}), rooms }, null, 2) + "\n",
    declare: async (files) => {
      const cwd = await declarationsDir(t, files);
      const run = (argv: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}) =>
        spawnRoster(argv, { cwd, env: { ...hs.rosterEnv(admin.token), ...options.env }, timeoutMs: options.timeoutMs ?? 120_000 });
      const plan = async (extra: string[] = []) => {
        const result = await run(["plan", "--dir", "rooms", "--format", "json", ...extra]);
        if (!result.stdout.trim()) throw new Error(`roster plan printed no plan (exit ${result.code}): ${result.stderr}`);
        return { code: result.code, plan: JSON.parse(result.stdout) as Plan, stderr: result.stderr };
      };
      return Object.assign(run, { cwd, plan });
    },
  };
}
