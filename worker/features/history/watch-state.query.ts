// What a person watched of one show or movie, for its page: one row per
// watched episode (or one for the movie) with its plays and the latest
// watch's when, in one statement on idx_watches_user_show. A show that does
// not exist answers no row; one with no watches, one row of NULLs.
import { sql, type SQL } from 'drizzle-orm';
import { watchTime } from '../../db/schema/index.ts';

export interface WatchStateRow extends Record<string, unknown> {
  media_type: 'tv' | 'movie';
  /** Null on the one row of a show with no watches, and for a movie's watches. */
  season_number: number | null;
  episode_number: number | null;
  episode_id: string | null;
  /** Null only on the one row of a show with no watches. */
  plays: number | null;
  last_watched_at: string | null;
  last_watched_on: string | null;
}

const latest = sql`ORDER BY ${watchTime} DESC NULLS LAST, w.created_at DESC, w.id DESC`;

export const watchStateQuery = (userId: string, showId: string): SQL => sql`
  SELECT s.media_type, g.season_number, g.episode_number, g.episode_id, g.plays, g.last_watched_at, g.last_watched_on
  FROM shows s
  LEFT JOIN LATERAL (
    SELECT w.season_number, w.episode_number,
           (array_agg(w.episode_id) FILTER (WHERE w.episode_id IS NOT NULL))[1] AS episode_id,
           count(*)::int AS plays,
           to_char((array_agg(w.watched_at ${latest}))[1] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_watched_at,
           to_char((array_agg(w.watched_on ${latest}))[1], 'YYYY-MM-DD') AS last_watched_on
    FROM watches w
    WHERE w.user_id = ${userId} AND w.show_id = s.id
    GROUP BY w.season_number, w.episode_number
  ) g ON true
  WHERE s.id = ${showId}
  ORDER BY g.season_number NULLS FIRST, g.episode_number`;
