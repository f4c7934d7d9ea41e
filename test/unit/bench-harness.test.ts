import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDeclarations } from "../../scripts/bench/declarations.js";
import { measureRawLoop } from "../../scripts/bench/floor.js";
import { recordPlanAnswersApart } from "../../scripts/bench/record.js";
import { tinyScenarios } from "../../scripts/bench/scenarios.js";

// Runs the benchmark harness on its tiny scenarios so that it cannot rot. It asserts the shape of the
// output and convergence, never a time: benchmarks measure, they do not pass or fail.
const benchScript = fileURLToPath(new URL("../../scripts/bench.js", import.meta.url));

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [benchScript, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const numberFields = ["runs", "rooms", "members_per_room", "latency_ms", "concurrency", "requests", "wall_ms", "lower_bound_ms", "cpu_ms", "peak_rss_mb", "changes", "sandbox_cpu_ms"];

test("bench --json prints one well-formed line per scenario, each converged", async () => {
  const { code, stdout, stderr } = await runBench(["--json", "--runs", "2", "--scenario", "tiny-plan", "--scenario", "tiny-apply", "--scenario", "tiny-planner"]);
  assert.equal(code, 0, stderr);
  const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l["scenario"]), ["tiny-plan", "tiny-apply", "tiny-planner"]);
  for (const line of lines) {
    for (const field of numberFields) assert.equal(typeof line[field], "number", `${String(line["scenario"])}.${field}`);
    for (const field of ["ratio", "floor_ratio", "replay_ratio", "sequential_wall_ms", "speedup"]) assert.ok(field in line, `${String(line["scenario"])} lacks ${field}`);
    assert.equal(line["converged"], true, `${String(line["scenario"])} did not converge`);
    assert.equal(line["changes"], 5, "one missing membership in each of the 5 rooms");
  }
  const [plan, apply, planner] = lines;
  // 5 alias lookups + 5 state reads + 12 user lookups (fewer users than a page: one GET each, cheaper on
  // Synapse than reading its user list); apply adds the 5 joins.
  assert.equal(plan?.["requests"], 22);
  assert.equal(apply?.["requests"], 27);
  assert.equal((apply?.["requests_by_route"] as Record<string, number>)["POST /_synapse/admin/v1/join/{roomIdOrAlias}"], 5);
  assert.equal(plan?.["sequential_requests"], 22);
  assert.equal(planner?.["requests"], 0);
  assert.equal(planner?.["speedup"], null);
  // --runs repeats the HTTP scenarios (the median run is reported); the pure planner runs once.
  assert.deepEqual(lines.map((l) => [l["runs"], (l["wall_runs_ms"] as unknown[]).length]), [[2, 2], [2, 2], [1, 1]]);
  assert.ok((plan?.["wall_runs_ms"] as number[]).includes(plan?.["wall_ms"] as number), "wall_ms is one of the runs");
  assert.deepEqual(lines.map((l) => typeof l["load_ms"]), ["number", "number", "object"], "load_ms: null for the planner's in-memory input");
});

test("bench prints a table by default and refuses an unknown scenario", async () => {
  const table = await runBench(["--scenario", "tiny-planner"]);
  assert.equal(table.code, 0, table.stderr);
  const [header, rule, row] = table.stdout.split("\n");
  assert.match(header ?? "", /^scenario\s+rooms×members\s+lat\s+conc\s+requests\s+wall\s+lower bound\s+ratio\s+floor/);
  assert.match(rule ?? "", /^-+( +-+)+$/);
  assert.match(row ?? "", /^tiny-planner\s+5×4\s.*\syes$/);
  const unknown = await runBench(["--scenario", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown scenario nope; known: plan-1k/);
  const badRuns = await runBench(["--runs", "0", "--scenario", "tiny-plan"]);
  assert.equal(badRuns.code, 2);
  assert.match(badRuns.stderr, /--runs takes a whole number from 1 to 20, not 0/);
});

test("the replay reference replays exactly the plan's own reads", async (t) => {
  const tiny = tinyScenarios.find((s) => s.name === "tiny-plan");
  assert.ok(tiny);
  const scenario = { ...tiny, latencyMs: 1 };
  const dir = await mkdtemp(join(tmpdir(), "roster-bench-replay-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeDeclarations(scenario, dir);
  const file = join(dir, "answers.json");
  const requests = await recordPlanAnswersApart(scenario, dir, file);
  // What the timed plan sends (see the test above), start-up checks left out.
  assert.equal(requests.length, 22);
  const answers = JSON.parse(await readFile(file, "utf8")) as [string, number, string][];
  assert.deepEqual(answers.map(([key]) => key), requests.map((r) => `${r.method} ${r.path}`));
  assert.ok(answers.every(([, status, body]) => status === 200 && body.startsWith("{")), "every read answered");
  const { wallMs } = await measureRawLoop(requests, scenario.latencyMs, scenario.concurrency, file);
  assert.ok(wallMs > 0);
  await assert.rejects(measureRawLoop([{ method: "GET", path: "/nowhere" }], 0, 1, file), /the calibration server has no answer for GET \/nowhere/);
});
