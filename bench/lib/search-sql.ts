// The local search statement, as plain SQL, so it can be timed without the
// worker in the way. It mirrors `rankedMatches` (and `normalizeQuery`,
// `escapeLike`) in worker/features/shows/shows.service.ts for the first page
// with no extra ids, which is every search that TMDB is not needed for. If that
// function changes, change this too, or the raw figures stop meaning anything.
// (drizzle binds the query once for each place it appears, so the parameters
// are numbered differently; the values, and so the plan, are the same.)
import type pg from 'pg';

export type MediaType = 'tv' | 'movie';

/** Mirrors `normalizeQuery` in shows.service.ts. */
export const normalizeQuery = (query: string) => query.normalize('NFKC').trim().toLowerCase().replaceAll(/\s+/g, ' ');

const escapeLike = (query: string) => query.replaceAll(/[\\%_]/g, (char) => `\\${char}`);

const PAGE_SIZE = 20;
/** Mirrors TRIGRAM_MIN_LENGTH: shorter queries match title prefixes. */
const TRIGRAM_MIN_LENGTH = 3;

function whereClause(normalized: string, type: MediaType | undefined) {
  const short = normalized.length < TRIGRAM_MIN_LENGTH;
  const values: unknown[] = short ? [normalized, `${escapeLike(normalized)}%`] : [normalized, `%${escapeLike(normalized)}%`];
  const typeFilter = type ? ` AND media_type = $${values.push(type)}` : '';
  const match = short ? 'lower(title) LIKE $2' : '(title % $1 OR $1 <% title OR title ILIKE $2)';
  return { where: `WHERE ${match}${typeFilter}`, short, values };
}

/**
 * Mirrors `rankedMatches(db, query, type, 1, [])`: same predicates, same order,
 * and, like drizzle (checked in Postgres's statement log), all columns, the
 * limit as a parameter and no OFFSET on the first page.
 */
export function rankedMatchesSql(normalized: string, type: MediaType | undefined): { text: string; values: unknown[] } {
  const { where, short, values } = whereClause(normalized, type);
  const score = short
    ? 'CASE WHEN lower(title) = $1 THEN 2 ELSE 0 END'
    : `CASE WHEN lower(title) = $1 THEN 2 WHEN lower(title) LIKE $${values.push(`${escapeLike(normalized)}%`)} THEN 1 ELSE 0 END + word_similarity($1, title)`;
  const limit = `$${values.push(PAGE_SIZE)}`;
  const text = `SELECT * FROM shows
    ${where}
    ORDER BY (${score}) DESC,
      popularity DESC NULLS LAST, title ASC
    LIMIT ${limit}`;
  return { text, values };
}

export interface SearchQuery {
  q: string;
  type?: MediaType;
  /** What kind of query this is, for the per-kind breakdown. */
  kind: string;
}

/** How many rows the statement's WHERE matches: all of them are scored and sorted to find the top 20. */
export async function countMatching(client: pg.Client, query: SearchQuery): Promise<number> {
  const { where, values } = whereClause(normalizeQuery(query.q), query.type);
  const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM shows ${where}`, values);
  return Number(rows[0]!.count);
}

/** Runs the statement once; returns the row count and the wall time in ms. */
export async function timeRankedMatches(client: pg.Client, query: SearchQuery): Promise<{ rows: number; ms: number }> {
  const { text, values } = rankedMatchesSql(normalizeQuery(query.q), query.type);
  const started = performance.now();
  const result = await client.query(text, values);
  return { rows: result.rowCount ?? 0, ms: performance.now() - started };
}
