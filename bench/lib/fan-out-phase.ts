// Fan-out of one new episode of the show every user tracks: the sync inserts
// the episode and its timeline event, then fanOut() creates one pending
// notification per tracker in one INSERT … SELECT. Each run adds a new future
// episode (as a sync would) and times that statement alone.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Executor } from '../../worker/db/client.ts';
import { fanOut } from '../../worker/features/notifications/fan-out.ts';

/**
 * The statement fanOut(db, { eventIds, showId }) of
 * worker/features/notifications/fan-out.ts sends as the sync calls it,
 * rendered by drizzle's Postgres dialect: the bench times exactly the worker's SQL.
 */
async function fanOutQuery(eventId: string, showId: string): Promise<{ sql: string; params: unknown[] }> {
  let query: { sql: string; params: unknown[] } | undefined;
  const capture = {
    execute: async (statement: SQL) => {
      query = new PgDialect().sqlToQuery(statement);
      return { rowCount: 0 };
    },
  } as unknown as Executor;
  await fanOut(capture, { eventIds: [eventId], showId });
  return query!;
}

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

export async function runFanOut(client: pg.Client, runs: number): Promise<FanOutResult> {
  const { rows } = await client.query<{ trackers: string }>(
    `SELECT count(*) AS trackers FROM user_tracked_shows uts JOIN shows s ON s.id = uts.show_id WHERE s.media_type = 'tv' AND s.tmdb_id = 1`,
  );
  const results: FanOutRun[] = [];
  for (let run = 1; run <= runs; run++) {
    const { eventId, showId, code } = await newEpisodeEvent(client, 7 * run);
    const { sql, params } = await fanOutQuery(eventId, showId);
    const started = performance.now();
    const result = await client.query(sql, params);
    results.push({ run, episode: code, wallMs: Math.round((performance.now() - started) * 10) / 10, rowsInserted: result.rowCount ?? 0 });
  }

  // EXPLAIN ANALYZE runs the insert: do it in a transaction and roll it back.
  await client.query('BEGIN');
  let explain: string;
  try {
    const { eventId, showId } = await newEpisodeEvent(client, 7 * (runs + 1));
    const { sql, params } = await fanOutQuery(eventId, showId);
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    explain = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
  const after = await client.query<{ count: string }>('SELECT count(*) FROM notifications');
  return { trackers: Number(rows[0]!.trackers), runs: results, notificationsAfter: Number(after.rows[0]!.count), explain };
}
