/**
 * Runs ONE scenario and returns its BenchResult. bench.ts runs it in a fresh process per scenario
 * (scenario-child.ts) so that each peak RSS is that scenario's alone. Roster runs here, in-process (makePlan,
 * executePlan: what `roster plan` / `roster apply --yes` call); the sandbox runs in a child process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executePlan } from "../../src/apply/execute-plan.js";
import { homeserverActions } from "../../src/apply/homeserver-actions.js";
import { makePlan } from "../../src/cli/make-plan.js";
import { loadDeclarationDir } from "../../src/declarations/load.js";
import type { Desired } from "../../src/declarations/model.js";
import { openConnection, type Connection } from "../../src/homeserver/startup-checks.js";
import { defaultPlanOptions } from "../../src/plan/types.js";
import { floorRequests, measureRawLoop, type RawRequest } from "./floor.js";
import { countChanges, isClean, runPlanner } from "./planner.js";
import type { BenchResult } from "./result.js";
import { startSandboxProcess, type SandboxProcess } from "./sandbox-process.js";
import type { Scenario } from "./scenarios.js";
import { writeDeclarations } from "./declarations.js";
import { recordPlanAnswersApart } from "./record.js";
import { medianOf, middle } from "./median.js";

interface Run {
  wallMs: number;
  cpuMs: number;
  requests: number;
  byRoute: Record<string, number>;
  changes: number;
  /** The most membership changes planned in one room: the sandbox makes them one after another. */
  maxRoomChanges: number;
  sandboxCpuMs: number;
  converged?: boolean;
}

