// Turns timeline events into pending notifications (docs/design.md#fan-out):
// one set-based INSERT … SELECT over the trackers whose preferences match,
// never a loop per person. Scheduled at the event's instant minus the person's
// notify_hours_before; a date-only event counts from the start of its day in
// the person's zone. Episodes the person already watched are left out. The
// unique (user_id, timeline_event_id) key makes every run idempotent: an
// event never notifies the same person twice.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';
import type { Executor } from '../../db/client.ts';

/** When the event happens for this person: its instant, or the start of its day in their zone. */
const eventStart = sql`(CASE WHEN te.all_day THEN (te.air_date::timestamp AT TIME ZONE u.timezone) ELSE te.event_date END)`;

const scheduledFor = sql`GREATEST(now(), ${eventStart} - make_interval(hours => uts.notify_hours_before))`;

/** The columns the notify rule reads, however the query names its tables. */
export interface NotifyRuleColumns {
  eventType: SQLWrapper;
  newEpisode: SQLWrapper;
  newSeason: SQLWrapper;
  statusChange: SQLWrapper;
}

/**
 * Which preference lets an event through: premieres count as new episodes too.
 * The calendar feed's reminders use the same rule, so a VALARM appears exactly
 * where a push would come.
 */
export const wantsEventRule = (c: NotifyRuleColumns): SQL<boolean> => sql<boolean>`(CASE ${c.eventType}
  WHEN 'status_change' THEN ${c.statusChange}
  WHEN 'season_premiere' THEN (${c.newSeason} OR ${c.newEpisode})
  WHEN 'series_premiere' THEN (${c.newSeason} OR ${c.newEpisode})
  ELSE ${c.newEpisode} END)`;

const wantsEvent = wantsEventRule({
  eventType: sql.raw('te.event_type'),
  newEpisode: sql.raw('uts.notify_new_episode'),
  newSeason: sql.raw('uts.notify_new_season'),
  statusChange: sql.raw('uts.notify_status_change'),
});

/**
 * Not an episode the person already watched (an episode that moved to a later
 * day, or whose event a sync re-created): telling them it airs is noise.
 */
const notWatched = sql`NOT EXISTS (SELECT 1 FROM watches w WHERE w.user_id = uts.user_id AND w.show_id = te.show_id
  AND w.season_number = te.season_number AND w.episode_number = te.episode_number)`;

/** Still worth telling: ahead of us, or a status change that just happened. */
const stillAhead = sql`(${eventStart} > now()
  OR (te.event_type = 'status_change' AND te.created_at > now() - interval '1 day'))`;

export interface FanOutScope {
  eventIds?: string[];
  /** Every upcoming event of these shows (tracking a show, changing preferences). */
  showId?: string;
  userId?: string;
}

function scopeFilter(scope: FanOutScope): SQL {
  const parts: SQL[] = [];
  if (scope.eventIds) parts.push(sql`te.id = ANY(${uuidArray(scope.eventIds)})`);
  if (scope.showId) parts.push(sql`te.show_id = ${scope.showId}`);
  if (scope.userId) parts.push(sql`uts.user_id = ${scope.userId}`);
  if (parts.length === 0) throw new Error('fan-out needs a scope');
  return sql.join(parts, sql` AND `);
}

/** Creates the pending notifications an event scope calls for; returns how many were created. */
export async function fanOut(db: Executor, scope: FanOutScope): Promise<number> {
  if (scope.eventIds?.length === 0) return 0;
  const result = await db.execute(sql`
    INSERT INTO notifications (user_id, timeline_event_id, title, body, payload, scheduled_for)
    SELECT uts.user_id, te.id, s.title,
           COALESCE(te.description, te.title),
           jsonb_build_object(
             'show_id', s.id, 'event_type', te.event_type,
             'season_number', te.season_number, 'episode_number', te.episode_number,
             'episode_title', te.metadata->>'episode_title', 'all_day', te.all_day,
             'event_date', te.event_date, 'air_date', te.air_date,
             'url', '/shows/' || s.id),
           ${scheduledFor}
    FROM timeline_events te
    JOIN shows s ON s.id = te.show_id
    JOIN user_tracked_shows uts ON uts.show_id = te.show_id
    JOIN users u ON u.id = uts.user_id
    WHERE ${scopeFilter(scope)} AND ${wantsEvent} AND ${stillAhead} AND ${notWatched}
    ON CONFLICT (user_id, timeline_event_id) DO NOTHING`);
  return result.rowCount ?? 0;
}

/** Moves the pending notifications of rescheduled events to their new time. */
export async function reschedule(db: Executor, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await db.execute(sql`
    UPDATE notifications n SET scheduled_for = ${scheduledFor},
      payload = n.payload || jsonb_build_object('event_date', te.event_date, 'air_date', te.air_date, 'all_day', te.all_day)
    FROM timeline_events te, user_tracked_shows uts, users u
    WHERE n.timeline_event_id = te.id AND te.id = ANY(${uuidArray(eventIds)}) AND n.status = 'pending'
      AND uts.user_id = n.user_id AND uts.show_id = te.show_id AND u.id = n.user_id`);
  return result.rowCount ?? 0;
}

/** Drops a person's pending notifications for a show (untracking, preferences turned off). */
export async function dropPending(db: Executor, userId: string, showId: string): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM notifications n USING timeline_events te
    WHERE n.timeline_event_id = te.id AND te.show_id = ${showId} AND n.user_id = ${userId} AND n.status = 'pending'`);
  return result.rowCount ?? 0;
}

/** Drops the pending notifications of events that are going away. */
export async function dropPendingForEvents(db: Executor, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await db.execute(sql`
    DELETE FROM notifications WHERE status = 'pending' AND timeline_event_id = ANY(${uuidArray(eventIds)})`);
  return result.rowCount ?? 0;
}

/**
 * Re-times a person's pending notifications after their time zone changed:
 * a date-only event is due at the start of its day in their (new) zone.
 */
export async function rescheduleForPerson(db: Executor, userId: string): Promise<number> {
  const result = await db.execute(sql`
    UPDATE notifications n SET scheduled_for = ${scheduledFor}
    FROM timeline_events te, user_tracked_shows uts, users u
    WHERE n.user_id = ${userId} AND n.status = 'pending' AND n.timeline_event_id = te.id AND te.all_day
      AND uts.user_id = n.user_id AND uts.show_id = te.show_id AND u.id = n.user_id`);
  return result.rowCount ?? 0;
}
