/**
 * Random rooms for property tests that run apply against the sandbox: a join rule, current memberships
 * (local users and one remote), the declared members and whether the room prunes.
 */
import fc from "fast-check";
import type { TestContext } from "node:test";
import { createManualClock, type ManualClock, type SeedMembership } from "../../src/sandbox/index.js";
import { acmeUsers, scenario, type Scenario } from "./e2e.js";

export const locals = ["alice", "bob", "carol", "dave", "mallory"];
export const remote = "@zoe:partner.test";
/** Who a room may declare: the locals, a user who does not exist, and the remote user. */
export const declarable = [...locals, "ghost", remote];

export interface RoomCase {
  joinRule: "public" | "invite";
  members: Record<string, "join" | "invite" | "leave" | "ban">;
  declared: string[];
  prune: boolean;
}

export const roomCaseArb: fc.Arbitrary<RoomCase> = fc.record({
  joinRule: fc.constantFrom("public" as const, "invite" as const),
  members: fc.dictionary(fc.constantFrom(...locals, remote), fc.constantFrom("join" as const, "invite" as const, "leave" as const, "ban" as const), { maxKeys: 4 }),
  declared: fc.subarray(declarable),
  prune: fc.boolean(),
});

/**
 * A sandbox holding the rooms as `#r0`, `#r1`, … created by the admin, and declarations for them. Its rate
 * limits run on `clock`, which a test's instant sleeps advance (see applyToSandbox), as real waits would.
 */
export async function roomCaseScenario(t: TestContext, rooms: readonly RoomCase[]): Promise<Scenario & { clock: ManualClock }> {
  let seed = acmeUsers();
  // Remote users cannot be joined by a seed (their server does the joining); they may hold an invite.
  const seedMembers = (members: RoomCase["members"]): Record<string, SeedMembership> =>
    Object.fromEntries(Object.entries(members).filter(([user, m]) => !user.startsWith("@") || m === "invite" || m === "ban"));
  rooms.forEach((room, i) => (seed = seed.room({ alias: `r${i}`, creator: "admin", join_rule: room.joinRule, members: seedMembers(room.members) })));
  const yaml = rooms.map((room, i) => `  "#r${i}":\n    prune: ${room.prune}\n    members: [${room.declared.map((d) => JSON.stringify(d)).join(", ")}]\n`).join("");
  const clock = createManualClock();
  return { ...(await scenario(t, seed, { "rooms/rooms.yaml": `server_name: acme.test\nrooms:\n${yaml}` }, { clock })), clock };
}
