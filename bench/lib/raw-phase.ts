// Phase 1: the search statement alone, straight to the database over one
// connection, one query at a time. This is the floor under the API's latency.
import type pg from 'pg';
import { explainAnalyze, scanKind, type ScanKind } from './plans.ts';
import { generateQueries, RAW_MIX } from './queries.ts';
import { shuffle } from './load.ts';
import type { Random } from './random.ts';
import { countMatching, timeRankedMatches, type SearchQuery } from './search-sql.ts';
import { summarize, type Latency } from './stats.ts';
import type { SeedShow } from './titles.ts';

export interface RawResult {
  planned: number;
  latency: Latency;
  byKind: Record<string, Latency>;
  byPlan: Partial<Record<ScanKind, Latency>>;
  stoppedByBudget: boolean;
  /** The slowest queries, with how many rows their WHERE matched: each one is scored and sorted. */
  slowest: { q: string; type: string | null; kind: string; ms: number; plan: ScanKind; matching: number }[];
  /** EXPLAIN ANALYZE of the slowest query as planned, and with sequential scans off. */
  explain: { asPlanned: string; seqscanOff: string };
}

/** RAW_MIX scaled to `total` queries, keeping its proportions. */
function scaledMix(total: number): Record<string, number> {
  const sum = Object.values(RAW_MIX).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(RAW_MIX).map(([kind, count]) => [kind, Math.max(1, Math.round((count * total) / sum))]));
}

const group = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, T[]>>((groups, item) => ((groups[key(item)] ??= []).push(item), groups), {});

export async function runRawPhase(
  client: pg.Client,
  catalog: readonly SeedShow[],
  options: { queries: number; budgetMs: number; random: Random; taken: Set<string> },
): Promise<RawResult> {
  const queries = shuffle(generateQueries(scaledMix(options.queries), options.random, catalog, options.taken), options.random);
  const deadline = performance.now() + options.budgetMs;
  const timed: { query: SearchQuery; ms: number }[] = [];
  for (const query of queries) {
    if (performance.now() > deadline) break;
    timed.push({ query, ms: (await timeRankedMatches(client, query)).ms });
  }

  // Planned after the timing, so EXPLAIN never warms anything for a timed query.
  const plans: ScanKind[] = [];
  for (const { query } of timed) plans.push(await scanKind(client, query));

  const byKind = Object.fromEntries(
    Object.entries(group(timed, (t) => t.query.kind)).map(([kind, items]) => [kind, summarize(items.map((t) => t.ms))]),
  );
  const withPlans = timed.map((t, i) => ({ ...t, plan: plans[i]! }));
  const byPlan = Object.fromEntries(
    Object.entries(group(withPlans, (t) => t.plan)).map(([plan, items]) => [plan, summarize(items.map((t) => t.ms))]),
  );
  const slowest = withPlans.sort((a, b) => b.ms - a.ms).slice(0, 5);
  const matched: RawResult['slowest'] = [];
  for (const t of slowest) {
    const matching = await countMatching(client, t.query);
    matched.push({ q: t.query.q, type: t.query.type ?? null, kind: t.query.kind, ms: Math.round(t.ms), plan: t.plan, matching });
  }
  return {
    planned: queries.length,
    latency: summarize(timed.map((t) => t.ms)),
    byKind,
    byPlan,
    stoppedByBudget: timed.length < queries.length,
    slowest: matched,
    explain: {
      asPlanned: await explainAnalyze(client, slowest[0]!.query, { seqscan: true }),
      seqscanOff: await explainAnalyze(client, slowest[0]!.query, { seqscan: false }),
    },
  };
}
