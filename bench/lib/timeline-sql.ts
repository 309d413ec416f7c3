// The timeline's two statements, as drizzle sends them (copied from its
// toSQL() output for worker/features/timeline/timeline.service.ts, functions
// loadPerson and queryEvents), with the same parameters: the raw-SQL phase
// times exactly what a cache miss costs the database. If the service's query
// changes, change it here too.
import type pg from 'pg';
import { addDays, isoWeekOf, localDate, startOfLocalDay } from '../../worker/lib/local-time.ts';

/** loadPerson: the zone and tracked shows, read on every request, cached or not. */
export const PERSON_SQL =
  'select "users"."timezone", "user_tracked_shows"."show_id", "user_tracked_shows"."last_watched_season", "user_tracked_shows"."last_watched_episode" from "users" left join "user_tracked_shows" on "user_tracked_shows"."user_id" = "users"."id" where "users"."id" = $1';

/** queryEvents: the one indexed join a cache miss runs (no type filter). */
export const EVENTS_SQL =
  'select "timeline_events"."id", "timeline_events"."event_type", "timeline_events"."title", "timeline_events"."description", "timeline_events"."event_date", "timeline_events"."all_day", "timeline_events"."air_date", "timeline_events"."season_number", "timeline_events"."episode_number", "timeline_events"."episode_id", "shows"."id", "shows"."title", "shows"."media_type", "shows"."poster_url" from "timeline_events" inner join "user_tracked_shows" on ("user_tracked_shows"."show_id" = "timeline_events"."show_id" and "user_tracked_shows"."user_id" = $1) inner join "shows" on "shows"."id" = "timeline_events"."show_id" where ("timeline_events"."event_date" >= $2 and "timeline_events"."event_date" < $3 and (("timeline_events"."all_day" = $4 and "timeline_events"."event_date" >= $5 and "timeline_events"."event_date" < $6) or ("timeline_events"."all_day" = $7 and "timeline_events"."air_date" between $8 and $9)))';

export type RangeKind = 'week' | '30 days';

/** The local days a view covers, as timeline.window.ts resolves them ("30 days" = GET /timeline with no from/to). */
export function localDays(kind: RangeKind, zone: string, now: Date): { from: string; to: string } {
  const today = localDate(now, zone);
  return kind === 'week' ? isoWeekOf(today) : { from: today, to: addDays(today, 30) };
}

export function eventsParams(userId: string, zone: string, days: { from: string; to: string }): unknown[] {
  const start = startOfLocalDay(days.from, zone);
  const end = startOfLocalDay(addDays(days.to, 1), zone);
  // The covering range of queryEvents: both branches fall inside it.
  const coverFrom = new Date(Math.min(start.getTime(), Date.parse(`${days.from}T00:00:00Z`)));
  const coverTo = new Date(Math.max(end.getTime(), Date.parse(`${addDays(days.to, 1)}T00:00:00Z`)));
  return [userId, coverFrom.toISOString(), coverTo.toISOString(), false, start.toISOString(), end.toISOString(), true, days.from, days.to];
}

export async function explainEvents(client: pg.Client, params: unknown[]): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${EVENTS_SQL}`, params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}
