// The local search statement, as plain SQL, so it can be timed without the
// worker in the way. It mirrors `rankedMatches` (and `normalizeQuery`,
// `likePattern`) in worker/features/shows/shows.service.ts for the first page
// with no extra ids, which is every search that TMDB is not needed for. If that
// function changes, change this too, or the raw figures stop meaning anything.
import type pg from 'pg';

export type MediaType = 'tv' | 'movie';

/** Mirrors `normalizeQuery` in shows.service.ts. */
export const normalizeQuery = (query: string) => query.normalize('NFKC').trim().toLowerCase().replaceAll(/\s+/g, ' ');

const escapeLike = (query: string) => query.replaceAll(/[\\%_]/g, (char) => `\\${char}`);

const PAGE_SIZE = 20;

/** Mirrors `rankedMatches(db, query, type, page, [])`: same predicates, same order, same page size. */
export function rankedMatchesSql(normalized: string, type: MediaType | undefined, page = 1): { text: string; values: unknown[] } {
  const values: unknown[] = [normalized, `${escapeLike(normalized)}%`, `%${escapeLike(normalized)}%`];
  const typeFilter = type ? ` AND media_type = $${values.push(type)}` : '';
  const text = `SELECT * FROM shows
    WHERE (title % $1 OR $1 <% title OR title ILIKE $3)${typeFilter}
    ORDER BY (CASE WHEN lower(title) = $1 THEN 2 WHEN lower(title) LIKE $2 THEN 1 ELSE 0 END + word_similarity($1, title)) DESC,
      popularity DESC NULLS LAST, title ASC
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  return { text, values };
}

export interface SearchQuery {
  q: string;
  type?: MediaType;
  /** What kind of query this is, for the per-kind breakdown. */
  kind: string;
}

/** Runs the statement once; returns the row count and the wall time in ms. */
export async function timeRankedMatches(client: pg.Client, query: SearchQuery): Promise<{ rows: number; ms: number }> {
  const { text, values } = rankedMatchesSql(normalizeQuery(query.q), query.type);
  const started = performance.now();
  const result = await client.query(text, values);
  return { rows: result.rowCount ?? 0, ms: performance.now() - started };
}
