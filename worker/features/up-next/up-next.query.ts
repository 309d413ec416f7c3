// Up Next (docs/design.md#up-next): for each show a person is watching, the
// next aired regular-season episode after their highest watched one, how much
// is left, and when they last watched; or, for a show they are caught up on
// whose next season premieres within 7 days, that premiere. One statement:
// the person's watches grouped per show (on idx_watches_user_show), then, per
// show in progress, one range scan of the episodes after the highest watched
// on their (show_id, season_number, episode_number) key. No loop per show in
// the worker.
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
  /** The latest watch in microseconds since 1970, as text: the page cursor's first key. */
  sort_us: string | null;
  episodes_left: number;
  minutes_left: number;
  episodes_without_runtime: number;
  /** The show, as toShowSummary answers it. */
  show_tmdb_id: number | null;
  show_media_type: 'tv' | 'movie';
  show_title: string;
  show_original_title: string | null;
  show_overview: string | null;
  show_status: string | null;
  show_premiere_date: string | null;
  show_poster_url: string | null;
  show_backdrop_url: string | null;
  show_popularity: number | null;
  /** The episode, as toEpisode answers it (airs_at as its ISO string). */
  episode_season_number: number;
  episode_number: number;
  episode_title: string | null;
  episode_overview: string | null;
  episode_air_date: string | null;
  episode_airs_at: string | null;
  episode_airs_at_source: 'tvmaze' | 'thetvdb' | 'date_only' | null;
  episode_runtime_minutes: number | null;
  episode_still_url: string | null;
  episode_type: string | null;
}

// A (season, episode) pair as one bigint, ordered as the pair is, so the
// highest watched is a plain max() over the person's watches (no array per
// row); episode numbers are never negative.
const PAIR = 4294967296;

/** Where a page of Up Next starts: after this item, in the list's order. */
export interface UpNextCursor {
  /** The item's latest watch as microseconds since 1970 (exact, unlike a JS Date), or null: no day known. */
  sortUs: string | null;
  title: string;
  showId: string;
}

export type UpNextSelection = { showId: string } | { limit: number; after: UpNextCursor | null };

// After the cursor, in ORDER BY sort_us DESC NULLS LAST, title, show_id.
const afterCursor = (after: UpNextCursor | null): SQL => {
  if (!after) return sql``;
  const rest = sql`(s.title, m.show_id) > (${after.title}, ${after.showId}::uuid)`;
  if (after.sortUs === null) return sql`AND m.sort_us IS NULL AND ${rest}`;
  return sql`AND (m.sort_us < ${after.sortUs}::bigint OR m.sort_us IS NULL OR (m.sort_us = ${after.sortUs}::bigint AND ${rest}))`;
};

/**
 * One statement: one show's item (`{ showId }`), or a page of the person's
 * items (`{ limit, after }`). For a page, the shows come out of `c` already in
 * the list's order and each lateral step keeps it, so the LIMIT stops the
 * per-show scans after the page is full: a page costs the grouping of the
 * person's watches plus `limit` shows' scans, not every show in progress.
 */
