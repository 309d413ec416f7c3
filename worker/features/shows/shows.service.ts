// The catalog: search (local trigram first, TMDB when that finds too little),
// details fetched on first sight, seasons, episodes, trending and popular.
// A provider outage degrades an answer (incomplete: true), never breaks it.
import { and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { episodes, seasons, shows } from '../../db/schema/index.ts';
import { cacheKeys, readThrough, sha256Hex, TTL } from '../../lib/cache.ts';
import { notFound } from '../../lib/errors.ts';
import { ProviderError } from '../../lib/http.ts';
import type { MediaType, Page, TitleSummary } from '../metadata/providers/types.ts';
import { TitleNotFound } from '../metadata/show-fetcher.ts';
import { syncShow, type SyncDeps } from '../metadata/sync.service.ts';
import { upsertSummaries } from './catalog.store.ts';
import { normalizeQuery, PAGE_SIZE, rankedMatches } from './search.query.ts';
import { toEpisode, toSeasonSummary, toShowSummary } from './shows.presenter.ts';

export type CatalogDeps = SyncDeps;

/** Fewer local matches than this and TMDB is asked too (docs/design.md#search). */
const LOCAL_ENOUGH = 5;

function degradedNotice(error: unknown): string {
  if (error instanceof ProviderError && error.kind === 'circuit_open') return 'TMDB is unavailable right now; showing what we have stored.';
  return 'TMDB could not be reached; results may be incomplete.';
}

function isProviderFailure(error: unknown): boolean {
  return error instanceof ProviderError;
}

export async function search(deps: CatalogDeps, input: { q: string; type?: MediaType; page: number }) {
  const query = normalizeQuery(input.q);
  const key = cacheKeys.search(await sha256Hex(`${input.type ?? 'all'}|${input.page}|${query}`));
  return readThrough(deps.cache, key, TTL.search, async () => {
    const local = await rankedMatches(deps.db, query, input.type, input.page, []);
    let notice: string | undefined;
    let fromTmdb: string[] = [];
    if (local.length < LOCAL_ENOUGH) {
      if (!deps.providers.tmdb) {
        notice = 'TMDB is not configured; only titles already in the catalog are searched.';
      } else {
        try {
          const found = await deps.providers.tmdb.search(input.q, input.type, input.page);
          fromTmdb = [...(await upsertSummaries(deps.db, found.results)).values()];
        } catch (error) {
          if (!isProviderFailure(error)) throw error;
          notice = degradedNotice(error);
        }
      }
    }
    const results = fromTmdb.length ? await rankedMatches(deps.db, query, input.type, input.page, fromTmdb) : local;
    const value = {
      query: input.q,
      type: input.type ?? null,
      page: input.page,
      results: results.map(toShowSummary),
      incomplete: notice !== undefined,
      ...(notice ? { notice } : {}),
    };
    return { value, store: notice === undefined };
  });
}

async function findShow(db: Db, showId: string) {
  const [row] = await db.select().from(shows).where(eq(shows.id, showId));
  if (!row) throw notFound('No show or movie with this id.');
  return row;
}

/**
 * The title behind an id a person acts on (tracking it, putting it on their
 * watchlist): 404 when there is none; fetched first when only its search
 * summary is stored. A provider that fails does not stop the person: the
 * next sync fetches it.
 */
export async function resolveShow(deps: CatalogDeps, showId: string, source: 'tracking' | 'watchlist' | 'history') {
  const show = await findShow(deps.db, showId);
  if (!show.detailsSyncedAt) {
    try {
      await syncShow(deps, show.id, source);
    } catch (error) {
      if (!isProviderFailure(error) && !(error instanceof TitleNotFound)) throw error;
    }
  }
  return show;
}

/** Fetches and stores a title's full detail the first time anyone looks at it. */
async function ensureDetails(deps: CatalogDeps, row: typeof shows.$inferSelect): Promise<{ notice?: string }> {
  if (row.detailsSyncedAt || row.tmdbId === null) return {};
  try {
    await syncShow(deps, row.id, 'catalog');
    return {};
  } catch (error) {
    if (error instanceof TitleNotFound) return { notice: 'TMDB no longer lists this title; showing what we have stored.' };
    if (!isProviderFailure(error)) throw error;
    return { notice: degradedNotice(error) };
  }
}

async function nextEpisode(db: Db, showId: string) {
  const [row] = await db
    .select()
    .from(episodes)
    .where(and(eq(episodes.showId, showId), upcomingCondition()))
    .orderBy(sql`COALESCE(${episodes.airsAt}, ${episodes.airDate}::timestamptz) ASC`)
    .limit(1);
  return row ? toEpisode(row) : null;
}

/** Not aired yet: a future instant, or for date-only episodes a day not yet over anywhere. */
const upcomingCondition = () =>
  or(
    gte(episodes.airsAt, sql`now()`),
    and(isNull(episodes.airsAt), gte(episodes.airDate, sql`(now() AT TIME ZONE 'Pacific/Kiritimati')::date`)),
  );

export async function getShow(deps: CatalogDeps, showId: string) {
  const key = cacheKeys.show(showId);
  return readThrough(deps.cache, key, TTL.show, async () => {
    const { notice } = await ensureDetails(deps, await findShow(deps.db, showId));
    const row = await findShow(deps.db, showId);
    const seasonRows = await deps.db.select().from(seasons).where(eq(seasons.showId, showId)).orderBy(asc(seasons.seasonNumber));
    const value = {
      ...toShowSummary(row),
      imdb_id: row.imdbId,
      thetvdb_id: row.thetvdbId,
      genres: row.genres ?? [],
      network: row.network,
      network_timezone: row.networkTimezone,
      airs_time: row.airsTime,
      last_air_date: row.lastAirDate,
      runtime_minutes: row.runtimeMinutes,
      ratings: row.ratings ?? null,
      seasons: seasonRows.map(toSeasonSummary),
      next_episode: row.mediaType === 'tv' ? await nextEpisode(deps.db, showId) : null,
      last_synced_at: row.detailsSyncedAt?.toISOString() ?? null,
      incomplete: notice !== undefined,
      ...(notice ? { notice } : {}),
    };
    return { value, store: notice === undefined };
  });
}

export async function getSeason(deps: CatalogDeps, showId: string, seasonNumber: number) {
  const { notice } = await ensureDetails(deps, await findShow(deps.db, showId));
  const [season] = await deps.db
    .select()
    .from(seasons)
    .where(and(eq(seasons.showId, showId), eq(seasons.seasonNumber, seasonNumber)));
  if (!season) throw notFound(`This show has no season ${seasonNumber}.`);
  const rows = await deps.db
    .select()
    .from(episodes)
    .where(eq(episodes.seasonId, season.id))
    .orderBy(asc(episodes.episodeNumber));
  return {
    ...toSeasonSummary(season),
    show_id: showId,
    episodes: rows.map(toEpisode),
    incomplete: notice !== undefined,
    ...(notice ? { notice } : {}),
  };
}

const EPISODES_PER_PAGE = 100;

export async function listEpisodes(deps: CatalogDeps, showId: string, input: { upcoming: boolean; page: number }) {
  const { notice } = await ensureDetails(deps, await findShow(deps.db, showId));
  const rows = await deps.db
    .select()
    .from(episodes)
    .where(and(eq(episodes.showId, showId), input.upcoming ? upcomingCondition() : undefined))
    .orderBy(asc(episodes.seasonNumber), asc(episodes.episodeNumber))
    .limit(EPISODES_PER_PAGE)
    .offset((input.page - 1) * EPISODES_PER_PAGE);
  return {
    show_id: showId,
    page: input.page,
    episodes: rows.map(toEpisode),
    incomplete: notice !== undefined,
    ...(notice ? { notice } : {}),
  };
}

type ListKind = 'trending' | 'popular';

async function fetchList(deps: CatalogDeps, kind: ListKind, type: MediaType | 'all'): Promise<Page<TitleSummary>[]> {
  const tmdb = deps.providers.tmdb;
  if (!tmdb) throw new ProviderError('tmdb', 'unavailable', 'no TMDB_API_TOKEN configured');
  if (kind === 'trending') return [await tmdb.trending(type, 'week')];
  const types: MediaType[] = type === 'all' ? ['tv', 'movie'] : [type];
  return Promise.all(types.map((each) => tmdb.popular(each)));
}

/** Trending or popular from TMDB, stored locally; from the local catalog when TMDB is away. */
interface TitleList {
  results: ReturnType<typeof toShowSummary>[];
  incomplete: boolean;
  notice?: string;
}

export async function listTitles(deps: CatalogDeps, kind: ListKind, type: MediaType | 'all'): Promise<TitleList> {
  const key = kind === 'trending' ? cacheKeys.trending(type) : cacheKeys.popular(type);
  return readThrough<TitleList>(deps.cache, key, TTL.lists, async () => {
    try {
      const pages = await fetchList(deps, kind, type);
      const summaries = pages
        .flatMap((page) => page.results)
        .sort((a, b) => (pages.length > 1 ? (b.popularity ?? 0) - (a.popularity ?? 0) : 0));
      const ids = await upsertSummaries(deps.db, summaries);
      const rows = ids.size ? await deps.db.select().from(shows).where(inArray(shows.id, [...ids.values()])) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      const ordered = summaries.flatMap((item) => byId.get(ids.get(`${item.mediaType}:${item.tmdbId}`) ?? '') ?? []);
      return { value: { results: ordered.map(toShowSummary), incomplete: false }, store: true };
    } catch (error) {
      if (!isProviderFailure(error)) throw error;
      const rows = await deps.db
        .select()
        .from(shows)
        .where(type === 'all' ? undefined : eq(shows.mediaType, type))
        .orderBy(sql`${shows.popularity} DESC NULLS LAST`)
        .limit(PAGE_SIZE);
      return { value: { results: rows.map(toShowSummary), incomplete: true, notice: degradedNotice(error) }, store: false };
    }
  });
}
