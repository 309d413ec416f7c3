// Up Next (docs/design.md#up-next): what to watch next of each show the
// person is watching, from their watch history. One statement whatever the
// number of shows, outside any transaction: up-next.query.ts decides, per
// show, the next episode (or the premiere) and what is left, and reads the
// show and the episode the answer shows, already in the API's form (dates
// and instants as the presenters write them).
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { markEpisode, type HistoryDeps } from '../history/history.service.ts';
import type { WatchSchema } from '../history/history.schemas.ts';
import { encodeCursor } from './up-next.cursor.ts';
import { upNextQuery, type UpNextCursor, type UpNextRow, type UpNextSelection } from './up-next.query.ts';
import type { UpNextItemSchema } from './up-next.schemas.ts';

type UpNextItem = z.infer<typeof UpNextItemSchema>;

async function upNextRows(db: Db, userId: string, selection: UpNextSelection): Promise<UpNextRow[]> {
  return (await db.execute<UpNextRow>(upNextQuery(userId, selection))).rows;
}

function toItems(rows: UpNextRow[]): UpNextItem[] {
  return rows.map((row): UpNextItem => {
    const common = {
      show: {
        id: row.show_id,
        tmdb_id: row.show_tmdb_id,
        media_type: row.show_media_type,
        title: row.show_title,
        original_title: row.show_original_title,
        overview: row.show_overview,
        status: row.show_status,
        premiere_date: row.show_premiere_date,
        poster_url: row.show_poster_url,
        backdrop_url: row.show_backdrop_url,
        popularity: row.show_popularity,
      },
      last_watched_season: row.last_watched_season,
      last_watched_episode: row.last_watched_episode,
      last_watched_at: row.last_watched_at,
      last_watched_on: row.last_watched_on,
    };
    const episode = {
      id: row.episode_id,
      season_number: row.episode_season_number,
      episode_number: row.episode_number,
      title: row.episode_title,
      overview: row.episode_overview,
      air_date: row.episode_air_date,
      airs_at: row.episode_airs_at,
      airs_at_source: row.episode_airs_at_source,
      runtime_minutes: row.episode_runtime_minutes,
      still_url: row.episode_still_url,
      episode_type: row.episode_type,
    };
    return row.state === 'next'
      ? {
          state: 'next',
          ...common,
          next_episode: episode,
          episodes_left: row.episodes_left,
          minutes_left: row.minutes_left,
          episodes_without_runtime: row.episodes_without_runtime,
        }
      : { state: 'upcoming', ...common, premiere: episode };
  });
}

/** One show's Up Next item, or none. */
async function showItem(db: Db, userId: string, showId: string): Promise<UpNextItem | undefined> {
  return toItems(await upNextRows(db, userId, { showId }))[0];
}

/**
 * A page of the person's Up Next, most recently watched first, and the cursor
 * of the next page (null on the last). One statement: it reads one item more
 * than the page to know whether another page follows.
 */
export async function listUpNext(db: Db, userId: string, page: { limit: number; after: UpNextCursor | null }) {
  const rows = await upNextRows(db, userId, { limit: page.limit + 1, after: page.after });
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { shows: toItems(shown), next_cursor: more ? encodeCursor(shown[shown.length - 1]!) : null };
}

/**
 * "One tap": marks the show's next episode watched (now, through the
 * history's markEpisode, so the watchlist, notifications and timeline follow)
 * and answers the watch and the show's Up Next item after it (null when that
 * was the last aired episode and no premiere is near). 404 when the show is
 * not in the person's Up Next; 409 when it is only there for a premiere.
 */
export async function markNextWatched(
  deps: HistoryDeps,
  userId: string,
  showId: string,
): Promise<{ watch: z.infer<typeof WatchSchema>; up_next: UpNextItem | null }> {
  const item = await showItem(deps.db, userId, showId);
  if (!item) throw notFound('This show is not in your Up Next: you have not started it, or nothing aired is left to watch.');
  if (item.state !== 'next') throw conflict('You are caught up: the next episode has not aired yet.');
  const { watch } = await markEpisode(deps, userId, item.next_episode.id, {});
  const after = await showItem(deps.db, userId, showId);
  return { watch, up_next: after ?? null };
}
