// The local search statement, rendered from the worker's own builder
// (`rankedMatches` and `matchFilter` in worker/features/shows/search.query.ts)
// for the first page with no extra ids, which is every search that TMDB is not
// needed for, so it can be timed on one connection without the worker in the way.
import { count } from 'drizzle-orm';
import type pg from 'pg';
import { shows } from '../../worker/db/schema/index.ts';
import { matchFilter, normalizeQuery, rankedMatches } from '../../worker/features/shows/search.query.ts';
import { renderer, statement, type Statement } from './worker-sql.ts';

export { normalizeQuery };
export type MediaType = 'tv' | 'movie';

/** rankedMatches(db, normalized, type, 1, []): the first page of a search. */
export const rankedMatchesSql = (normalized: string, type: MediaType | undefined): Statement =>
  statement(rankedMatches(renderer, normalized, type, 1, []));

export interface SearchQuery {
  q: string;
  type?: MediaType;
  /** What kind of query this is, for the per-kind breakdown. */
  kind: string;
}

/** How many rows the statement's WHERE matches: all of them are scored and sorted to find the top 20. */
export async function countMatching(client: pg.Client, query: SearchQuery): Promise<number> {
  const counting = statement(renderer.select({ count: count() }).from(shows).where(matchFilter(normalizeQuery(query.q), query.type)));
  const { rows } = await client.query<{ count: number }>(counting.text, counting.values);
  return Number(rows[0]!.count);
}

/** Runs the statement once; returns the row count and the wall time in ms. */
export async function timeRankedMatches(client: pg.Client, query: SearchQuery): Promise<{ rows: number; ms: number }> {
  const { text, values } = rankedMatchesSql(normalizeQuery(query.q), query.type);
  const started = performance.now();
  const result = await client.query(text, values);
  return { rows: result.rowCount ?? 0, ms: performance.now() - started };
}
