// Up Next (docs/design.md#up-next): for each show a person is watching, the
// next aired regular-season episode after their highest watched one, how much
// is left, and when they last watched; or, for a show they are caught up on
// whose next season premieres within 7 days, that premiere. One statement:
// the person's watches grouped per show (on idx_watches_user_show), then, per
// show in progress, index probes on the episodes' (show_id, season_number,
// episode_number) key. No loop per show in the worker.
import { sql, type SQL } from 'drizzle-orm';
import { watchTime } from '../../db/schema/index.ts';

/** Untracked shows count as in progress while watched this recently (by the instant, else the day). */
export const RECENT_DAYS = 90;
/** A caught-up show's next season shows up this many days before its premiere. */
export const PREMIERE_DAYS = 7;

export interface UpNextRow extends Record<string, unknown> {
  show_id: string;
  state: 'next' | 'upcoming';
  /** The next episode to watch, or the premiere. */
  episode_id: string;
  last_watched_season: number;
  last_watched_episode: number;
  last_watched_at: string | null;
  last_watched_on: string | null;
  episodes_left: number;
  minutes_left: number;
  episodes_without_runtime: number;
}

/**
 * Aired as history's marking sees it: the instant has passed, else (date
 * only) the day has come in the person's zone; `u.today` is that day.
 */
const aired = sql`COALESCE(e.airs_at <= now(), e.air_date <= u.today, false)`;

export const upNextQuery = (userId: string, showId?: string): SQL => sql`
  WITH u AS (
    SELECT (now() AT TIME ZONE timezone)::date AS today FROM users WHERE id = ${userId}
  ),
  mine AS (
    -- Per show: the highest regular-season episode watched, the latest
    -- instant and the latest day (unknown days count for neither).
    SELECT w.show_id,
           max(ARRAY[w.season_number, w.episode_number]) FILTER (WHERE w.season_number > 0) AS highest,
           max(w.watched_at) AS max_at,
           max(w.watched_on) AS max_on,
           max(${watchTime}) AS last_time
    FROM watches w
    WHERE w.user_id = ${userId} ${showId ? sql`AND w.show_id = ${showId}` : sql``}
    GROUP BY w.show_id
  ),
  c AS (
    SELECT m.show_id, m.highest[1] AS hs, m.highest[2] AS he, m.last_time,
           CASE WHEN m.max_at IS NOT NULL AND (m.max_on IS NULL OR m.max_at >= m.max_on::timestamp AT TIME ZONE 'UTC')
                THEN m.max_at END AS last_at,
           m.max_on
    FROM mine m
    WHERE m.highest IS NOT NULL
      AND (m.last_time >= now() - make_interval(days => ${RECENT_DAYS})
           OR EXISTS (SELECT 1 FROM user_tracked_shows t WHERE t.user_id = ${userId} AND t.show_id = m.show_id))
  )
  SELECT c.show_id,
         CASE WHEN nxt.id IS NOT NULL THEN 'next' ELSE 'upcoming' END AS state,
         COALESCE(nxt.id, up.id) AS episode_id,
         c.hs AS last_watched_season, c.he AS last_watched_episode,
         to_char(c.last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_watched_at,
         CASE WHEN c.last_at IS NULL THEN to_char(c.max_on, 'YYYY-MM-DD') END AS last_watched_on,
         COALESCE(rest.episodes_left, 0) AS episodes_left,
         COALESCE(rest.minutes_left, 0) AS minutes_left,
         COALESCE(rest.episodes_without_runtime, 0) AS episodes_without_runtime
  FROM c
  CROSS JOIN u
  JOIN shows s ON s.id = c.show_id AND s.media_type = 'tv'
  -- The first aired episode after the highest watched (earlier ones skipped stay skipped).
  LEFT JOIN LATERAL (
    SELECT e.id, e.season_number, e.episode_number FROM episodes e
    WHERE e.show_id = c.show_id AND (e.season_number, e.episode_number) > (c.hs, c.he) AND ${aired}
    ORDER BY e.season_number, e.episode_number
    LIMIT 1
  ) nxt ON true
  -- What is left from it on: aired episodes only; runtime the episode's, else the show's.
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS episodes_left,
           COALESCE(sum(COALESCE(e.runtime_minutes, s.runtime_minutes)), 0)::int AS minutes_left,
           (count(*) FILTER (WHERE COALESCE(e.runtime_minutes, s.runtime_minutes) IS NULL))::int AS episodes_without_runtime
    FROM episodes e
    WHERE nxt.id IS NOT NULL AND e.show_id = c.show_id
      AND (e.season_number, e.episode_number) >= (nxt.season_number, nxt.episode_number) AND ${aired}
  ) rest ON true
  -- Caught up: the first episode after the highest watched, which has not aired.
  LEFT JOIN LATERAL (
    SELECT e.id, e.season_number, e.airs_at, e.air_date FROM episodes e
    WHERE nxt.id IS NULL AND e.show_id = c.show_id AND (e.season_number, e.episode_number) > (c.hs, c.he)
    ORDER BY e.season_number, e.episode_number
    LIMIT 1
  ) up ON true
  WHERE nxt.id IS NOT NULL
     OR (up.season_number > c.hs
         AND COALESCE(up.airs_at <= now() + make_interval(days => ${PREMIERE_DAYS}), up.air_date <= u.today + ${PREMIERE_DAYS}::int, false))
  ORDER BY c.last_time DESC NULLS LAST, s.title, s.id`;
