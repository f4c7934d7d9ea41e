// @ts-check
/**
 * `npm run mutate` (Stryker). MUTATE_SCOPE picks what is mutated and which test files may kill it:
 * plan, apply, homeserver (http, redaction, retry policy), identifiers, sandbox (its rules), observe
 * (reading the server: observe/, the client and its room-state reader, util/), declarations (the loader
 * beside identifiers), or all (the default: every scope, every test file below). A scope's test files are those that run its code in
 * the test process (Stryker's per-file coverage only sees that process), so a scope's dry run does not
 * spend minutes on files that can never kill its mutants, nor fail on a timing test of another layer on
 * a busy machine. Settings and timings: README, "Mutation testing".
 */

/** End-to-end and property files that drive the whole path (CLI in-process, sandbox over real HTTP). */
const wholePath = [
  "dist/test/property/plan*.test.js",
  "dist/test/property/apply-*.test.js",
  "dist/test/e2e/{plan-apply,faults,apply-*,saved-plan,ensure-admin,token-echo,doctor,import,power}.test.js",
];

/** @type {Record<string, { mutate: string[]; testFiles: string[] }>} */
const scopes = {
  plan: {
    mutate: ["src/plan/**/*.ts"],
    testFiles: ["dist/test/unit/plan*.test.js", "dist/test/unit/{render,cli,doctor-checks}.test.js", "dist/test/unit/observe-*.test.js", ...wholePath],
  },
  apply: {
    mutate: ["src/apply/**/*.ts"],
    testFiles: ["dist/test/unit/apply-*.test.js", "dist/test/unit/execute-plan*.test.js", "dist/test/unit/cli.test.js", ...wholePath],
  },
  homeserver: {
    mutate: ["src/homeserver/http.ts", "src/homeserver/redact.ts", "src/homeserver/retry-policy.ts"],
    testFiles: ["dist/test/unit/homeserver-*.test.js", "dist/test/unit/{observe-*,doctor-checks,cli}.test.js", ...wholePath],
  },
  identifiers: {
    mutate: ["src/declarations/identifiers.ts"],
    testFiles: ["dist/test/unit/declarations-*.test.js", "dist/test/unit/{plan,schemas,cli}.test.js", ...wholePath],
  },
  sandbox: {
    mutate: ["src/sandbox/rules/**/*.ts"],
    testFiles: ["dist/test/unit/sandbox-*.test.js", ...wholePath],
  },
  observe: {
    mutate: ["src/observe/**/*.ts", "src/homeserver/{client,room-state,types}.ts", "src/util/{concurrency,room-scheduler}.ts"],
    testFiles: ["dist/test/unit/{observe-*,homeserver-client,homeserver-room-state,util-*,room-scheduler,plan,import-render,doctor-checks,cli}.test.js", ...wholePath],
  },
  declarations: {
    mutate: ["src/declarations/{combine,extract,format,load,model,parse,positions,power,rooms-validator,schema-check,suggest,yaml-lookup,yaml-tree}.ts"],
    testFiles: ["dist/test/unit/{declarations-*,fuzz-*,schemas,readme-examples,example-membership-repo,cli}.test.js", "dist/test/property/declarations.test.js", "dist/test/e2e/{validate,plan-apply}.test.js"],
  },
};

const name = process.env["MUTATE_SCOPE"] ?? "all";
const chosen = name === "all" ? Object.values(scopes) : [scopes[name]];
if (chosen.some((scope) => scope === undefined)) throw new Error(`MUTATE_SCOPE=${name}: use one of ${Object.keys(scopes).join(", ")} or all`);
const union = (/** @type {string[][]} */ lists) => [...new Set(lists.flat())];

export default {
  $schema: "./node_modules/@stryker-mutator/core/schema/stryker-schema.json",
  packageManager: "npm",
  mutate: union(chosen.map((scope) => scope?.mutate ?? [])),
  ignorePatterns: ["dist", "reports", ".stryker-tmp", "coverage"],
  buildCommand: "npm run build --silent",
  // The tap runner, with each mutant's covering files in a better order (scripts/stryker-ordered-tap.mjs).
  testRunner: "ordered-tap",
  plugins: ["@stryker-mutator/*", "./scripts/stryker-ordered-tap.mjs"],
  tap: {
    testFiles: union(chosen.map((scope) => scope?.testFiles ?? [])),
    nodeArgs: ["--test-reporter=tap", "-r", "{{hookFile}}", "{{testFile}}"],
    forceBail: true,
  },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  concurrency: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${name}/stryker-incremental.json`,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  // With `--reporters event-recorder,…`: one file per tested mutant, to read a long run as it goes.
  eventReporter: { baseDir: `reports/mutation/${name}/events` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  timeoutMS: 10000,
  // The default 5 minutes is not enough for a dry run at nice 19 beside other jobs (seen timing out).
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 90, low: 80, break: null },
};