export const upNextQuery = (userId: string, selection: UpNextSelection): SQL => {
  const oneShow = 'showId' in selection ? selection.showId : null;
  const page = 'showId' in selection ? null : selection;
  return sql`
  WITH mine AS (
    -- Per show: the highest regular-season episode watched, the latest
    -- instant and the latest day (unknown days count for neither).
    SELECT w.show_id,
           max(w.season_number::bigint * ${PAIR} + w.episode_number) FILTER (WHERE w.season_number > 0) AS highest,
           max(w.watched_at) AS max_at,
           max(w.watched_on) AS max_on,
           max(${watchTime}) AS last_time
    FROM watches w
    WHERE w.user_id = ${userId} ${oneShow ? sql`AND w.show_id = ${oneShow}` : sql``}
    GROUP BY w.show_id
  ),
  c AS (
    SELECT m.show_id, (m.highest / ${PAIR})::int AS hs, (m.highest % ${PAIR})::int AS he, m.last_time, m.sort_us,
           CASE WHEN m.max_at IS NOT NULL AND (m.max_on IS NULL OR m.max_at >= m.max_on::timestamp AT TIME ZONE 'UTC')
                THEN m.max_at END AS last_at,
           m.max_on,
           s.title, s.tmdb_id AS show_tmdb_id, s.media_type AS show_media_type,
           s.original_title AS show_original_title, s.overview AS show_overview, s.status AS show_status,
           s.premiere_date AS show_premiere_date, s.poster_url AS show_poster_url,
           s.backdrop_url AS show_backdrop_url, s.popularity AS show_popularity, s.runtime_minutes AS show_runtime,
           (SELECT (now() AT TIME ZONE u.timezone)::date FROM users u WHERE u.id = ${userId}) AS today
    -- Through arrays, so the planner counts about 10 shows (what it assumes
    -- of unnest() over a computed array) instead of its guess at the distinct
    -- shows among the person's watches, thousands for a few hundred: priced
    -- at that, the per-show scans below crossed jit_above_cost and compiling
    -- took 25-50 ms on a statement that runs in about 20. The plan is the
    -- same nested loop of per-show index scans either way.
    FROM (SELECT array_agg(show_id) AS ids, array_agg(highest) AS highests, array_agg(max_at) AS max_ats,
                 array_agg(max_on) AS max_ons, array_agg(last_time) AS last_times
          FROM mine) g
    CROSS JOIN LATERAL unnest(g.ids, g.highests, g.max_ats, g.max_ons, g.last_times)
      AS m0(show_id, highest, max_at, max_on, last_time)
    CROSS JOIN LATERAL (SELECT m0.*, (extract(epoch FROM m0.last_time) * 1000000)::bigint AS sort_us) m
    JOIN shows s ON s.id = m.show_id AND s.media_type = 'tv'
    WHERE m.highest IS NOT NULL
      AND (m.last_time >= now() - make_interval(days => ${RECENT_DAYS})
           OR EXISTS (SELECT 1 FROM user_tracked_shows t WHERE t.user_id = ${userId} AND t.show_id = m.show_id))
      ${page ? afterCursor(page.after) : sql``}
    -- The list's order, here: the steps below keep it (nested loops over c),
    -- so the outer ORDER BY needs no sort and its LIMIT ends the scans early.
    ORDER BY m.sort_us DESC NULLS LAST, s.title, m.show_id
  )
  SELECT c.show_id,
         CASE WHEN a.next_pair IS NOT NULL THEN 'next' ELSE 'upcoming' END AS state,
         e.id AS episode_id,
         c.hs AS last_watched_season, c.he AS last_watched_episode,
         to_char(c.last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_watched_at,
         CASE WHEN c.last_at IS NULL THEN to_char(c.max_on, 'YYYY-MM-DD') END AS last_watched_on,
         c.sort_us::text AS sort_us,
         a.episodes_left, a.minutes_left, a.episodes_without_runtime,
         c.show_tmdb_id, c.show_media_type, c.title AS show_title, c.show_original_title, c.show_overview,
         c.show_status, to_char(c.show_premiere_date, 'YYYY-MM-DD') AS show_premiere_date, c.show_poster_url,
         c.show_backdrop_url, c.show_popularity,
         e.season_number AS episode_season_number, e.episode_number, e.title AS episode_title,
         e.overview AS episode_overview, to_char(e.air_date, 'YYYY-MM-DD') AS episode_air_date,
         to_char(e.airs_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS episode_airs_at,
         e.airs_at_source AS episode_airs_at_source, e.runtime_minutes AS episode_runtime_minutes,
         e.still_url AS episode_still_url, e.episode_type
  FROM c
  -- One range scan per show over its episodes after the highest watched
  -- (earlier ones skipped stay skipped): the first aired one is next, and
  -- every aired one from it on is left, with its runtime (the episode's,
  -- else the show's); when none has aired, the first one still to come.
  -- Firsts as min() of the pair, so no per-show sort.
  CROSS JOIN LATERAL (
    SELECT min(e.pair) FILTER (WHERE e.aired) AS next_pair,
           (count(*) FILTER (WHERE e.aired))::int AS episodes_left,
           COALESCE(sum(e.runtime) FILTER (WHERE e.aired), 0)::int AS minutes_left,
           (count(*) FILTER (WHERE e.aired AND e.runtime IS NULL))::int AS episodes_without_runtime,
           min(e.pair) FILTER (WHERE NOT e.aired) AS up_pair
    FROM (
      SELECT e.season_number::bigint * ${PAIR} + e.episode_number AS pair,
             COALESCE(e.runtime_minutes, c.show_runtime) AS runtime,
             -- Aired as history's marking sees it: the instant has passed, else
             -- (date only) the day has come in the person's zone.
             COALESCE(e.airs_at <= now(), e.air_date <= c.today, false) AS aired
      FROM episodes e
      WHERE e.show_id = c.show_id AND (e.season_number, e.episode_number) > (c.hs, c.he)
    ) e
  ) a
  -- The next episode, else the one still to come: one probe of the key.
  CROSS JOIN LATERAL (
    SELECT e.id, e.season_number, e.episode_number, e.title, e.overview, e.air_date, e.airs_at,
           e.airs_at_source, e.runtime_minutes, e.still_url, e.episode_type
    FROM episodes e
    WHERE e.show_id = c.show_id
      AND e.season_number = (COALESCE(a.next_pair, a.up_pair) / ${PAIR})::int
      AND e.episode_number = (COALESCE(a.next_pair, a.up_pair) % ${PAIR})::int
    LIMIT 1
  ) e
  -- Caught up: only for a new season premiering within the week (an instant
  -- within 7 × 24 hours, or a date-only day within 7 days of today).
  WHERE a.next_pair IS NOT NULL
     OR (e.season_number > c.hs
         AND COALESCE(e.airs_at <= now() + make_interval(days => ${PREMIERE_DAYS}), e.air_date <= c.today + ${PREMIERE_DAYS}::int, false))
  ORDER BY c.sort_us DESC NULLS LAST, c.title, c.show_id
  ${page ? sql`LIMIT ${page.limit}` : sql``}`;
};
