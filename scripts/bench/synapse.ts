/**
 * `npm run bench -- --target synapse`: roster against a real Synapse, each scenario timed against a raw
 * loop of the same requests in the same run (issue 13). The server is the one named by the
 * ROSTER_SYNAPSE_* variables, or one started with ../shared/synapse/start (ROSTER_SYNAPSE_START) and
 * stopped at the end. Every scenario seeds fresh users and rooms under a unique prefix (users made with
 * the admin API, no password; rooms made by an unlimited seeding user) and removes nothing: it only
 * adds to the server. Roster runs as the real CLI (`node bin/roster.js`), so its process start, start-up
 * checks and plan reads are all in its wall time; its admin is a fresh server admin with Synapse's
 * default rate limits.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { synapseEnvNames } from "../../test/synapse/support/env.js";
import { connectSynapse, uniquePrefix, type RegisteredUser, type Synapse } from "../../test/synapse/support/synapse.js";
import { joinSpan } from "./join-span.js";
import { medianOf, middle } from "./median.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** The roster executable timed: this checkout's, or another build's (ROSTER_BENCH_BIN) to compare two builds on one server. */
const rosterBin = process.env["ROSTER_BENCH_BIN"] ?? join(repoRoot, "bin", "roster.js");

export interface SynapseScenario {
  name: string;
  kind: "apply" | "plan";
  rooms: number;
  membersPerRoom: number;
  concurrency: number;
  /** What roster is compared with. */
  baseline: "raw-spread" | "raw-sequential" | "raw-reads";
  /** Further raw loops timed for information (not in the ratio). */
  extras: readonly ("raw-sequential" | "raw-in-room" | "raw-spread")[];
}

export const synapseScenarios: readonly SynapseScenario[] = [
  { name: "synapse-joins-8x25", kind: "apply", rooms: 8, membersPerRoom: 25, concurrency: 8, baseline: "raw-spread", extras: ["raw-sequential"] },
  { name: "synapse-joins-1x200", kind: "apply", rooms: 1, membersPerRoom: 200, concurrency: 8, baseline: "raw-sequential", extras: ["raw-in-room"] },
  { name: "synapse-plan-100", kind: "plan", rooms: 100, membersPerRoom: 2, concurrency: 8, baseline: "raw-reads", extras: [] },
];

export interface SynapseBenchResult {
  scenario: string;
  target: "synapse";
  kind: string;
  rooms: number;
  members_per_room: number;
  concurrency: number;
  /** Requests of the raw loop the ratio is taken against (roster's own are not counted by Synapse). */
  requests: number;
  /** `roster apply --yes` / `roster plan`, the whole process: start-up, checks, reads, changes. */
  wall_ms: number;
  baseline: string;
  baseline_ms: number;
  /** wall ÷ baseline. */
  ratio: number;
  /** plan: `roster --version`, the process start included in the baseline. */
  process_start_ms: number | null;
  /** Raw loops timed for information: name → ms. */
  raw_ms: Record<string, number>;
  per_change_ms: number | null;
  /** After the run, `roster plan --detailed-exitcode` found nothing to do. */
  converged: boolean;
  runs: number;
  wall_runs_ms: number[];
  baseline_runs_ms: number[];
  /** wall ÷ baseline of each run, in the order they ran (apply: raw first on even runs, roster first on odd ones). */
  ratio_runs: number[];
  /**
   * apply, from the join events' own timestamps (read back from the rooms afterwards; nothing runs inside
   * the timed process): roster's spawn to its first join (start, checks, reads, lookups, plan), and
   * roster's first-to-last join ÷ the baseline loop's. Medians over the runs, then each run's (null: not read).
   */
  before_changes_ms: number | null;
  changes_ratio: number | null;
  before_changes_runs_ms: (number | null)[];
  changes_ratio_runs: (number | null)[];
  synapse_version: string;
}

export interface SynapseTarget {
  hs: Synapse;
  version: string;
  close(): Promise<void>;
}

