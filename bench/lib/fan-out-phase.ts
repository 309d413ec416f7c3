// Fan-out of one new episode of the show every user tracks: the sync inserts
// the episode and its timeline event, then fanOut() creates one pending
// notification per tracker in one INSERT … SELECT. Each run adds a new future
// episode (as a sync would) and times that statement alone.
import type pg from 'pg';

/**
 * fanOut(db, { eventIds, showId }) of worker/features/notifications/fan-out.ts
 * as the sync calls it, rendered as drizzle does (eventStart, scheduledFor,
 * wantsEvent, stillAhead and scopeFilter inlined; $1 is uuidArray's array
 * literal, $2 the show id). Keep in step with it.
 */
export const FAN_OUT_SQL = `
    INSERT INTO notifications (user_id, timeline_event_id, title, body, payload, scheduled_for)
    SELECT uts.user_id, te.id, s.title,
           COALESCE(te.description, te.title),
           jsonb_build_object(
             'show_id', s.id, 'event_type', te.event_type,
             'season_number', te.season_number, 'episode_number', te.episode_number,
             'episode_title', te.metadata->>'episode_title', 'all_day', te.all_day,
             'event_date', te.event_date, 'air_date', te.air_date,
             'url', '/shows/' || s.id),
           GREATEST(now(), (CASE WHEN te.all_day THEN (te.air_date::timestamp AT TIME ZONE u.timezone) ELSE te.event_date END) - make_interval(hours => uts.notify_hours_before))
    FROM timeline_events te
    JOIN shows s ON s.id = te.show_id
    JOIN user_tracked_shows uts ON uts.show_id = te.show_id
    JOIN users u ON u.id = uts.user_id
    WHERE te.id = ANY($1::uuid[]) AND te.show_id = $2 AND (CASE te.event_type
  WHEN 'status_change' THEN uts.notify_status_change
  WHEN 'season_premiere' THEN (uts.notify_new_season OR uts.notify_new_episode)
  WHEN 'series_premiere' THEN (uts.notify_new_season OR uts.notify_new_episode)
  ELSE uts.notify_new_episode END) AND ((CASE WHEN te.all_day THEN (te.air_date::timestamp AT TIME ZONE u.timezone) ELSE te.event_date END) > now()
  OR (te.event_type = 'status_change' AND te.created_at > now() - interval '1 day'))
    ON CONFLICT (user_id, timeline_event_id) DO NOTHING`;

export interface FanOutRun {
  run: number;
  episode: string;
  wallMs: number;
  rowsInserted: number;
}

export interface FanOutResult {
  trackers: number;
  runs: FanOutRun[];
  notificationsAfter: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of one more run, rolled back. */
  explain: string;
}

/** A new episode of the show with tmdb_id 1, `daysAhead` days from now, and its event, as the sync writes them. */
async function newEpisodeEvent(client: pg.Client, daysAhead: number): Promise<{ eventId: string; showId: string; code: string }> {
  const { rows } = await client.query<{ event_id: string; show_id: string; code: string }>(
    `WITH show AS (SELECT id, title FROM shows WHERE media_type = 'tv' AND tmdb_id = 1),
     last AS (SELECT e.season_id, e.season_number, max(e.episode_number) AS n FROM episodes e, show
              WHERE e.show_id = show.id GROUP BY 1, 2 ORDER BY 2 DESC LIMIT 1),
     ep AS (INSERT INTO episodes (show_id, season_id, season_number, episode_number, title, air_date, airs_at, airs_at_source, runtime_minutes, episode_type)
            SELECT show.id, last.season_id, last.season_number, last.n + 1, 'Bench fan-out episode',
                   (now() + make_interval(days => $1))::date, date_trunc('hour', now()) + make_interval(days => $1), 'tvmaze', 45, 'standard'
            FROM show, last
            RETURNING id, show_id, season_number, episode_number, title, airs_at, air_date),
     code AS (SELECT 'S' || lpad(season_number::text, 2, '0') || 'E' || lpad(episode_number::text, 2, '0') AS c FROM ep)
     INSERT INTO timeline_events (show_id, event_type, title, description, event_date, season_number, episode_number, episode_id, all_day, air_date, metadata)
     SELECT ep.show_id, 'new_episode', show.title || ' ' || code.c, ep.title, ep.airs_at, ep.season_number, ep.episode_number, ep.id, false, ep.air_date,
            jsonb_build_object('episode_title', ep.title, 'runtime_minutes', 45, 'overview', NULL)
     FROM ep, show, code
     RETURNING id AS event_id, show_id, (SELECT c FROM code) AS code`,
    [daysAhead],
  );
  return { eventId: rows[0]!.event_id, showId: rows[0]!.show_id, code: rows[0]!.code };
}

const uuidLiteral = (ids: string[]) => `{${ids.map((id) => `"${id}"`).join(',')}}`;

export async function runFanOut(client: pg.Client, runs: number): Promise<FanOutResult> {
  const { rows } = await client.query<{ trackers: string }>(
    `SELECT count(*) AS trackers FROM user_tracked_shows uts JOIN shows s ON s.id = uts.show_id WHERE s.media_type = 'tv' AND s.tmdb_id = 1`,
  );
  const results: FanOutRun[] = [];
  for (let run = 1; run <= runs; run++) {
    const { eventId, showId, code } = await newEpisodeEvent(client, 7 * run);
    const started = performance.now();
    const result = await client.query(FAN_OUT_SQL, [uuidLiteral([eventId]), showId]);
    results.push({ run, episode: code, wallMs: Math.round((performance.now() - started) * 10) / 10, rowsInserted: result.rowCount ?? 0 });
  }

  // EXPLAIN ANALYZE runs the insert: do it in a transaction and roll it back.
  await client.query('BEGIN');
  let explain: string;
  try {
    const { eventId, showId } = await newEpisodeEvent(client, 7 * (runs + 1));
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${FAN_OUT_SQL}`, [uuidLiteral([eventId]), showId]);
    explain = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
  const after = await client.query<{ count: string }>('SELECT count(*) FROM notifications');
  return { trackers: Number(rows[0]!.trackers), runs: results, notificationsAfter: Number(after.rows[0]!.count), explain };
}
