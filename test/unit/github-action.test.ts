import { test } from "node:test";
import assert from "node:assert/strict";
import { actionArgv, formatStepOutputs, readActionInputs, summaryLine } from "../../src/github/action.js";
import { parseStepOutputs } from "../support/run-action.js";

const inputs = (values: Record<string, string>) => readActionInputs(Object.fromEntries(Object.entries(values).map(([k, v]) => [`ROSTER_INPUT_${k}`, v])));

test("the action's inputs become roster's command line", () => {
  const cases: [Record<string, string>, string[]][] = [
    [{ COMMAND: "validate" }, ["validate", "--dir", "rooms", "--format", "github"]],
    [{ COMMAND: "validate", GITHUB_COMMENT: "true", BASE: "origin/main" }, ["validate", "--dir", "rooms", "--format", "github"]],
    [{ COMMAND: "plan", DIR: "teams", BASE: "origin/main", GITHUB_COMMENT: "true" }, ["plan", "--dir", "teams", "--format", "github", "--base", "origin/main", "--github-comment"]],
    [{ COMMAND: "plan", FORMAT: "markdown", ARGS: " --concurrency 4  --detailed-exitcode " }, ["plan", "--dir", "rooms", "--format", "markdown", "--concurrency", "4", "--detailed-exitcode"]],
    [{ COMMAND: "apply", GITHUB_COMMENT: "TRUE", BASE: "origin/main" }, ["apply", "--dir", "rooms", "--github-comment", "--yes"]],
    [{ COMMAND: "apply", NOTIFY: "#audit" }, ["apply", "--dir", "rooms", "--notify", "#audit", "--yes"]],
    [{ COMMAND: "plan", NOTIFY: "#audit" }, ["plan", "--dir", "rooms", "--format", "github"]],
  ];
  for (const [given, argv] of cases) assert.deepEqual(actionArgv(inputs(given)), argv, JSON.stringify(given));
});

test("an unknown command or a github-comment that is not true/false is refused, naming the input", () => {
  assert.throws(() => inputs({ COMMAND: "import" }), /command input is "import"/);
  assert.throws(() => inputs({}), /command input is ""/);
  assert.throws(() => inputs({ COMMAND: "plan", GITHUB_COMMENT: "yes" }), /github-comment input is "yes"/);
});

test("the summary output is the plan's or apply's summary line, without colour or annotations, else the last line", () => {
  assert.equal(summaryLine("::error file=a::x\n\u001b[1mPlan: 1 to join, 0 to invite, 0 to kick, 0 blocked.\u001b[22m\n\n"), "Plan: 1 to join, 0 to invite, 0 to kick, 0 blocked.");
  assert.equal(summaryLine("+ joined @a:hs\nApply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.\n"), "Apply complete: 1 joined, 0 invited, 0 kicked, 0 failed, 0 blocked.");
  assert.equal(summaryLine("rooms/a.yaml:1:1: bad\nrooms: 1 error in 1 of 1 file.\n::error file=rooms/a.yaml::bad\n"), "rooms: 1 error in 1 of 1 file.");
  assert.equal(summaryLine(""), "");
});

test("step outputs survive any text, including lines that look like a delimiter", () => {
  const outputs = { "exit-code": "1", summary: "two\nlines with EOF\nEOF" };
  assert.deepEqual(parseStepOutputs(formatStepOutputs(outputs, "roster_0123abcd")), outputs);
});
