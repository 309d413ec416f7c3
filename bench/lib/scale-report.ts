// bench:scale's figures: a table for the terminal, the whole record as JSON.
import type { FanOutResult } from './fan-out-phase.ts';
import type { SeedTimings } from './scale-seed.ts';
import type { Latency } from './stats.ts';
import type { ApiBaseline, ApiTimeline, RawTimeline } from './timeline-phase.ts';

export interface ScaleResults {
  ranAt: string;
  machine: Record<string, string | number>;
  /** The knobs this run used. */
  config: Record<string, unknown>;
  database: { label: string; version: string; settings: Record<string, string> };
  seed: SeedTimings;
  timelineRawSql: Record<string, RawTimeline>;
  timelineApi: { runtime: string; baselines: ApiBaseline[]; views: ApiTimeline[] };
  fanOut: FanOutResult;
  totalSeconds: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const row = (label: string, l: Latency, extra = '') =>
  `  ${label.padEnd(44)} ${String(l.n).padStart(5)} ${ms(l.p50).padStart(8)} ${ms(l.p90).padStart(8)} ${ms(l.p99).padStart(8)} ${ms(l.max).padStart(8)}  ${extra}`;
const header = `  ${''.padEnd(44)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`;
const cut = (stopped: boolean) => (stopped ? ' (cut by the time budget)' : '');

/** The plan's top nodes and timing lines: enough to see the join strategy without the full text. */
function planSummary(explain: string): string[] {
  return explain
    .split('\n')
    .filter((line) => /->|^\S|Planning Time|Execution Time|Buffers: shared/.test(line))
    .filter((line, index, lines) => !/Buffers/.test(line) || !/Buffers/.test(lines[index - 1] ?? ''))
    .slice(0, 24)
    .map((line) => `    ${line.length > 150 ? `${line.slice(0, 147)}...` : line}`);
}

export function printScaleResults(results: ScaleResults): void {
  const { seed, timelineRawSql, timelineApi, fanOut } = results;
  const m = results.machine;
  const r = seed.rows;
  const lines = [
    '',
    `ShowTracker bench:scale — ${results.database.version.split(',')[0]}`,
    `  machine: ${m.cpu} × ${m.cores}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
    `  server:  ${Object.entries(results.database.settings).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    `  data:    ${r.users!.toLocaleString('en')} users, ${r.shows!.toLocaleString('en')} shows, ${r.seasons!.toLocaleString('en')} seasons, ` +
      `${r.episodes!.toLocaleString('en')} episodes (${r.undated_episodes!.toLocaleString('en')} undated), ` +
      `${r.timeline_events!.toLocaleString('en')} timeline events (${r.all_day_events!.toLocaleString('en')} all-day), ` +
      `${r.tracked!.toLocaleString('en')} tracked rows (show 1: ${r.hot_show_trackers!.toLocaleString('en')} trackers); ` +
      `${(r.database_bytes! / 2 ** 30).toFixed(2)} GiB on disk`,
    `  generated in ${(seed.totalMs / 1000).toFixed(0)} s (${Object.entries(seed.stepsMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`).join(', ')})`,
    '',
    'Timeline, raw SQL (the statements of a cache miss; one connection, one user at a time)',
    header,
    ...Object.entries(timelineRawSql).flatMap(([kind, raw]) => [
      row(`${kind}: events query`, raw.events, `${raw.events.meanRows} events avg${cut(raw.stoppedByBudget)}`),
      row(`${kind}: person query`, raw.person),
      row(`${kind}: person + events`, raw.miss),
    ]),
    '',
    `Timeline API (${timelineApi.runtime})`,
    header,
    ...timelineApi.baselines.flatMap((baseline) => [
      row(
        `health (floor), c=${baseline.concurrency}`,
        baseline.latency,
        `in the worker: connect + SELECT 1 ${baseline.meanDatabaseMs} ms, KV read ${baseline.meanKvMs} ms (means), ${baseline.errors} errors`,
      ),
      ...timelineApi.views.filter((view) => view.concurrency === baseline.concurrency).flatMap((view) => [
        row(`${view.path} cold (KV miss), c=${view.concurrency}`, view.cold.latency, `${view.cold.throughput} req/s, ${view.cold.meanEvents} events avg, ${view.cold.errors} errors${cut(view.cold.stoppedByBudget)}`),
        row(`${view.path} warm (KV hit), c=${view.concurrency}`, view.warm.latency, `${view.warm.throughput} req/s, ${view.warm.errors} errors${cut(view.warm.stoppedByBudget)}`),
      ]),
    ]),
    '',
    `Fan-out of one new episode to the show tracked by ${fanOut.trackers.toLocaleString('en')} users (one INSERT … SELECT)`,
    ...fanOut.runs.map((run) => `  run ${run.run} (${run.episode}): ${ms(run.wallMs).padStart(7)} ms, ${run.rowsInserted.toLocaleString('en')} notifications inserted`),
    `  notifications table afterwards: ${fanOut.notificationsAfter.toLocaleString('en')} rows`,
    '  EXPLAIN (ANALYZE, BUFFERS), one more run, rolled back:',
    ...planSummary(fanOut.explain),
    '',
    `Total ${results.totalSeconds} s.`,
  ];
  console.log(lines.join('\n'));
}
