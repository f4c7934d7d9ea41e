/** roster's library API. Importing it has no side effects. */
// @ts-nocheck

export { main } from "./cli/main.js";
export type { Io } from "./cli/io.js";
export { UserError } from "./errors.js";
export * from "./declarations/index.js";
