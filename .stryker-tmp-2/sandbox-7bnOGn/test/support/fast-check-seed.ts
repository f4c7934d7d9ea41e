// @ts-nocheck
import fc from "fast-check";

/**
 * Property and fuzz tests explore new random inputs on every local run, but CI replays one fixed seed so
 * that a submission's result does not depend on luck. FC_SEED=N replays any run (fast-check prints the seed).
 */
const seed = process.env["FC_SEED"] !== undefined ? Number(process.env["FC_SEED"]) : process.env["CI"] === "true" ? 20261126 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
