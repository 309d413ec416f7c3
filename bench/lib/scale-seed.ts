// The bench:scale data set, generated inside Postgres with INSERT … SELECT over
// generate_series: no rows cross the wire, so 4 million rows take minutes, not
// hours, and nothing beyond `pg` is needed. "Random" choices come from a hash
// of the row's numbers (pg_temp.bench_rand), so every run builds the same data
// and figures from two runs compare.
//
// Shape (defaults): 100,000 users in 24 IANA zones; 20,000 shows, show 1
// tracked by every user; 100 episodes per show in 2-20 seasons, weekly with a
// 4-week break between seasons, first air days spread from ~3.3 years ago to
// ~3 months ahead; one show in five date-only (TMDB gave no time), plus a few
// date-only episodes elsewhere; episodes more than a year ahead undated
// (TBA); one timeline event per dated episode, written as the sync writes it
// (worker/features/metadata/sync.service.ts, desiredEpisodeEvents); 10 tracked
// shows per user (show 1 and 9 others, skewed towards popular shows).
import type pg from 'pg';

export interface ScaleConfig {
  users: number;
  shows: number;
  episodesPerShow: number;
  trackedPerUser: number;
}

export const USER_ZONES = [
  'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Moscow', 'Europe/Istanbul',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo',
  'America/Mexico_City', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Tokyo', 'Asia/Shanghai',
  'Asia/Dubai', 'Australia/Sydney', 'Australia/Adelaide', 'Pacific/Auckland', 'Pacific/Honolulu', 'Africa/Lagos',
];
/** The networks' zones, for airs_at = the air day's local evening there. */
const NETWORK_ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Seoul'];
/** Divisors of 100, so with the default 100 episodes every season is whole. */
const SEASON_COUNTS = [2, 4, 5, 10, 20];

const sqlArray = (items: readonly (string | number)[]) => `ARRAY[${items.map((item) => (typeof item === 'number' ? item : `'${item}'`)).join(',')}]`;

export interface SeedTimings {
  stepsMs: Record<string, number>;
  totalMs: number;
  rows: Record<string, number>;
}

