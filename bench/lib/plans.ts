// Which plan Postgres picks for the search statement: the trigram GIN index,
// or a sequential scan that evaluates similarity on every row. The latency of
// the search is mostly decided by this choice, so the bench reports it.
import type pg from 'pg';
import { normalizeQuery, rankedMatchesSql } from './search-sql.ts';
import type { SearchQuery } from './search-sql.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

export type ScanKind = 'seq scan' | 'trigram index' | 'other';

function scanOfShows(node: PlanNode): ScanKind | undefined {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'shows') return 'seq scan';
  if (/Bitmap Heap Scan|Index Scan/.test(node['Node Type']) && node['Relation Name'] === 'shows') return 'trigram index';
  for (const child of node.Plans ?? []) {
    const found = scanOfShows(child);
    if (found) return found;
  }
  return undefined;
}

/** The plan Postgres would use now (EXPLAIN without ANALYZE: planned, not run). */
export async function scanKind(client: pg.Client, query: SearchQuery): Promise<ScanKind> {
  const { text, values } = rankedMatchesSql(normalizeQuery(query.q), query.type);
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
  return scanOfShows(rows[0]!['QUERY PLAN'][0].Plan) ?? 'other';
}

/** EXPLAIN ANALYZE text of the statement, optionally with sequential scans discouraged, to show the alternative. */
export async function explainAnalyze(client: pg.Client, query: SearchQuery, options: { seqscan: boolean }): Promise<string> {
  const { text, values } = rankedMatchesSql(normalizeQuery(query.q), query.type);
  await client.query('BEGIN');
  try {
    // SET LOCAL: the setting ends with the transaction and never leaks into the timed queries.
    if (!options.seqscan) await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
}