/** The server named by ROSTER_SYNAPSE_*, or a fresh one from ../shared/synapse/start. */
export async function acquireSynapse(log: (line: string) => void): Promise<SynapseTarget> {
  const given = [synapseEnvNames.url, synapseEnvNames.adminToken, synapseEnvNames.sharedSecret].every((name) => process.env[name]);
  if (given) {
    const hs = await connectSynapse();
    return { hs, version: await versionOf(hs), close: () => Promise.resolve() };
  }
  const startScript = process.env["ROSTER_SYNAPSE_START"] ?? join(repoRoot, "..", "shared", "synapse", "start");
  if (!existsSync(startScript)) {
    throw new Error(`--target synapse needs a real Synapse: set ${synapseEnvNames.url}, ${synapseEnvNames.adminToken} and ${synapseEnvNames.sharedSecret}, or provide ${startScript}`);
  }
  log(`starting a real Synapse with ${startScript}`);
  const { stdout } = await promisify(execFile)(startScript, [], { encoding: "utf8", maxBuffer: 1 << 20 });
  const started = JSON.parse(stdout.trim().split("\n").pop() ?? "") as { url: string; admin_token: string; shared_secret: string; dir: string };
  const env = { [synapseEnvNames.url]: started.url, [synapseEnvNames.adminToken]: started.admin_token, [synapseEnvNames.sharedSecret]: started.shared_secret };
  const stop = async () => void (await promisify(execFile)(join(startScript, "..", "stop"), ["--clean", started.dir]));
  try {
    const hs = await connectSynapse(env);
    return { hs, version: await versionOf(hs), close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function versionOf(hs: Synapse): Promise<string> {
  const body = await hs.ok("GET", "/_synapse/admin/v1/server_version", { token: hs.adminToken });
  return String(body["server_version"] ?? "unknown");
}

/** One side's corner of the server: its rooms (public, made by an unlimited seeding user) and fresh users. */
export interface Corner {
  rooms: { alias: string; roomId: string }[];
  /** Full user IDs per room. */
  members: string[][];
  creator: RegisteredUser;
}

export async function seedCorner(hs: Synapse, prefix: string, scenario: SynapseScenario, log: (line: string) => void): Promise<Corner> {
  const creator = await hs.register(`${prefix}_creator`);
  await hs.unlimit(creator.userId);
  const members = Array.from({ length: scenario.rooms }, (_, r) =>
    Array.from({ length: scenario.membersPerRoom }, (_, m) => `@${prefix}_u${r * scenario.membersPerRoom + m}:${hs.serverName}`),
  );
  const users = members.flat();
  log(`  ${prefix}: ${users.length} users, ${scenario.rooms} rooms`);
  // Users from the admin API without a password (no password hashing, so seeding takes seconds), with an
  // email so that a fresh database's one-time job does not deactivate them (see Synapse.createAccount).
  await pool(users, 8, (user) => hs.createAccount(user.slice(1, user.indexOf(":"))));
  const rooms = await pool(
    Array.from({ length: scenario.rooms }, (_, r) => `${prefix}_r${r}`),
    4,
    async (alias) => ({ alias: `#${alias}:${hs.serverName}`, roomId: await hs.createRoom(creator, { preset: "public_chat", alias }) }),
  );
  return { rooms, members, creator };
}

/** A fresh server admin for roster, with Synapse's default rate limits. */
async function rosterAdmin(hs: Synapse, prefix: string): Promise<RegisteredUser> {
  return hs.register(`${prefix}_roster`, { admin: true });
}

async function writeRooms(dir: string, hs: Synapse, corner: Corner, declared: (r: number) => string[]): Promise<void> {
  await mkdir(join(dir, "rooms"), { recursive: true });
  const lines = [`server_name: ${hs.serverName}`, "rooms:"];
  corner.rooms.forEach((room, r) => lines.push(`  "${room.alias}":`, `    members: [${declared(r).map((u) => JSON.stringify(u)).join(", ")}]`));
  await writeFile(join(dir, "rooms", "bench.yaml"), `${lines.join("\n")}\n`);
}

interface Spawned {
  code: number;
  wallMs: number;
  stdout: string;
  stderr: string;
}

/** The real CLI as a user runs it, timed from spawn to exit. */
function runRoster(argv: string[], cwd: string, hs: Synapse, token: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [rosterBin, ...argv], {
      cwd,
      env: { PATH: process.env["PATH"], MATRIX_HOMESERVER_URL: hs.url, MATRIX_ADMIN_TOKEN: token, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, wallMs: performance.now() - started, stdout, stderr }));
  });
}

/** Runs `fn` over `items` with `width` in flight, taking items in order; results in input order. */
async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

interface Join {
  roomId: string;
  user: string;
}