export async function seedScale(client: pg.Client, config: ScaleConfig, log: (line: string) => void): Promise<SeedTimings> {
  const { rows: existing } = await client.query<{ count: string }>('SELECT count(*) FROM users');
  if (Number(existing[0]!.count) !== 0) throw new Error('users is not empty: bench:scale needs a fresh database');

  const stepsMs: Record<string, number> = {};
  const started = performance.now();
  const step = async (name: string, statement: string) => {
    const at = performance.now();
    const result = await client.query(statement);
    stepsMs[name] = Math.round(performance.now() - at);
    log(`    ${name.padEnd(34)} ${(stepsMs[name] / 1000).toFixed(1).padStart(6)} s${result.rowCount ? `  ${result.rowCount.toLocaleString('en')} rows` : ''}`);
  };
  const { users, shows, episodesPerShow: perShow, trackedPerUser } = config;

  // Uniform in [0, 1) from two integers; immutable, so the planner inlines it.
  await client.query(`CREATE FUNCTION pg_temp.bench_rand(a bigint, b bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (hashint8(a * 1000003 + b)::float8 + 2147483648) / 4294967296 $$`);
  await client.query(`CREATE TEMP TABLE bench_today AS SELECT (now() AT TIME ZONE 'UTC')::date AS day`);

  await step('users', `
    INSERT INTO users (email, username, password_hash, timezone)
    SELECT 'bench-' || g || '@bench.invalid', 'bench-' || g, 'not-a-password-hash',
           (${sqlArray(USER_ZONES)})[1 + (g % ${USER_ZONES.length})]
    FROM generate_series(1, ${users}) g`);
  await client.query(`CREATE TEMP TABLE bench_user AS SELECT substr(username, 7)::int AS n, id FROM users`);

  // Show 1 starts 50 weeks ago, so it airs now and its 100,000 trackers see it.
  await step('shows', `
    INSERT INTO shows (title, media_type, tmdb_id, popularity, premiere_date, status, network, network_timezone, airs_time, details_synced_at)
    SELECT 'Bench Show ' || g, 'tv', g, round((10000.0 / g)::numeric, 3),
           t.day + CASE WHEN g = 1 THEN -350 ELSE (-1200 + floor(pg_temp.bench_rand(g, 1) * 1300))::int END,
           'Returning Series', 'Bench Network ' || (g % 40),
           (${sqlArray(NETWORK_ZONES)})[1 + (g % ${NETWORK_ZONES.length})],
           (${sqlArray(['20:00', '21:00', '21:30', '22:00'])})[1 + (g / 7 % 4)], now()
    FROM generate_series(1, ${shows}) g, bench_today t`);

  // The per-show plan the episodes are derived from.
  await client.query(`
    CREATE TEMP TABLE bench_show AS
    SELECT s.tmdb_id AS n, s.id, s.title, s.premiere_date AS first_day, s.network_timezone AS zone, s.airs_time::time AS air_time,
           c.seasons, ceil(${perShow}::numeric / c.seasons)::int AS per_season,
           (s.tmdb_id % 5 = 0 AND s.tmdb_id <> 1) AS date_only
    FROM shows s, LATERAL (SELECT (${sqlArray(SEASON_COUNTS)})[1 + (s.tmdb_id % ${SEASON_COUNTS.length})] AS seasons) c`);

  await client.query(`
    CREATE TEMP TABLE bench_episode AS
    SELECT p.id AS show_id, p.n, i, i / p.per_season + 1 AS season_number, i % p.per_season + 1 AS episode_number,
           (i % p.per_season = p.per_season - 1 OR i = ${perShow} - 1) AS last_of_season,
           p.first_day + 7 * i + 28 * (i / p.per_season) AS day, p.zone, p.air_time,
           p.date_only OR pg_temp.bench_rand(p.n, 1000 + i) < 0.05 AS date_only
    FROM bench_show p, generate_series(0, ${perShow} - 1) i`);

  await step('seasons', `
    INSERT INTO seasons (show_id, season_number, name, air_date, episode_count)
    SELECT show_id, season_number, 'Season ' || season_number, min(day), count(*)
    FROM bench_episode GROUP BY show_id, season_number`);

  // Air days more than a year ahead are not announced yet: no date, no event.
  await step('episodes', `
    INSERT INTO episodes (show_id, season_id, season_number, episode_number, title, air_date, airs_at, airs_at_source, runtime_minutes, episode_type, tmdb_id)
    SELECT e.show_id, se.id, e.season_number, e.episode_number, 'Episode ' || e.episode_number,
           d.air_date,
           CASE WHEN d.air_date IS NOT NULL AND NOT e.date_only THEN (e.day + e.air_time) AT TIME ZONE e.zone END,
           CASE WHEN d.air_date IS NULL THEN NULL WHEN e.date_only THEN 'date_only' ELSE 'tvmaze' END,
           45, CASE WHEN e.last_of_season THEN 'finale' ELSE 'standard' END, e.n * 1000 + e.i
    FROM bench_episode e
    JOIN seasons se ON se.show_id = e.show_id AND se.season_number = e.season_number
    CROSS JOIN bench_today t
    CROSS JOIN LATERAL (SELECT CASE WHEN e.day <= t.day + 365 THEN e.day END AS air_date) d`);
  await client.query('DROP TABLE bench_episode');

  // As desiredEpisodeEvents writes them: timed events at airs_at; date-only
  // ones all-day, on their air day, with event_date that day's 00:00 UTC.
  await step('timeline_events', `
    INSERT INTO timeline_events (show_id, event_type, title, description, event_date, season_number, episode_number, episode_id, all_day, air_date, metadata)
    SELECT e.show_id,
           CASE WHEN e.episode_number = 1 THEN CASE WHEN e.season_number = 1 THEN 'series_premiere' ELSE 'season_premiere' END
                WHEN e.episode_type = 'finale' THEN 'season_finale' ELSE 'new_episode' END,
           s.title || ' ' || code.c, COALESCE(e.title, code.c),
           COALESCE(e.airs_at, e.air_date::timestamp AT TIME ZONE 'UTC'),
           e.season_number, e.episode_number, e.id, e.airs_at IS NULL, e.air_date,
           jsonb_build_object('episode_title', e.title, 'runtime_minutes', e.runtime_minutes, 'overview', NULL)
    FROM episodes e
    JOIN shows s ON s.id = e.show_id
    CROSS JOIN LATERAL (SELECT 'S' || lpad(e.season_number::text, 2, '0') || 'E' || lpad(e.episode_number::text, 2, '0') AS c) code
    WHERE e.air_date IS NOT NULL`);

  // Show 1 for everyone, then the first ${trackedPerUser - 1} distinct of 3x
  // as many draws skewed by a cube: show 2 gets ~30,000 trackers, most shows a few dozen.
  const draws = 3 * (trackedPerUser - 1);
  await step('user_tracked_shows', `
    INSERT INTO user_tracked_shows (user_id, show_id, is_favorite, notify_status_change, notify_hours_before)
    SELECT pick.user_id, s.id, pick.rank = 2,
           pg_temp.bench_rand(pick.n, -2) < 0.7,
           (${sqlArray([0, 0, 0, 1, 2, 24])})[1 + floor(pg_temp.bench_rand(pick.n, -pick.show_n) * 6)::int]
    FROM (
      SELECT u.n, u.id AS user_id, d.show_n, row_number() OVER (PARTITION BY u.n ORDER BY min(d.k)) AS rank
      FROM bench_user u
      CROSS JOIN LATERAL (
        SELECT 0 AS k, 1 AS show_n
        UNION ALL
        SELECT k, 2 + floor((${shows} - 1) * power(pg_temp.bench_rand(u.n, k), 3))::int
        FROM generate_series(1, ${draws}) k
      ) d
      GROUP BY u.n, u.id, d.show_n
    ) pick
    JOIN shows s ON s.tmdb_id = pick.show_n AND s.media_type = 'tv'
    WHERE pick.rank <= ${trackedPerUser}`);

  // Half the tracked shows have one watch in the history (what the pointer
  // columns held before migration 0008): an episode of seasons 1-3, 1-10.
  await step('watches', `
    INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, source)
    SELECT uts.user_id, uts.show_id, e.id, e.season_number, e.episode_number, 'app'
    FROM user_tracked_shows uts
    JOIN bench_user u ON u.id = uts.user_id
    JOIN shows s ON s.id = uts.show_id
    JOIN episodes e ON e.show_id = uts.show_id
      AND e.season_number = 1 + floor(pg_temp.bench_rand(u.n, s.tmdb_id) * 3)::int
      AND e.episode_number = 1 + floor(pg_temp.bench_rand(u.n, s.tmdb_id + 7) * 10)::int
    WHERE pg_temp.bench_rand(s.tmdb_id, u.n) < 0.5`);

  await step('VACUUM ANALYZE', 'VACUUM (ANALYZE) users, shows, seasons, episodes, timeline_events, user_tracked_shows, watches, notifications');
  const totalMs = Math.round(performance.now() - started);

  const counts = await client.query<Record<string, string>>(`SELECT
    (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM shows) AS shows, (SELECT count(*) FROM seasons) AS seasons,
    (SELECT count(*) FROM episodes) AS episodes, (SELECT count(*) FROM episodes WHERE air_date IS NULL) AS undated_episodes,
    (SELECT count(*) FROM timeline_events) AS timeline_events, (SELECT count(*) FROM timeline_events WHERE all_day) AS all_day_events,
    (SELECT count(*) FROM user_tracked_shows) AS tracked, (SELECT count(*) FROM watches) AS watches,
    (SELECT count(*) FROM user_tracked_shows uts JOIN shows s ON s.id = uts.show_id WHERE s.tmdb_id = 1) AS hot_show_trackers,
    (SELECT pg_database_size(current_database())) AS database_bytes`);
  const rows = Object.fromEntries(Object.entries(counts.rows[0]!).map(([key, value]) => [key, Number(value)]));
  return { stepsMs, totalMs, rows };
}
