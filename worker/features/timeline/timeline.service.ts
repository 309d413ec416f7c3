// A person's timeline (docs/design.md#timeline): the events of the shows they
// track, on their local days, with whether each is watched and the sessions of
// their catch-up plans.
//
// Served from the edge cache by the person's state version (lib/person-state.ts;
// README "Edge-fast reads"): a hit reads KV only, never Postgres. An entry is
// the whole answer for one view (route and query), tagged with the zone and
// local day it was computed for; it is used only while the view, resolved in
// that zone now, is the same window. Its version retires it when the person
// tracks, untracks, watches, plans or moves zones (Postgres bumps the version
// in the same transaction), and the catalog epoch of timeline.cache.ts when a
// sync changes events. A miss is two round trips: the person (zone, version,
// whether they track anything and have plans), then the events with their
// watched flags in one statement, beside the plans' sessions when there are
// plans.
import { and, between, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { catchUpPlans, shows, timelineEvents, userTrackedShows, users, watches } from '../../db/schema/index.ts';
import { storedEventTypes } from '../../lib/event-types.ts';
import { unauthorized } from '../../lib/errors.ts';
import { personRead, type PersonCacheDeps, type Versioned } from '../../lib/person-state.ts';
import { catchUpTimelineEvents, withCatchUpSessions } from '../catch-up/catch-up.events.ts';
import { addDays, startOfLocalDay } from '../../lib/local-time.ts';
import { TIMELINE_EPOCH_KEY, TIMELINE_TTL_SECONDS } from './timeline.cache.ts';
import { compareEvents, inWindow, toCachedEvent } from './timeline.presenter.ts';
import type { Timeline, TimelineEvent } from './timeline.schemas.ts';
import { resolveWindow, type TimelineView, type TimelineWindow } from './timeline.window.ts';

export type TimelineDeps = PersonCacheDeps;

interface Person {
  version: number;
  zone: string;
  tracksAny: boolean;
  hasPlans: boolean;
}

/** The zone, state version, and whether they track anything or plan a catch-up: a cache miss's first statement, one row (bench/scale times it as is). */
export function personQuery(db: Db, userId: string) {
  return db
    .select({
      zone: users.timezone,
      version: users.stateVersion,
      // Spelled out: drizzle leaves a one-table select's columns unqualified, and "id" would be the subquery's own.
      tracksAny: sql<boolean>`EXISTS (SELECT 1 FROM ${userTrackedShows} t WHERE t.user_id = ${users}.id)`,
      hasPlans: sql<boolean>`EXISTS (SELECT 1 FROM ${catchUpPlans} p WHERE p.user_id = ${users}.id)`,
    })
    .from(users)
    .where(eq(users.id, userId));
}

async function loadPerson(db: Db, userId: string): Promise<Person> {
  const [person] = await personQuery(db, userId);
  if (!person) throw unauthorized('This account no longer exists.');
  return person;
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

/** Whether the person's history has a watch of the event's episode, or of a release's movie; null for anything else. */
const watchedColumn = (userId: string) => sql<boolean | null>`CASE
  WHEN ${timelineEvents.seasonNumber} IS NOT NULL AND ${timelineEvents.episodeNumber} IS NOT NULL THEN EXISTS (
    SELECT 1 FROM ${watches} WHERE ${watches.userId} = ${userId} AND ${watches.showId} = ${timelineEvents.showId}
      AND ${watches.seasonNumber} = ${timelineEvents.seasonNumber} AND ${watches.episodeNumber} = ${timelineEvents.episodeNumber})
  WHEN ${timelineEvents.eventType} = 'movie_release' THEN EXISTS (
    SELECT 1 FROM ${watches} WHERE ${watches.userId} = ${userId} AND ${watches.showId} = ${timelineEvents.showId}
      AND ${watches.seasonNumber} IS NULL)
  END`;

/** The design's one indexed join (docs/design.md#timeline) with the watched flags, what a cache miss runs (bench/scale times it as is). */
export function eventsQuery(db: Db, userId: string, zone: string, window: Pick<TimelineWindow, 'fetchFrom' | 'fetchTo' | 'types'>) {
  return db
    .select({ ...eventRowColumns, watched: watchedColumn(userId) })
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

async function queryEvents(db: Db, userId: string, zone: string, window: TimelineWindow): Promise<TimelineEvent[]> {
  const rows = await eventsQuery(db, userId, zone, window);
  return rows.map((row) => ({ ...toCachedEvent(row, zone), watched: row.watched ?? null })).sort(compareEvents);
}

/** What the cache holds for a view: the answer, and the local day it was computed on. */
interface CachedTimeline extends Timeline {
  today: string;
}

/** The entry's name: the route and query as asked (the window depends on the zone, which a hit does not read). */
function viewName(view: TimelineView): string {
  const types = view.types?.length ? [...view.types].sort().join(',') : 'all';
  return view.kind === 'range' ? `timeline:range:${view.from ?? ''}:${view.to ?? ''}:${types}` : `timeline:${view.kind}:${types}`;
}

async function computeTimeline(db: Db, userId: string, person: Person, view: TimelineView, now: Date): Promise<Versioned<CachedTimeline>> {
  const window = resolveWindow(view, now, person.zone);
  const [events, sessions] = await Promise.all([
    person.tracksAny ? queryEvents(db, userId, person.zone, window) : [],
    person.hasPlans ? catchUpTimelineEvents(db, userId, person.zone, window, now) : [],
  ]);
  return {
    version: person.version,
    value: { today: window.today, timezone: person.zone, from: window.from, to: window.to, events: withCatchUpSessions(events, sessions) },
  };
}

/**
 * The view now, and the state version it reflects. `claimed` is the version
 * the person's device has seen (X-ShowTracker-State), 0 if none.
 */
export async function getTimeline(deps: TimelineDeps, userId: string, claimed: number, view: TimelineView, now: Date): Promise<Versioned<Timeline>> {
  let window: TimelineWindow | undefined;
  // Asked of Postgres when the request names no version: the person's row carries it, so a miss then needs one statement more.
  let person: Person | undefined;
  const { version, value } = await personRead<CachedTimeline>(deps, userId, claimed, {
    name: viewName(view),
    ttlSeconds: TIMELINE_TTL_SECONDS,
    epochKey: TIMELINE_EPOCH_KEY,
    current: async () => (person = await loadPerson(deps.db, userId)).version,
    usable: (entry) => {
      window = resolveWindow(view, now, entry.timezone);
      return window.today === entry.today && window.from === entry.from && window.to === entry.to;
    },
    compute: async () => {
      const computed = await computeTimeline(deps.db, userId, person ?? (await loadPerson(deps.db, userId)), view, now);
      window = resolveWindow(view, now, computed.value.timezone);
      return computed;
    },
  });
  // "Upcoming" starts at now: an entry up to its TTL old drops what has started since (sessions were placed when computed).
  if (window?.instants) {
    const { today: _today, ...timeline } = value;
    return { version, value: { ...timeline, events: timeline.events.filter((event) => event.event_type === 'catch_up' || inWindow(event, window!)) } };
  }
  // The same answer object for the same entry, so the route serializes it once (lib/json-once.ts).
  let answer = answers.get(value);
  if (!answer) {
    const { today: _today, ...timeline } = value;
    answer = timeline;
    answers.set(value, answer);
  }
  return { version, value: answer };
}

/** Each cached entry's answer (the entry without its day), kept while the entry is. */
const answers = new WeakMap<CachedTimeline, Timeline>();
