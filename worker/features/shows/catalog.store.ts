// Writes what the providers said into the local catalog: summaries from TMDB
// lists (search, trending, popular) and full bundles (detail, seasons,
// episodes with their air instants, ratings), each bundle in one transaction.
import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { intArray, textArray } from '../../db/arrays.ts';
import type { Db, Executor } from '../../db/client.ts';
import { episodes, seasons, shows, type StoredRatings } from '../../db/schema/index.ts';
import { episodeKey } from '../metadata/air-times.ts';
import type { MovieBundle, TvBundle } from '../metadata/show-fetcher.ts';
import type { MovieDetail, Ratings, TitleSummary, TvDetail } from '../metadata/providers/types.ts';

const TV_STATUS: Record<string, string> = {
  'returning series': 'returning',
  ended: 'ended',
  canceled: 'canceled',
  cancelled: 'canceled',
  'in production': 'in_production',
  planned: 'planned',
  pilot: 'pilot',
};

/** TMDB's status words, as the stable lower-case values the API and the sync use. */
export function normalizeStatus(status: string | null): string | null {
  if (!status) return null;
  const key = status.trim().toLowerCase();
  return TV_STATUS[key] ?? key.replaceAll(/\s+/g, '_');
}

const toStoredRatings = (ratings: Ratings): StoredRatings => ({
  imdb_rating: ratings.imdbRating,
  imdb_votes: ratings.imdbVotes,
  rotten_tomatoes: ratings.rottenTomatoes,
  metacritic: ratings.metacritic,
  awards: ratings.awards,
});

/** Inserts new summaries; refreshes popularity (and, for summary-only rows, the rest). Returns ids by "type:tmdbId". */
export async function upsertSummaries(db: Db, summaries: TitleSummary[]): Promise<Map<string, string>> {
  const unique = [...new Map(summaries.map((item) => [`${item.mediaType}:${item.tmdbId}`, item])).values()];
  if (unique.length === 0) return new Map();
  const detailed = sql`${shows.detailsSyncedAt} IS NOT NULL`;
  const keep = (column: string) => sql.raw(`CASE WHEN shows.details_synced_at IS NOT NULL THEN shows.${column} ELSE excluded.${column} END`);
  const rows = await db
    .insert(shows)
    .values(
      unique.map((item) => ({
        tmdbId: item.tmdbId,
        mediaType: item.mediaType,
        title: item.title,
        originalTitle: item.originalTitle,
        overview: item.overview,
        posterUrl: item.posterUrl,
        backdropUrl: item.backdropUrl,
        premiereDate: item.premiereDate,
        popularity: item.popularity,
      })),
    )
    .onConflictDoUpdate({
      target: [shows.mediaType, shows.tmdbId],
      set: {
        popularity: sql`excluded.popularity`,
        title: keep('title'),
        originalTitle: keep('original_title'),
        overview: keep('overview'),
        posterUrl: sql`COALESCE(${keep('poster_url')}, excluded.poster_url)`,
        backdropUrl: sql`COALESCE(${keep('backdrop_url')}, excluded.backdrop_url)`,
        premiereDate: keep('premiere_date'),
        updatedAt: sql`CASE WHEN ${detailed} THEN shows.updated_at ELSE now() END`,
      },
    })
    .returning({ id: shows.id, tmdbId: shows.tmdbId, mediaType: shows.mediaType });
  return new Map(rows.map((row) => [`${row.mediaType}:${row.tmdbId}`, row.id]));
}

/**
 * External ids are unique across the catalog; TMDB occasionally lists one
 * under two entries. The first title to claim an id keeps it.
 */
async function claimExternalIds(db: Executor, showId: string, ids: { imdbId: string | null; tvdbId: number | null }) {
  if (ids.imdbId) {
    await db
      .update(shows)
      .set({ imdbId: ids.imdbId, omdbId: ids.imdbId })
      .where(and(eq(shows.id, showId), sql`NOT EXISTS (SELECT 1 FROM shows other WHERE other.imdb_id = ${ids.imdbId} AND other.id <> ${showId})`));
  }
  if (ids.tvdbId) {
    await db
      .update(shows)
      .set({ thetvdbId: ids.tvdbId })
      .where(and(eq(shows.id, showId), sql`NOT EXISTS (SELECT 1 FROM shows other WHERE other.thetvdb_id = ${ids.tvdbId} AND other.id <> ${showId})`));
  }
}

