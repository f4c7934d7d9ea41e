/** The in-memory Synapse-compatible homeserver (SPEC §8). Importing it has no side effects. */
// @ts-nocheck

export { startSandbox, type Sandbox, type SandboxOptions } from "./sandbox.js";
export type { Fault } from "./http/faults.js";
export type { Seed, SeedRoom, SeedUser, SeedMembership } from "./seed/types.js";
export { seedBuilder, SeedBuilder, scaleSeed, type ScaleSeedOptions } from "./seed/builder.js";
export { validateSeed, SeedError } from "./seed/validate.js";
export { readSeedFile } from "./seed/load.js";
export { acmeDriftedSeed } from "./seeds/acme-drifted.js";
export { createManualClock, systemClock, type Clock, type ManualClock } from "./state/clock.js";
export type { Membership, JoinRule } from "./state/types.js";
export { emulatedServerVersion } from "./handlers/auth.js";
