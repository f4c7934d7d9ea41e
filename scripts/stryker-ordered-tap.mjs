/**
 * Stryker test runner "ordered-tap": the tap runner, with each mutant's covering test files run in a better
 * order. Stryker runs a mutant's covering files in the order of the dry run and stops at the first one that
 * fails, so a mutant in retry-policy.ts used to run twenty slow files (every one that sends a request)
 * before reaching homeserver-retry-policy.test.js. Here the files named after the mutated file come first,
 * then those named after its folders, then the rest, each group fastest first (the dry run's times, kept
 * in the sandbox folder for every test runner process). Which files run, and what counts as a kill, is the
 * tap runner's: a survivor still runs every covering file.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { declareFactoryPlugin, PluginKind, commonTokens, tokens } from "@stryker-mutator/api/plugin";
import { createTapTestRunnerFactory } from "@stryker-mutator/tap-runner";

const createTapTestRunner = createTapTestRunnerFactory();

/** 2: the file's stem names the test ("run-action" → apply-run-action.test.js); 1: one of its folders does; 0: neither. */
export function relatedness(mutatedFile, testFile) {
  const parts = mutatedFile.replace(/\\/g, "/").replace(/^.*?\bsrc\//, "").replace(/\.ts$/, "").split("/");
  const stem = parts.pop() ?? "";
  const test = (testFile.replace(/\\/g, "/").split("/").pop() ?? "").replace(/\.test\.js$/, "");
  if (stem !== "" && test.includes(stem)) return 2;
  return parts.some((folder) => test.startsWith(folder) || test.includes(`-${folder}`)) ? 1 : 0;
}

export function orderTests(mutatedFile, testFilter, timeMs) {
  const time = (file) => timeMs[file] ?? Number.MAX_SAFE_INTEGER;
  return [...testFilter].sort((a, b) => relatedness(mutatedFile, b) - relatedness(mutatedFile, a) || time(a) - time(b) || (a < b ? -1 : 1));
}

/** In the sandbox copy Stryker runs in (the test runners' working folder); gone with it. */
const TIMES_FILE = "stryker-test-times.json";

class OrderedTapRunner {
  constructor(injector) {
    this.inner = createTapTestRunner(injector);
    this.timeMs = undefined;
  }
  capabilities() {
    return this.inner.capabilities();
  }
  init() {
    return this.inner.init();
  }
  async dryRun(options) {
    const result = await this.inner.dryRun(options);
    if (result.status === "complete") writeFileSync(TIMES_FILE, JSON.stringify(Object.fromEntries(result.tests.map((t) => [t.id, t.timeSpentMs]))));
    return result;
  }
  mutantRun(options) {
    if (options.testFilter === undefined) return this.inner.mutantRun(options);
    this.timeMs ??= existsSync(TIMES_FILE) ? JSON.parse(readFileSync(TIMES_FILE, "utf8")) : {};
    const testFilter = orderTests(options.activeMutant.fileName, options.testFilter, this.timeMs);
    return this.inner.mutantRun({ ...options, testFilter });
  }
  dispose() {
    return this.inner.dispose?.();
  }
}

function createOrderedTapRunner(injector) {
  return new OrderedTapRunner(injector);
}
createOrderedTapRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, "ordered-tap", createOrderedTapRunner)];
