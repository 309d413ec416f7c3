// The local catalog search statement (docs/design.md#search): which titles
// match a query and how they rank. Its own module, with nothing but the schema
// behind it, so bench:catalog can render and time exactly this statement.
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { shows } from '../../db/schema/index.ts';
import type { MediaType } from '../metadata/providers/types.ts';

export const PAGE_SIZE = 20;

export const normalizeQuery = (query: string) => query.normalize('NFKC').trim().toLowerCase().replaceAll(/\s+/g, ' ');

/** Below this many characters a query has no trigram: titles are matched by prefix. */
const TRIGRAM_MIN_LENGTH = 3;

const escapeLike = (query: string) => query.replaceAll(/[\\%_]/g, (char) => `\\${char}`);

/** Which titles match a normalized query (plus `extraIds`, the ones TMDB just found). */
export function matchFilter(query: string, type: MediaType | undefined, extraIds: string[] = []): SQL | undefined {
  const prefix = `${escapeLike(query)}%`;
  const matches =
    query.length < TRIGRAM_MIN_LENGTH
      ? or(sql`lower(${shows.title}) LIKE ${prefix}`, extraIds.length ? inArray(shows.id, extraIds) : undefined)
      : or(
          sql`${shows.title} % ${query}`,
          sql`${query} <% ${shows.title}`,
          sql`${shows.title} ILIKE ${`%${escapeLike(query)}%`}`,
          extraIds.length ? inArray(shows.id, extraIds) : undefined,
        );
  return and(matches, type ? eq(shows.mediaType, type) : undefined);
}

/**
 * Local matches, ranked by relevance then popularity: an exact title first,
 * then prefixes, then trigram word similarity. Queries too short for trigrams
 * match title prefixes through a btree index instead of scanning the catalog.
 * (bench:catalog times this statement as is.)
 */
export function rankedMatches(db: Db, query: string, type: MediaType | undefined, page: number, extraIds: string[]) {
  const score =
    query.length < TRIGRAM_MIN_LENGTH
      ? sql<number>`(CASE WHEN lower(${shows.title}) = ${query} THEN 2 ELSE 0 END)`
      : sql<number>`(CASE WHEN lower(${shows.title}) = ${query} THEN 2
        WHEN lower(${shows.title}) LIKE ${`${escapeLike(query)}%`} THEN 1 ELSE 0 END
        + word_similarity(${query}, ${shows.title}))`;
  return db
    .select()
    .from(shows)
    .where(matchFilter(query, type, extraIds))
    .orderBy(desc(score), sql`${shows.popularity} DESC NULLS LAST`, asc(shows.title))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
}