/** A raw loop of admin joins: `width` in flight, sent in the given order. Returns the wall time. */
export async function rawJoins(hs: Synapse, token: string, joins: readonly Join[], width: number): Promise<number> {
  const started = performance.now();
  await pool(joins, width, async ({ roomId, user }) => {
    const answer = await hs.request("POST", `/_synapse/admin/v1/join/${encodeURIComponent(roomId)}`, { token, body: { user_id: user } });
    if (answer.status !== 200) throw new Error(`raw join of ${user} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  });
  return performance.now() - started;
}

/** The joins of a corner, room after room (each room's in declaration order). */
export const roomAfterRoom = (corner: Corner): Join[] => corner.rooms.flatMap((room, r) => (corner.members[r] ?? []).map((user) => ({ roomId: room.roomId, user })));

/** The joins of a corner spread over rooms: the first of every room, then the second of every room, … */
export function spreadOverRooms(corner: Corner): Join[] {
  const joins: Join[] = [];
  const longest = Math.max(...corner.members.map((m) => m.length));
  for (let m = 0; m < longest; m++) corner.rooms.forEach((room, r) => corner.members[r]?.[m] !== undefined && joins.push({ roomId: room.roomId, user: corner.members[r]?.[m] as string }));
  return joins;
}

async function isConverged(dir: string, hs: Synapse, token: string): Promise<boolean> {
  const planned = await runRoster(["plan", "--detailed-exitcode", "--concurrency", "8"], dir, hs, token);
  return planned.code === 0;
}

interface Timed {
  wallMs: number;
  baselineMs: number;
  requests: number;
  processStartMs: number | null;
  raw: Record<string, number>;
  converged: boolean;
  phases: Phases | null;
}

interface Phases {
  beforeChangesMs: number;
  changesRatio: number;
}

/**
 * Apply: roster joins one corner's users while the raw loops join other corners' (the same requests,
 * fresh users and rooms). Both sides meet the server in the same state: after seeding, the server is
 * left to settle (Synapse catches up on fresh accounts and rooms in the background), and the order of the
 * pair alternates from run to run (raw first on even runs, roster first on odd ones), so that whatever
 * background work remains lands on either side as often. The extras run after the pair.
 */
async function timeApply(hs: Synapse, scenario: SynapseScenario, run: number, log: (line: string) => void): Promise<Timed> {
  const prefix = uniquePrefix();
  const dir = await mkdtemp(join(tmpdir(), "roster-bench-synapse-"));
  try {
    const admin = await rosterAdmin(hs, prefix);
    const mine = await seedCorner(hs, `${prefix}a`, scenario, log);
    const loops = [scenario.baseline, ...scenario.extras] as const;
    const rawCorners: Corner[] = [];
    for (let i = 0; i < loops.length; i++) rawCorners.push(await seedCorner(hs, `${prefix}${String.fromCharCode(98 + i)}`, scenario, log));
    await writeRooms(dir, hs, mine, (r) => mine.members[r] ?? []);
    await settle(hs, admin.token);
    const raw: Record<string, number> = {};
    const timeBaseline = async () => {
      raw[scenario.baseline] = await rawLoop(hs, admin.token, scenario.baseline, rawCorners[0] as Corner, scenario.concurrency);
      log(`  ${scenario.baseline}: ${Math.round(raw[scenario.baseline] ?? 0)} ms`);
    };
    let spawnedAt = 0;
    const timeRoster = async () => {
      spawnedAt = Date.now();
      const applied = await runRoster(["apply", "--yes", "--concurrency", String(scenario.concurrency)], dir, hs, admin.token);
      if (applied.code !== 0) throw new Error(`roster apply exited ${applied.code}: ${applied.stderr.slice(0, 2000)}${applied.stdout.slice(-2000)}`);
      log(`  roster apply: ${Math.round(applied.wallMs)} ms`);
      return applied.wallMs;
    };
    let wallMs: number;
    if (run % 2 === 0) {
      await timeBaseline();
      wallMs = await timeRoster();
    } else {
      wallMs = await timeRoster();
      await timeBaseline();
    }
    for (let i = 1; i < loops.length; i++) {
      const loop = loops[i] as (typeof loops)[number];
      raw[loop] = await rawLoop(hs, admin.token, loop, rawCorners[i] as Corner, scenario.concurrency);
      log(`  ${loop}: ${Math.round(raw[loop] ?? 0)} ms`);
    }
    return {
      wallMs,
      baselineMs: raw[scenario.baseline] ?? NaN,
      requests: scenario.rooms * scenario.membersPerRoom,
      processStartMs: null,
      raw,
      converged: await isConverged(dir, hs, admin.token),
      phases: await readPhases(hs, spawnedAt, mine, rawCorners[0] as Corner),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Roster's phases from the join events of its corner and of the baseline loop's; null unless every join is found. */
async function readPhases(hs: Synapse, spawnedAt: number, roster: Corner, baseline: Corner): Promise<Phases | null> {
  const spanOf = async (corner: Corner) => {
    const states = await pool(corner.rooms, 4, (room) => hs.state(room.roomId));
    const users = new Set(corner.members.flat());
    const span = joinSpan(states, users);
    return span !== null && span.joins === users.size ? span : null;
  };
  const [mine, raw] = [await spanOf(roster), await spanOf(baseline)];
  if (mine === null || raw === null || raw.lastMs === raw.firstMs) return null;
  return { beforeChangesMs: mine.firstMs - spawnedAt, changesRatio: (mine.lastMs - mine.firstMs) / (raw.lastMs - raw.firstMs) };
}

/** How long the server is left alone after seeding (ROSTER_BENCH_SETTLE_MS; default 3 s). */
const settleMs = (): number => Number(process.env["ROSTER_BENCH_SETTLE_MS"] ?? 3000);

/**
 * Leaves the server alone for a while, then waits until a cheap authenticated read answers quickly:
 * Synapse handles fresh accounts and rooms in background jobs (user directory, stats) that would
 * otherwise land in whichever side is timed first.
 */
async function settle(hs: Synapse, token: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs()));
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await hs.ok("GET", "/_matrix/client/v3/account/whoami", { token });
    if (performance.now() - started < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function rawLoop(hs: Synapse, token: string, loop: SynapseScenario["baseline"] | SynapseScenario["extras"][number], corner: Corner, concurrency: number): Promise<number> {
  if (loop === "raw-spread") return rawJoins(hs, token, spreadOverRooms(corner), concurrency);
  if (loop === "raw-sequential") return rawJoins(hs, token, roomAfterRoom(corner), 1);
  if (loop === "raw-in-room") return rawJoins(hs, token, roomAfterRoom(corner), concurrency);
  throw new Error(`no raw join loop ${loop}`);
}

/**
 * Plan: 100 converged rooms (each declares its creator and one user it holds). The baseline is the
 * process start of `roster --version` plus the reads a plan needs, raw: each room's alias and state, and
 * each declared local user's account, at the same concurrency.
 */
async function timePlan(hs: Synapse, scenario: SynapseScenario, log: (line: string) => void): Promise<Timed> {
  const prefix = uniquePrefix();
  const dir = await mkdtemp(join(tmpdir(), "roster-bench-synapse-"));
  try {
    const admin = await rosterAdmin(hs, prefix);
    const corner = await seedCorner(hs, `${prefix}a`, { ...scenario, membersPerRoom: scenario.membersPerRoom - 1 }, log);
    // The creator is joined already; the others are joined here, untimed, so the plan is converged.
    await rawJoins(hs, hs.adminToken, spreadOverRooms(corner), scenario.concurrency);
    await writeRooms(dir, hs, corner, (r) => [corner.creator.userId, ...(corner.members[r] ?? [])]);
    const version = await runRoster(["--version"], dir, hs, admin.token);
    const users = [corner.creator.userId, ...corner.members.flat()];
    const readsStarted = performance.now();
    await pool(corner.rooms, scenario.concurrency, async (room) => {
      const resolved = await hs.ok("GET", `/_matrix/client/v3/directory/room/${encodeURIComponent(room.alias)}`, { token: admin.token });
      await hs.ok("GET", `/_synapse/admin/v1/rooms/${encodeURIComponent(resolved["room_id"] as string)}/state`, { token: admin.token });
    });
    await pool(users, scenario.concurrency, (user) => hs.ok("GET", `/_synapse/admin/v2/users/${encodeURIComponent(user)}`, { token: admin.token }));
    const readsMs = performance.now() - readsStarted;
    log(`  raw reads: ${Math.round(readsMs)} ms + roster --version ${Math.round(version.wallMs)} ms`);
    const planned = await runRoster(["plan", "--detailed-exitcode", "--concurrency", String(scenario.concurrency)], dir, hs, admin.token);
    log(`  roster plan: ${Math.round(planned.wallMs)} ms (exit ${planned.code})`);
    if (planned.code !== 0 && planned.code !== 2) throw new Error(`roster plan exited ${planned.code}: ${planned.stderr.slice(0, 2000)}`);
    return {
      wallMs: planned.wallMs,
      baselineMs: readsMs + version.wallMs,
      requests: corner.rooms.length * 2 + users.length,
      processStartMs: version.wallMs,
      raw: { "raw-reads": readsMs },
      converged: planned.code === 0,
      phases: null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runSynapseScenario(hs: Synapse, version: string, scenario: SynapseScenario, runs: number, log: (line: string) => void): Promise<SynapseBenchResult> {
  const timed: Timed[] = [];
  for (let i = 0; i < runs; i++) timed.push(scenario.kind === "apply" ? await timeApply(hs, scenario, i, log) : await timePlan(hs, scenario, log));
  // The median run by ratio.
  const sorted = [...timed].sort((a, b) => a.wallMs / a.baselineMs - b.wallMs / b.baselineMs);
  const run = middle(sorted) as Timed;
  const changes = scenario.kind === "apply" ? scenario.rooms * scenario.membersPerRoom : 0;
  const beforeChanges = timed.map((t) => (t.phases ? Math.round(t.phases.beforeChangesMs) : null));
  const changesRatios = timed.map((t) => (t.phases ? Math.round(t.phases.changesRatio * 100) / 100 : null));
  return {
    scenario: scenario.name,
    target: "synapse",
    kind: scenario.kind,
    rooms: scenario.rooms,
    members_per_room: scenario.membersPerRoom,
    concurrency: scenario.concurrency,
    requests: run.requests,
    wall_ms: Math.round(run.wallMs),
    baseline: scenario.baseline,
    baseline_ms: Math.round(run.baselineMs),
    ratio: Math.round((run.wallMs / run.baselineMs) * 100) / 100,
    process_start_ms: run.processStartMs === null ? null : Math.round(run.processStartMs),
    raw_ms: Object.fromEntries(Object.entries(run.raw).map(([k, v]) => [k, Math.round(v)])),
    per_change_ms: changes > 0 ? Math.round((run.wallMs / changes) * 10) / 10 : null,
    converged: timed.every((t) => t.converged),
    runs: timed.length,
    wall_runs_ms: timed.map((t) => Math.round(t.wallMs)),
    baseline_runs_ms: timed.map((t) => Math.round(t.baselineMs)),
    ratio_runs: timed.map((t) => Math.round((t.wallMs / t.baselineMs) * 100) / 100),
    before_changes_ms: medianOf(beforeChanges),
    changes_ratio: medianOf(changesRatios),
    before_changes_runs_ms: beforeChanges,
    changes_ratio_runs: changesRatios,
    synapse_version: version,
  };
}

export function renderSynapseTable(results: readonly SynapseBenchResult[]): string {
  const header = ["scenario", "rooms×members", "conc", "roster", "baseline", "", "ratio", "ratio per run", "before 1st change", "changes ÷ baseline", "per change", "other raw loops", "converged"];
  const rows = results.map((r) => [
    r.scenario,
    `${r.rooms}×${r.members_per_room}`,
    String(r.concurrency),
    `${r.wall_ms} ms`,
    `${r.baseline_ms} ms`,
    r.baseline + (r.process_start_ms !== null ? ` + roster --version (${r.process_start_ms} ms)` : ""),
    `${r.ratio.toFixed(2)}×`,
    r.ratio_runs.map((x) => x.toFixed(2)).join(" "),
    r.before_changes_ms === null ? "-" : `${r.before_changes_ms} ms`,
    r.changes_ratio === null ? "-" : `${r.changes_ratio.toFixed(2)}× (${r.changes_ratio_runs.map((x) => (x === null ? "-" : x.toFixed(2))).join(" ")})`,
    r.per_change_ms === null ? "-" : `${r.per_change_ms} ms`,
    Object.entries(r.raw_ms).filter(([k]) => k !== r.baseline).map(([k, v]) => `${k} ${v} ms`).join(", ") || "-",
    r.converged ? "yes" : "NO",
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return `${[line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")}\n` +
    "ratio: roster's whole process (start, checks, reads, changes) ÷ the baseline raw loop of the same requests on the same server\n" +
    "(apply: after the server settled, raw first on even runs and roster first on odd ones; the median run's ratio is shown).\n" +
    "before 1st change: roster's spawn to its first join; changes ÷ baseline: its first-to-last join ÷ the baseline loop's\n" +
    "(both from the join events' own timestamps, read back afterwards; medians over the runs).\n";
}