async function upsertShowRow(db: Executor, values: typeof shows.$inferInsert): Promise<string> {
  const { tmdbId: _tmdbId, mediaType: _mediaType, ...changes } = values;
  const [row] = await db
    .insert(shows)
    .values(values)
    .onConflictDoUpdate({ target: [shows.mediaType, shows.tmdbId], set: { ...changes, updatedAt: sql`now()` } })
    .returning({ id: shows.id });
  return row!.id;
}

const FINALE_TYPES: Record<string, string> = { season: 'finale', midseason: 'mid_season', series: 'series_finale' };

/**
 * ON CONFLICT DO UPDATE of these columns from the proposed row, named once:
 * only rows whose values differ are rewritten, so a sync with no upstream
 * change writes nothing.
 */
function refreshed<T extends PgTable>(table: T, keys: (keyof T['_']['columns'] & string)[]) {
  const columns = getTableColumns(table);
  const names = keys.map((key) => columns[key]!.name);
  const tableName = getTableName(table);
  return {
    set: { ...Object.fromEntries(names.map((name, index) => [keys[index], sql.raw(`excluded.${name}`)])), updatedAt: sql`now()` },
    setWhere: sql.raw(`(${names.map((name) => `${tableName}.${name}`).join(', ')}) IS DISTINCT FROM (${names.map((name) => `excluded.${name}`).join(', ')})`),
  };
}

/** What a full detail says about any title, TV show or movie. */
function detailFields(detail: TvDetail | MovieDetail, ratings: Ratings | null) {
  const now = new Date();
  return {
    tmdbId: detail.tmdbId,
    title: detail.title,
    originalTitle: detail.originalTitle,
    status: normalizeStatus(detail.status),
    overview: detail.overview,
    posterUrl: detail.posterUrl,
    backdropUrl: detail.backdropUrl,
    genres: detail.genres,
    popularity: detail.popularity,
    lastSyncedAt: now,
    detailsSyncedAt: now,
    ...(ratings ? { ratings: toStoredRatings(ratings), ratingsSyncedAt: now } : {}),
  };
}

/**
 * Writes a TV bundle: the show, its seasons and episodes, inside the caller's
 * transaction. Episodes TMDB no longer lists are removed (their events and
 * pending notifications first; watches keep their numbers), and watches of
 * episodes listed again are linked back. Returns the show's id and the
 * written counts.
 */
export async function writeTvBundle(tx: Executor, bundle: TvBundle): Promise<{ showId: string; episodesWritten: number; episodesRemoved: number; eventsRemoved: number }> {
  const { detail } = bundle;
  const showId = await upsertShowRow(tx, {
    ...detailFields(detail, bundle.ratings),
    mediaType: 'tv',
    network: detail.network?.name ?? bundle.tvdb?.networkName ?? null,
    premiereDate: detail.premiereDate,
    lastAirDate: detail.lastAirDate,
    tvmazeId: bundle.tvmaze?.tvmazeId ?? null,
    networkTimezone: bundle.networkTimezone,
    airsTime: bundle.airsTime,
  });
  await claimExternalIds(tx, showId, detail.externalIds);

  let episodesWritten = 0;
  const listed: string[] = [];
  for (const season of bundle.seasons) {
    const [seasonRow] = await tx
      .insert(seasons)
      .values({
        showId,
        seasonNumber: season.seasonNumber,
        name: season.name,
        overview: season.overview,
        posterUrl: season.posterUrl,
        airDate: season.airDate,
        episodeCount: season.episodeCount,
        tmdbId: season.tmdbId,
      })
      .onConflictDoUpdate({
        target: [seasons.showId, seasons.seasonNumber],
        ...refreshed(seasons, ['name', 'overview', 'posterUrl', 'airDate', 'episodeCount', 'tmdbId']),
      })
      .returning({ id: seasons.id });
    const seasonId =
      seasonRow?.id ??
      (
        await tx
          .select({ id: seasons.id })
          .from(seasons)
          .where(and(eq(seasons.showId, showId), eq(seasons.seasonNumber, season.seasonNumber)))
      )[0]!.id;
    listed.push(...season.episodes.map((episode) => episodeKey(episode.seasonNumber, episode.episodeNumber)));
    if (season.episodes.length === 0) continue;
    const rows = season.episodes.map((episode) => {
      const key = episodeKey(episode.seasonNumber, episode.episodeNumber);
      const time = bundle.airTimes.get(key);
      const finale = bundle.finales.get(key);
      return {
        showId,
        seasonId,
        seasonNumber: episode.seasonNumber,
        episodeNumber: episode.episodeNumber,
        title: episode.title,
        overview: episode.overview,
        airDate: time?.airDate ?? episode.airDate,
        airsAt: time?.airsAt ?? null,
        airsAtSource: time?.airsAtSource ?? null,
        runtimeMinutes: episode.runtime,
        stillUrl: episode.stillUrl,
        tmdbId: episode.tmdbId,
        episodeType: finale === 'series' ? 'series_finale' : (episode.episodeType ?? (finale ? (FINALE_TYPES[finale] ?? null) : null)),
      };
    });
    await tx
      .insert(episodes)
      .values(rows)
      .onConflictDoUpdate({
        target: [episodes.showId, episodes.seasonNumber, episodes.episodeNumber],
        ...refreshed(episodes, [
          'seasonId',
          'title',
          'overview',
          'airDate',
          'airsAt',
          'airsAtSource',
          'runtimeMinutes',
          'stillUrl',
          'tmdbId',
          'episodeType',
        ]),
      })
      .returning({ id: episodes.id })
      .then((written) => {
        episodesWritten += written.length;
      });
  }
  const removed = await removeUnlistedEpisodes(tx, showId, {
    listed,
    fetchedSeasons: bundle.seasons.map((season) => season.seasonNumber),
    knownSeasons: detail.seasons.map((season) => season.seasonNumber),
  });
  await relinkWatches(tx, showId);
  return { showId, episodesWritten, episodesRemoved: removed.episodes, eventsRemoved: removed.events };
}

