// The bench's figures: a table for the terminal and a JSON file for the record.
import type { ApiResult, BurstResult } from './api-phase.ts';
import type { RawResult } from './raw-phase.ts';
import { machineLine, type BenchRun } from './results.ts';
import type { Latency } from './stats.ts';

export interface Results extends BenchRun {
  catalog: { shows: number; seedMs: number };
  rawSql: RawResult;
  api: { runtime: string; tmdbCallsDuringLocalHits: number; sequential: ApiResult; concurrent: ApiResult };
  burst: BurstResult;
  totalSeconds: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const row = (label: string, l: Latency, extra = '') =>
  `  ${label.padEnd(30)} ${String(l.n).padStart(5)} ${ms(l.p50).padStart(8)} ${ms(l.p90).padStart(8)} ${ms(l.p99).padStart(8)} ${ms(l.max).padStart(8)}  ${extra}`;
const header = `  ${''.padEnd(30)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`;

export function printResults(results: Results): void {
  const { rawSql, api, burst } = results;
  const budgetNote = (cut: boolean) => (cut ? ' (stopped by the time budget)' : '');
  const lines = [
    '',
    `ShowTracker bench:catalog — ${results.mode} (${results.database.version.split(',')[0]})`,
    machineLine(results),
    `  catalog: ${results.catalog.shows.toLocaleString('en')} shows, seeded in ${(results.catalog.seedMs / 1000).toFixed(1)} s`,
    '',
    `Search statement, raw SQL (one connection, sequential)${budgetNote(rawSql.stoppedByBudget)}`,
    header,
    row('all queries', rawSql.latency),
    ...Object.entries(rawSql.byKind).map(([kind, l]) => row(`  ${kind}`, l)),
    ...Object.entries(rawSql.byPlan).map(([plan, l]) => row(`  planned as ${plan}`, l)),
    '  slowest (rows matched = rows scored and sorted for the top 20):',
    ...rawSql.slowest.map(
      (s) => `    ${String(s.ms).padStart(5)} ms  ${JSON.stringify(s.q)}${s.type ? ` type=${s.type}` : ''} (${s.kind}), ${s.plan}, ${s.matching} rows matched`,
    ),
    '',
    `Search API, local hits (${api.runtime}; no TMDB calls expected: ${api.tmdbCallsDuringLocalHits} made)`,
    header,
    row(`sequential`, api.sequential.latency, `${api.sequential.throughput} req/s${budgetNote(api.sequential.stoppedByBudget)}`),
    row(`concurrency ${api.concurrent.concurrency}`, api.concurrent.latency, `${api.concurrent.throughput} req/s${budgetNote(api.concurrent.stoppedByBudget)}`),
    `  errors: ${api.sequential.errors + api.concurrent.errors}, incomplete: ${api.sequential.incomplete + api.concurrent.incomplete}`,
    '',
    `TMDB budget: ${burst.searches} cold searches (no local match) at concurrency ${burst.concurrency}`,
    `  TMDB search calls:        ${burst.tmdbCalls}`,
    `  most in any ${burst.windowSeconds} s window:   ${burst.maxCallsInWindow} (limit ${burst.limit}) ${burst.withinLimit ? 'OK' : 'OVER THE LIMIT'}`,
    `  burst took:               ${(burst.durationMs / 1000).toFixed(1)} s`,
    header,
    row('per search', burst.latency),
    `  incomplete: ${burst.incomplete}, errors: ${burst.errors}`,
    '',
    `Total ${results.totalSeconds} s.`,
  ];
  console.log(lines.join('\n'));
}
