// A person's timeline (docs/design.md#timeline): the events of the shows they
// track, on their local days. One indexed join per cache miss; the cache
// (5 minutes per person and day; docs/design.md#cache-keys) holds the
// zone-rendered events only.
//
// Why a stale entry can never show an untracked show or a wrong flag: every
// read first loads the person's zone and tracked shows (one indexed query), and
// - the cache key carries the zone and a digest of the tracked show ids, so
//   tracking, untracking or moving zones reads a different entry at once, with
//   no reliance on KV propagating an invalidation;
// - the events read are filtered again by the shows tracked right now (covers
//   a tracking change racing the query that filled the entry);
// - `watched` is never cached: each read looks up, in one indexed query, which
//   of the events it answers have a watch in the person's history. (Every
//   watch change bumps the person's version too, which retires the entries.)
// The versions of timeline.cache.ts retire entries when a sync changes events.
import { and, between, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { shows, timelineEvents, userTrackedShows, users } from '../../db/schema/index.ts';
import { cachePut, sha256Hex } from '../../lib/cache.ts';
import { storedEventTypes } from '../../lib/event-types.ts';
import { unauthorized } from '../../lib/errors.ts';
import { catchUpTimelineEvents, withCatchUpSessions } from '../catch-up/catch-up.events.ts';
import { watchedAmong } from '../history/history.service.ts';
import { addDays, startOfLocalDay } from '../../lib/local-time.ts';
import { TIMELINE_TTL_SECONDS, timelineKey, timelineVersions } from './timeline.cache.ts';
import { compareEvents, toCachedEvent, visibleEvents, watchTargetOf, withWatched } from './timeline.presenter.ts';
import type { CachedEvent, Timeline } from './timeline.schemas.ts';
import { resolveWindow, type TimelineView, type TimelineWindow } from './timeline.window.ts';

export interface TimelineDeps {
  db: Db;
  cache: KVNamespace;
}

interface Person {
  zone: string;
  tracked: Set<string>;
}

/** The zone and tracked shows, read on every request, cached or not (bench/scale times it as is). */
export function personQuery(db: Db, userId: string) {
  return db
    .select({ zone: users.timezone, showId: userTrackedShows.showId })
    .from(users)
    .leftJoin(userTrackedShows, eq(userTrackedShows.userId, users.id))
    .where(eq(users.id, userId));
}

async function loadPerson(db: Db, userId: string): Promise<Person> {
  const rows = await personQuery(db, userId);
  if (rows.length === 0) throw unauthorized('This account no longer exists.');
  const tracked = new Set<string>();
  for (const row of rows) if (row.showId) tracked.add(row.showId);
  return { zone: rows[0]!.zone, tracked };
}

/**
 * The events on the local days `from`..`to` (both included) in `zone`, split
 * in two: timed events by instant between the zone's midnights, all-day
 * events by their air day. The calendar feed selects with it too.
 */
export function onLocalDays(zone: string, from: string, to: string): SQL {
  const startInstant = startOfLocalDay(from, zone);
  const endInstant = startOfLocalDay(addDays(to, 1), zone);
  // Both branches below fall inside this instant range (all-day events sit at
  // their day's 00:00 UTC; zones are at most 14 hours from UTC), so
  // (show_id, event_date) can be range-scanned instead of reading every event
  // of each tracked show.
  const coverFrom = new Date(Math.min(startInstant.getTime(), Date.parse(`${from}T00:00:00Z`)));
  const coverTo = new Date(Math.max(endInstant.getTime(), Date.parse(`${addDays(to, 1)}T00:00:00Z`)));
  return and(
    gte(timelineEvents.eventDate, coverFrom),
    lt(timelineEvents.eventDate, coverTo),
    or(
      and(eq(timelineEvents.allDay, false), gte(timelineEvents.eventDate, startInstant), lt(timelineEvents.eventDate, endInstant)),
      and(eq(timelineEvents.allDay, true), between(timelineEvents.airDate, from, to)),
    ),
  )!;
}

/** What toCachedEvent reads, selected from timeline_events joined with shows. */
export const eventRowColumns = {
  id: timelineEvents.id,
  eventType: timelineEvents.eventType,
  title: timelineEvents.title,
  description: timelineEvents.description,
  eventDate: timelineEvents.eventDate,
  allDay: timelineEvents.allDay,
  airDate: timelineEvents.airDate,
  seasonNumber: timelineEvents.seasonNumber,
  episodeNumber: timelineEvents.episodeNumber,
  episodeId: timelineEvents.episodeId,
  showId: shows.id,
  showTitle: shows.title,
  mediaType: shows.mediaType,
  posterUrl: shows.posterUrl,
};

/** The design's one indexed join (docs/design.md#timeline), what a cache miss runs (bench/scale times it as is). */
export function eventsQuery(db: Db, userId: string, zone: string, window: Pick<TimelineWindow, 'fetchFrom' | 'fetchTo' | 'types'>) {
  return db
    .select(eventRowColumns)
    .from(timelineEvents)
    .innerJoin(
      userTrackedShows,
      and(eq(userTrackedShows.showId, timelineEvents.showId), eq(userTrackedShows.userId, userId)),
    )
    .innerJoin(shows, eq(shows.id, timelineEvents.showId))
    .where(
      and(
        onLocalDays(zone, window.fetchFrom, window.fetchTo),
        window.types ? inArray(timelineEvents.eventType, storedEventTypes(window.types)) : undefined,
      ),
    );
}

async function queryEvents(db: Db, userId: string, zone: string, window: TimelineWindow): Promise<CachedEvent[]> {
  const rows = await eventsQuery(db, userId, zone, window);
  return rows.map((row) => toCachedEvent(row, zone)).sort(compareEvents);
}

async function cacheKey(cache: KVNamespace, userId: string, person: Person, window: TimelineWindow): Promise<string> {
  const [versions, trackedDigest] = await Promise.all([
    timelineVersions(cache, userId),
    sha256Hex([...person.tracked.keys()].sort().join(',')),
  ]);
  return timelineKey(userId, window.today, `${window.variant}:${person.zone}:${trackedDigest.slice(0, 16)}`, versions);
}

export async function getTimeline(deps: TimelineDeps, userId: string, view: TimelineView, now: Date): Promise<Timeline> {
  const person = await loadPerson(deps.db, userId);
  const window = resolveWindow(view, now, person.zone);
  let events: CachedEvent[] = [];
  if (person.tracked.size > 0) {
    const key = await cacheKey(deps.cache, userId, person, window);
    const cached = await deps.cache.get<CachedEvent[]>(key, 'json');
    if (cached) {
      events = cached;
    } else {
      events = await queryEvents(deps.db, userId, person.zone, window);
      await cachePut(deps.cache, key, events, TIMELINE_TTL_SECONDS);
    }
  }
  const visible = visibleEvents(events, person.tracked, window);
  // Catch-up plan sessions are read on every request beside the watched flags, never cached.
  const [watched, sessions] = await Promise.all([
    watchedAmong(
      deps.db,
      userId,
      visible.map(watchTargetOf).filter((target) => target !== null),
    ),
    catchUpTimelineEvents(deps.db, userId, person.zone, window, now),
  ]);
  return { timezone: person.zone, from: window.from, to: window.to, events: withCatchUpSessions(withWatched(visible, watched), sessions) };
}