/**
 * Watches outlive their episode (ON DELETE SET NULL, keeping its numbers):
 * when an episode a sync dropped is listed again, as a new row, its watches
 * are linked to it again by (show, season, episode).
 */
async function relinkWatches(tx: Executor, showId: string): Promise<number> {
  const result = await tx.execute(sql`
    UPDATE watches w SET episode_id = e.id
    FROM episodes e
    WHERE w.episode_id IS NULL AND w.show_id = ${showId} AND w.season_number IS NOT NULL
      AND e.show_id = w.show_id AND e.season_number = w.season_number AND e.episode_number = w.episode_number`);
  return result.rowCount ?? 0;
}

/**
 * Episodes TMDB dropped (a cancelled order, a renumbering) go, with their
 * events and pending notifications: those missing from a season we fetched,
 * and those of seasons TMDB no longer lists. A season whose fetch failed
 * keeps its episodes.
 */
async function removeUnlistedEpisodes(
  tx: Executor,
  showId: string,
  seen: { listed: string[]; fetchedSeasons: number[]; knownSeasons: number[] },
): Promise<{ episodes: number; events: number }> {
  const keys = seen.listed.length ? seen.listed : ['-'];
  const gone = sql`SELECT id FROM episodes WHERE show_id = ${showId} AND (
    (season_number = ANY(${intArray(seen.fetchedSeasons)}) AND (season_number::text || ':' || episode_number::text) <> ALL(${textArray(keys)}))
    OR season_number <> ALL(${intArray(seen.knownSeasons)}))`;
  await tx.execute(sql`DELETE FROM notifications WHERE status = 'pending' AND timeline_event_id IN
    (SELECT id FROM timeline_events WHERE episode_id IN (${gone}))`);
  const events = await tx.execute(sql`DELETE FROM timeline_events WHERE episode_id IN (${gone})`);
  const removed = await tx.execute(sql`DELETE FROM episodes WHERE id IN (${gone})`);
  return { episodes: removed.rowCount ?? 0, events: events.rowCount ?? 0 };
}

export async function writeMovieBundle(tx: Executor, bundle: MovieBundle): Promise<{ showId: string }> {
  const { detail } = bundle;
  const showId = await upsertShowRow(tx, {
    ...detailFields(detail, bundle.ratings),
    mediaType: 'movie',
    premiereDate: detail.releaseDate,
    runtimeMinutes: detail.runtime,
  });
  await claimExternalIds(tx, showId, { imdbId: detail.imdbId, tvdbId: null });
  return { showId };
}
