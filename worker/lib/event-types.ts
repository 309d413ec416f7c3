// The kinds of timeline event and how each reads, in one place for the
// database schema, the API's validation, push texts, the calendar feed and
// the PWA's filters (this file imports nothing, so the
// browser bundle can use it).
export const timelineEventTypes = [
  'new_episode',
  'season_premiere',
  'season_finale',
  'series_premiere',
  'series_finale',
  'movie_release',
  'status_change',
] as const;

export type StoredEventType = (typeof timelineEventTypes)[number];

/**
 * Events derived on each read from a person's own plans (the catch-up
 * planner's sessions), never stored in timeline_events.
 */
export const planEventTypes = ['catch_up'] as const;

/** Every type the timeline and the calendar feed answer. */
export const allEventTypes = [...timelineEventTypes, ...planEventTypes] as const;

export type TimelineEventType = (typeof allEventTypes)[number];

/** The stored types among `types`, for a query of timeline_events. */
export const storedEventTypes = (types: readonly TimelineEventType[]): StoredEventType[] =>
  types.filter((type): type is StoredEventType => (timelineEventTypes as readonly string[]).includes(type));

/** How each type reads to a person. */
export const EVENT_TYPE_LABELS: Record<TimelineEventType, string> = {
  new_episode: 'New episode',
  season_premiere: 'Season premiere',
  series_premiere: 'Series premiere',
  season_finale: 'Season finale',
  series_finale: 'Series finale',
  movie_release: 'Movie release',
  status_change: 'Status change',
  catch_up: 'Catch up',
};

const MILESTONES: ReadonlySet<string> = new Set<TimelineEventType>(['season_premiere', 'series_premiere', 'season_finale', 'series_finale']);

/** "Season premiere" and the like, worth saying beside an episode; undefined for a plain new episode or anything else. */
export const milestoneLabel = (type: string | null | undefined): string | undefined =>
  type && MILESTONES.has(type) ? EVENT_TYPE_LABELS[type as TimelineEventType] : undefined;