export async function runScenario(scenario: Scenario): Promise<BenchResult> {
  if (scenario.kind === "planner") {
    const run = runPlanner(scenario);
    return toResult(scenario, { runs: [{ ...run, requests: 0, byRoute: {}, sandboxCpuMs: 0, maxRoomChanges: 0 }], floorRatio: null, replayRatio: null, loadMs: null });
  }
  const dir = await mkdtemp(join(tmpdir(), "roster-bench-"));
  try {
    await writeDeclarations(scenario, dir);
    const loadStarted = performance.now();
    const loaded = await loadDeclarationDir(".", dir);
    const loadMs = round(performance.now() - loadStarted);
    if (loaded.diagnostics.length > 0) {
      const first = loaded.diagnostics[0];
      throw new Error(`the generated declarations do not load (${loaded.diagnostics.length} problems; first: ${first?.file}:${first?.line} ${first?.message})`);
    }
    const desired = loaded.desired;
    const answersFile = join(dir, "answers.json");
    const planReads = scenario.kind === "plan" && scenario.latencyMs > 0 ? await recordPlanAnswersApart(scenario, dir, answersFile) : undefined;
    // Each run: the machine's floor at that moment (and the plan's replayed reads), then the timed run against a freshly seeded sandbox.
    const floors: (number | null)[] = [];
    const replays: (number | null)[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < Math.max(1, scenario.runs); i++) {
      // One run's garbage must not count toward the next run's peak RSS (gc is exposed by scenario-process).
      (globalThis as { gc?: () => void }).gc?.();
      floors.push(await measureFloorRatio(scenario));
      replays.push(planReads === undefined ? null : await rawLoopRatio(scenario, planReads, answersFile));
      runs.push(await timeRun(scenario, desired, scenario.concurrency, i === 0));
    }
    const sequential = await timeRun(scenario, sample(desired, scenario.sequentialSample), 1, false);
    return toResult(scenario, { runs, sequential, floorRatio: medianOf(floors), replayRatio: medianOf(replays), loadMs });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A share of the declared rooms, or of the one room's members when there is a single room. */
function sample(desired: Desired, share: number): Desired {
  const [only] = desired.rooms;
  if (desired.rooms.length === 1 && only !== undefined) {
    return { ...desired, rooms: [{ ...only, members: only.members.slice(0, Math.max(1, Math.round(only.members.length * share))) }] };
  }
  return { ...desired, rooms: desired.rooms.slice(0, Math.max(1, Math.round(desired.rooms.length * share))) };
}

/** One run against a freshly seeded sandbox; `check` then applies what is left and plans again. */
async function timeRun(scenario: Scenario, desired: Desired, concurrency: number, check: boolean): Promise<Run> {
  const sandbox = await startSandboxProcess(scenario);
  try {
    const connection = await openConnection({}, { MATRIX_HOMESERVER_URL: sandbox.url, MATRIX_ADMIN_TOKEN: sandbox.adminToken }, process.cwd());
    await sandbox.resetCounts();
    const sandboxCpuBefore = await sandbox.cpuMs();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { changes, maxRoomChanges } =
      scenario.kind === "apply" ? await planAndApply(desired, connection, concurrency) : { changes: countChanges(await makePlan(desired, connection, defaultPlanOptions, concurrency)), maxRoomChanges: 0 };
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const byRoute = await sandbox.counts();
    const run: Run = {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      requests: Object.values(byRoute).reduce((a, b) => a + b, 0),
      byRoute,
      changes,
      maxRoomChanges,
      sandboxCpuMs: (await sandbox.cpuMs()) - sandboxCpuBefore,
    };
    return check ? { ...run, converged: await checkConvergence(desired, connection, sandbox, scenario.concurrency) } : run;
  } finally {
    await sandbox.close();
  }
}

/** What `roster apply --yes` does: a fresh plan, then carry it out. Returns the planned changes, all and the most in one room. */
async function planAndApply(desired: Desired, connection: Connection, concurrency: number): Promise<{ changes: number; maxRoomChanges: number }> {
  const plan = await makePlan(desired, connection, defaultPlanOptions, concurrency);
  const applied = await executePlan(plan, { actions: homeserverActions(connection.client), concurrency });
  const failed = applied.summary.failed + applied.summary.deferred + applied.summary.notAttempted;
  if (failed > 0) throw new Error(`apply did not complete: ${JSON.stringify(applied.summary)}`);
  return { changes: countChanges(plan), maxRoomChanges: plan.rooms.reduce((most, room) => Math.max(most, room.changes.length), 0) };
}

/** Untimed, at no latency: apply whatever is still planned (plan scenarios), then a plan must be empty. */
async function checkConvergence(desired: Desired, connection: Connection, sandbox: SandboxProcess, concurrency: number): Promise<boolean> {
  await sandbox.setLatency(0);
  await planAndApply(desired, connection, concurrency);
  const plan = await makePlan(desired, connection, defaultPlanOptions, concurrency);
  return countChanges(plan) === 0 && isClean(plan);
}

/**
 * The machine's own floor at this moment: FLOOR_REQUESTS sent through roster's transport, at the
 * scenario's latency and concurrency, to a server that does nothing but wait. Null without latency.
 */
async function measureFloorRatio(scenario: Scenario): Promise<number | null> {
  return scenario.latencyMs <= 0 ? null : rawLoopRatio(scenario, floorRequests(FLOOR_REQUESTS));
}

const FLOOR_REQUESTS = 2000;

/**
 * A raw loop of `requests` in order, `concurrency` in flight, each answer parsed (answered `{}`, or with
 * the recorded answers in `answersFile`, by a server that only waits the scenario's latency), as a ratio
 * of requests × latency ÷ concurrency. With the plan's recorded reads it is the replay reference.
 */
async function rawLoopRatio(scenario: Scenario, requests: readonly RawRequest[], answersFile?: string): Promise<number> {
  const { wallMs } = await measureRawLoop(requests, scenario.latencyMs, scenario.concurrency, answersFile);
  return round(wallMs / ((requests.length * scenario.latencyMs) / scenario.concurrency), 2);
}

interface Measured {
  /** The timed runs in the order they ran; the first also checked convergence. */
  runs: Run[];
  sequential?: Run;
  floorRatio: number | null;
  replayRatio: number | null;
  loadMs: number | null;
}

/** The line for a scenario: the median run's figures, with every run's wall time. */
function toResult(scenario: Scenario, { runs, sequential, floorRatio, replayRatio, loadMs }: Measured): BenchResult {
  const run = middle([...runs].sort((a, b) => a.wallMs - b.wallMs));
  if (run === undefined) throw new Error(`scenario ${scenario.name} has no timed run`);
  const big = scenario.bigRoomMembers > 0;
  // No client can beat requests × latency ÷ concurrency, nor a room's changes one after another (the sandbox,
  // like Synapse, makes a room's membership changes in turn): the larger of the two.
  const lowerBound = Math.max((run.requests * scenario.latencyMs) / scenario.concurrency, run.maxRoomChanges * scenario.latencyMs);
  // A sampled sequential run is scaled up by requests: at --concurrency 1 time grows linearly with them.
  const sequentialWall = sequential === undefined ? null : sequential.wallMs * (sequential.requests > 0 ? run.requests / sequential.requests : 1);
  return {
    scenario: scenario.name,
    kind: scenario.kind,
    rooms: big ? 1 : scenario.rooms,
    members_per_room: big ? scenario.bigRoomMembers : scenario.membersPerRoom,
    latency_ms: scenario.latencyMs,
    concurrency: scenario.concurrency,
    requests: run.requests,
    wall_ms: round(run.wallMs),
    lower_bound_ms: round(lowerBound),
    ratio: lowerBound > 0 ? round(run.wallMs / lowerBound, 2) : null,
    floor_ratio: floorRatio,
    replay_ratio: replayRatio,
    sequential_wall_ms: sequentialWall === null ? null : round(sequentialWall),
    speedup: sequentialWall === null ? null : round(sequentialWall / run.wallMs, 1),
    cpu_ms: round(run.cpuMs),
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    converged: runs[0]?.converged ?? false,
    changes: run.changes,
    sequential_sample: sequential === undefined ? null : scenario.sequentialSample,
    sequential_requests: sequential?.requests ?? null,
    sandbox_cpu_ms: round(run.sandboxCpuMs),
    requests_by_route: run.byRoute,
    runs: runs.length,
    wall_runs_ms: runs.map((r) => round(r.wallMs)),
    load_ms: loadMs,
  };
}

function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
