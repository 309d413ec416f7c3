// What the catch-up planner reads for a person and some shows, in one
// statement whatever the number of shows: per show, the aired regular-season
// episodes after their highest watched one (Up Next's rule, so the counts
// agree with Up Next: earlier ones skipped stay skipped; a show not started
// counts from its first episode) with their runtimes, and the next season's
// premiere still to come with its day in the person's zone.
import { sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';

export interface CatchUpRow extends Record<string, unknown> {
  kind: 'left' | 'premiere';
  show_id: string;
  episode_id: string;
  season_number: number;
  episode_number: number;
  /** 'left': the episode's runtime, else the show's. */
  runtime_minutes: number | null;
  /** 'premiere': its local day (the instant's day in the zone, else its air day). */
  day: string | null;
}

export interface CatchUpClock {
  /** The current instant. */
  now: Date;
  /** The person's local today and zone. */
  today: string;
  zone: string;
}

export const catchUpQuery = (userId: string, showIds: readonly string[], clock: CatchUpClock): SQL => sql`
  WITH k AS (SELECT DISTINCT unnest(${uuidArray(showIds)}) AS show_id),
  h AS (
    SELECT k.show_id, COALESCE(p.season_number, 0) AS hs, COALESCE(p.episode_number, 0) AS he
    FROM k
    LEFT JOIN LATERAL (
      SELECT w.season_number, w.episode_number FROM watches w
      WHERE w.user_id = ${userId} AND w.show_id = k.show_id AND w.season_number > 0
      ORDER BY w.season_number DESC, w.episode_number DESC
      LIMIT 1
    ) p ON true
  )
  SELECT 'left' AS kind, h.show_id, e.id AS episode_id, e.season_number, e.episode_number,
         COALESCE(e.runtime_minutes, s.runtime_minutes) AS runtime_minutes, NULL AS day
  FROM h
  JOIN shows s ON s.id = h.show_id
  JOIN episodes e ON e.show_id = h.show_id AND (e.season_number, e.episode_number) > (h.hs, h.he)
  -- Aired as history's marking sees it: the instant has passed, else (date
  -- only) the day has come in the person's zone.
  WHERE e.season_number > 0
    AND COALESCE(e.airs_at <= ${clock.now.toISOString()}::timestamptz, e.air_date <= ${clock.today}::date, false)
  UNION ALL
  SELECT 'premiere', k.show_id, n.id, n.season_number, n.episode_number, NULL, n.day
  FROM k
  CROSS JOIN LATERAL (
    SELECT e.id, e.season_number, e.episode_number,
           COALESCE(to_char(e.airs_at AT TIME ZONE ${clock.zone}, 'YYYY-MM-DD'), to_char(e.air_date, 'YYYY-MM-DD')) AS day
    FROM episodes e
    WHERE e.show_id = k.show_id AND e.season_number > 0 AND e.episode_number = 1
      AND (e.airs_at > ${clock.now.toISOString()}::timestamptz OR (e.airs_at IS NULL AND e.air_date > ${clock.today}::date))
    ORDER BY e.season_number
    LIMIT 1
  ) n
  ORDER BY show_id, kind, season_number, episode_number`;
