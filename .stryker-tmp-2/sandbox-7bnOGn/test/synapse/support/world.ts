/**
 * One test's corner of a real Synapse: its own admin for roster (fresh, so its rate-limit buckets are
 * its own), seed users and rooms named with a unique prefix, and the spawned roster pointed at it.
 */
// @ts-nocheck

import type { TestContext } from "node:test";
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
  /** `<prefix>_<name>`: the localpart or alias name this world uses for `name`. */
  name(name: string): string;
  /** The full local ID of `<prefix>_<name>` (registered or not). */
  id(name: string): string;
  /** Writes declaration files into a fresh folder and returns a roster runner for it. */
  declare(files: Record<string, string>): Promise<RosterRunner>;
}

export type RosterRunner = (argv: string[], options?: { env?: Record<string, string>; timeoutMs?: number }) => Promise<CliResult>;

export async function newWorld(t: TestContext): Promise<World> {
  const hs = await connectSynapse();
  const prefix = uniquePrefix();
  const admin = await hs.register(`${prefix}_roster`, { admin: true });
  const users = new Map<string, Promise<RegisteredUser>>();
  const name = (n: string) => `${prefix}_${n}`;
  return {
    hs,
    prefix,
    admin,
    name,
    id: (n) => `@${name(n)}:${hs.serverName}`,
    user: (n) => {
      let found = users.get(n);
      if (!found) {
        found = hs.register(name(n)).then(async (user) => (await hs.unlimit(user.userId), user));
        users.set(n, found);
      }
      return found;
    },
    declare: async (files) => {
      const cwd = await declarationsDir(t, files);
      return (argv, options = {}) =>
        spawnRoster(argv, { cwd, env: { ...hs.rosterEnv(admin.token), ...options.env }, timeoutMs: options.timeoutMs ?? 120_000 });
    },
  };
}
