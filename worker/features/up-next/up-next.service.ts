// Up Next (docs/design.md#up-next): what to watch next of each show the
// person is watching, from their watch history. Two statements whatever the
// number of shows: up-next.query.ts decides, per show, the next episode (or
// the premiere) and what is left; one select then reads those shows and
// episodes for the answer. Both are scoped by the person's id (the second
// reads only catalog rows the first picked for them).
import { eq, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { uuidArray } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { episodes, shows } from '../../db/schema/index.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { markEpisode, type HistoryDeps } from '../history/history.service.ts';
import type { WatchSchema } from '../history/history.schemas.ts';
import { toEpisode, toShowSummary } from '../shows/shows.presenter.ts';
import { upNextQuery, type UpNextRow } from './up-next.query.ts';
import type { UpNextItemSchema } from './up-next.schemas.ts';

type UpNextItem = z.infer<typeof UpNextItemSchema>;

async function upNextItems(db: Db, userId: string, showId?: string): Promise<UpNextItem[]> {
  const { rows } = await db.transaction(async (tx) => {
    // The planner prices the per-show range scans by its guess of how many
    // shows the person has going, which it overestimates; past a few hundred
    // shows that crosses jit_above_cost, and compiling takes 25-50 ms on a
    // statement that runs in about 20 (EXPLAIN ANALYZE: 500 shows, 25,000
    // watches). For this statement only, so nothing else changes.
    await tx.execute(sql`SET LOCAL jit = off`);
    return tx.execute<UpNextRow>(upNextQuery(userId, showId));
  });
  if (rows.length === 0) return [];
  const found = await db
    .select({ show: shows, episode: episodes })
    .from(episodes)
    .innerJoin(shows, eq(shows.id, episodes.showId))
    // One array parameter: planning an IN list of 500 parameters took longer than the lookup.
    .where(sql`${episodes.id} = ANY(${uuidArray(rows.map((row) => row.episode_id))})`);
  const byEpisode = new Map(found.map((row) => [row.episode.id, row]));
  return rows.flatMap((row): UpNextItem[] => {
    const stored = byEpisode.get(row.episode_id);
    // Dropped by a sync between the two statements: left out until the next read.
    if (!stored) return [];
    const common = {
      show: toShowSummary(stored.show),
      last_watched_season: row.last_watched_season,
      last_watched_episode: row.last_watched_episode,
      last_watched_at: row.last_watched_at,
      last_watched_on: row.last_watched_on,
    };
    const episode = toEpisode(stored.episode);
    return row.state === 'next'
      ? [
          {
            state: 'next',
            ...common,
            next_episode: episode,
            episodes_left: row.episodes_left,
            minutes_left: row.minutes_left,
            episodes_without_runtime: row.episodes_without_runtime,
          },
        ]
      : [{ state: 'upcoming', ...common, premiere: episode }];
  });
}

/** The person's Up Next, most recently watched first. */
export async function listUpNext(db: Db, userId: string) {
  return { shows: await upNextItems(db, userId) };
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
  const [item] = await upNextItems(deps.db, userId, showId);
  if (!item) throw notFound('This show is not in your Up Next: you have not started it, or nothing aired is left to watch.');
  if (item.state !== 'next') throw conflict('You are caught up: the next episode has not aired yet.');
  const { watch } = await markEpisode(deps, userId, item.next_episode.id, {});
  const [after] = await upNextItems(deps.db, userId, showId);
  return { watch, up_next: after ?? null };
}
