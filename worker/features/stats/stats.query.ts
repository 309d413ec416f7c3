// A person's watching statistics in one statement: their watches (within a
// range of local days, or all), each with its local day (the instant in
// their zone, else the day given; null when unknown) and runtime (the
// episode's, else the show's), then the totals, the months and the genres
// over that one set. Reads idx_watches_user_show for the person's rows.
import { sql, type SQL } from 'drizzle-orm';

export interface StatsRow extends Record<string, unknown> {
  timezone: string;
  episode_watches: number;
  distinct_episodes: number;
  movie_watches: number;
  distinct_movies: number;
  minutes: number;
  watches_without_runtime: number;
  undated_watches: number;
  by_month: { month: string; episodes: number; movies: number; minutes: number }[];
  by_genre: { genre: string; watches: number; minutes: number }[];
}

export const statsQuery = (userId: string, range: { from?: string; to?: string }): SQL => {
  // An undated watch has no day, so a range leaves it out.
  const inRange = [
    range.from ? sql`AND w.day >= ${range.from}::date` : sql``,
    range.to ? sql`AND w.day <= ${range.to}::date` : sql``,
  ];
  return sql`
    WITH u AS (SELECT timezone FROM users WHERE id = ${userId}),
    w AS MATERIALIZED (
      SELECT w.* FROM (
        SELECT w.show_id, w.season_number, w.episode_number, w.season_number IS NULL AS is_movie,
               COALESCE(e.runtime_minutes, s.runtime_minutes) AS runtime,
               COALESCE((w.watched_at AT TIME ZONE u.timezone)::date, w.watched_on) AS day,
               s.genres
        FROM watches w
        CROSS JOIN u
        JOIN shows s ON s.id = w.show_id
        LEFT JOIN episodes e ON e.id = w.episode_id
        WHERE w.user_id = ${userId}
      ) w
      WHERE true ${inRange[0]} ${inRange[1]}
    )
    SELECT (SELECT timezone FROM u) AS timezone,
           (count(*) FILTER (WHERE NOT w.is_movie))::int AS episode_watches,
           (count(DISTINCT (w.show_id, w.season_number, w.episode_number)) FILTER (WHERE NOT w.is_movie))::int AS distinct_episodes,
           (count(*) FILTER (WHERE w.is_movie))::int AS movie_watches,
           (count(DISTINCT w.show_id) FILTER (WHERE w.is_movie))::int AS distinct_movies,
           COALESCE(sum(w.runtime), 0)::int AS minutes,
           (count(*) FILTER (WHERE w.runtime IS NULL))::int AS watches_without_runtime,
           (count(*) FILTER (WHERE w.day IS NULL))::int AS undated_watches,
           (SELECT COALESCE(jsonb_agg(m ORDER BY m.month), '[]'::jsonb) FROM (
              SELECT to_char(w.day, 'YYYY-MM') AS month,
                     (count(*) FILTER (WHERE NOT w.is_movie))::int AS episodes,
                     (count(*) FILTER (WHERE w.is_movie))::int AS movies,
                     COALESCE(sum(w.runtime), 0)::int AS minutes
              FROM w WHERE w.day IS NOT NULL GROUP BY 1) m) AS by_month,
           (SELECT COALESCE(jsonb_agg(g ORDER BY g.watches DESC, g.genre), '[]'::jsonb) FROM (
              -- Per title first, so the genres are unnested once a title, not once a watch.
              SELECT genre, sum(t.watches)::int AS watches, sum(t.minutes)::int AS minutes
              FROM (SELECT w.genres, count(*) AS watches, COALESCE(sum(w.runtime), 0) AS minutes FROM w GROUP BY w.show_id, w.genres) t
              CROSS JOIN LATERAL unnest(t.genres) AS genre
              GROUP BY genre) g) AS by_genre
    FROM w`;
};
