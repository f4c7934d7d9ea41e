/** One benchmark line (`npm run bench -- --json` prints these) and the human table. */
export interface BenchResult {
  scenario: string;
  /** plan, apply or planner. */
  kind: string;
  rooms: number;
  members_per_room: number;
  latency_ms: number;
  concurrency: number;
  /** Requests the sandbox answered during the timed run (start-up checks excluded). */
  requests: number;
  /** The median run's wall time (see `runs`). */
  wall_ms: number;
  /** Timed runs, each against a freshly seeded sandbox; wall, cpu, ratio and floor are the median run's. */
  runs: number;
  /** Every run's wall time, in the order they ran (the first one also warms up the JIT). */
  wall_runs_ms: number[];
  /**
   * Reading the generated declarations with the real loader, once, in a fresh process (not part of
   * wall_ms): what `roster plan` spends before its first request. Null for planner-1m (built in memory).
   */
  load_ms: number | null;
  /** requests × latency ÷ concurrency: no client can be faster at this latency and concurrency. */
  lower_bound_ms: number;
  /** wall ÷ lower bound; null without HTTP. */
  ratio: number | null;
  /**
   * The same ratio for 2,000 requests to a server that only waits the latency, measured just before each
   * run in the same process (the median of those): the best this machine reaches at that moment. Null
   * without latency.
   */
  floor_ratio: number | null;
  /**
   * Plan scenarios: the same ratio for a raw loop of the plan's own reads (recorded once, untimed), their
   * answers replayed already serialized by a server that only waits the latency, each parsed: the best
   * any client that must read those answers reaches at that moment. Null for the others.
   */
  replay_ratio: number | null;
  /** The same run at --concurrency 1 (extrapolated by requests when sequential_sample < 1). */
  sequential_wall_ms: number | null;
  speedup: number | null;
  /** Roster's CPU (user + system) during the timed run; the sandbox's is separate. */
  cpu_ms: number;
  /** Peak resident memory of the process that ran this scenario (one fresh process per scenario). */
  peak_rss_mb: number;
  /** After the run (and an untimed apply of what was planned), a new plan was empty. */
  converged: boolean;
  /** Changes in the timed plan. */
  changes: number;
  /** Share of the rooms the sequential run covered; null when there was none. */
  sequential_sample: number | null;
  sequential_requests: number | null;
  sandbox_cpu_ms: number;
  requests_by_route: Record<string, number>;
}

const columns: Array<[header: string, cell: (r: BenchResult) => string]> = [
  ["scenario", (r) => r.scenario],
  ["rooms×members", (r) => `${r.rooms}×${r.members_per_room}`],
  ["lat", (r) => `${r.latency_ms}ms`],
  ["conc", (r) => String(r.concurrency)],
  ["requests", (r) => String(r.requests)],
  ["wall", (r) => ms(r.wall_ms)],
  ["lower bound", (r) => (r.requests > 0 ? ms(r.lower_bound_ms) : "-")],
  ["ratio", (r) => (r.ratio === null ? "-" : r.ratio.toFixed(2))],
  ["floor", (r) => (r.floor_ratio === null ? "-" : r.floor_ratio.toFixed(2))],
  ["replay", (r) => (r.replay_ratio === null ? "-" : r.replay_ratio.toFixed(2))],
  ["sequential", (r) => (r.sequential_wall_ms === null ? "-" : `${ms(r.sequential_wall_ms)}${r.sequential_sample !== null && r.sequential_sample < 1 ? "*" : ""}`)],
  ["speedup", (r) => (r.speedup === null ? "-" : `${r.speedup.toFixed(1)}×`)],
  ["cpu", (r) => ms(r.cpu_ms)],
  ["sandbox cpu", (r) => (r.kind === "plan" || r.kind === "apply" ? ms(r.sandbox_cpu_ms) : "-")],
  ["peak rss", (r) => `${r.peak_rss_mb.toFixed(0)} MB`],
  ["converged", (r) => (r.converged ? "yes" : "NO")],
];

export function renderTable(results: readonly BenchResult[]): string {
  const rows = [columns.map(([header]) => header), ...results.map((r) => columns.map(([, cell]) => cell(r)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  const out = [line(rows[0] ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
  const sampled = results.filter((r) => r.sequential_sample !== null && r.sequential_sample < 1);
  for (const r of sampled) {
    out.push(`* ${r.scenario}: the --concurrency 1 run covered ${Math.round((r.sequential_sample ?? 1) * 100)}% of the work (${r.sequential_requests} requests) and is scaled up by requests; pass --full for the whole run.`);
  }
  if (results.some((r) => r.floor_ratio !== null)) {
    out.push("floor: the ratio of 2,000 requests to a server that only waits the latency (same concurrency), just before the run: this machine's best at that moment.");
  }
  if (results.some((r) => r.replay_ratio !== null)) {
    out.push("replay: the ratio of a raw loop of the plan's own reads, their answers replayed by a server that only waits the latency, each parsed: the best a client reading them reaches.");
  }
  return `${out.join("\n")}\n`;
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
