// The kinds of timeline event, in one place for the database schema, the
// API's validation and the PWA's filters (this file imports nothing, so the
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

export type TimelineEventType = (typeof timelineEventTypes)[number];
