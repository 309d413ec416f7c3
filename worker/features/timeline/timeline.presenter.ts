// Timeline rows as the API's JSON in a person's zone, their order, and the
// window test "upcoming" applies again to a cached answer on every read.
import { localParts } from '../../lib/local-time.ts';
import type { CachedEvent, TimelineEventType } from './timeline.schemas.ts';
import type { TimelineWindow } from './timeline.window.ts';

export interface EventRow {
  id: string;
  eventType: TimelineEventType;
  title: string;
  description: string | null;
  eventDate: Date;
  allDay: boolean;
  airDate: string | null;
  seasonNumber: number | null;
  episodeNumber: number | null;
  episodeId: string | null;
  showId: string;
  showTitle: string;
  mediaType: 'tv' | 'movie';
  posterUrl: string | null;
}

export function toCachedEvent(row: EventRow, zone: string): CachedEvent {
  // An all-day event keeps its air day in every zone; its event_date (that
  // day at 00:00 UTC) only orders rows and is never shown.
  const local = row.allDay ? null : localParts(row.eventDate, zone);
  return {
    id: row.id,
    event_type: row.eventType,
    title: row.title,
    description: row.description,
    show: { id: row.showId, title: row.showTitle, media_type: row.mediaType, poster_url: row.posterUrl },
    season_number: row.seasonNumber,
    episode_number: row.episodeNumber,
    episode_id: row.episodeId,
    all_day: row.allDay,
    starts_at: row.allDay ? null : row.eventDate.toISOString(),
    date: local?.date ?? row.airDate ?? row.eventDate.toISOString().slice(0, 10),
    local_time: local?.time ?? null,
  };
}

/**
 * By local day; within a day all-day events first (they span the whole day,
 * as calendars list them), then by instant; ties by show, season, episode.
 */
export function compareEvents(a: CachedEvent, b: CachedEvent): number {
  return (
    a.date.localeCompare(b.date) ||
    Number(b.all_day) - Number(a.all_day) ||
    (a.starts_at ?? '').localeCompare(b.starts_at ?? '') ||
    a.show.title.localeCompare(b.show.title) ||
    (a.season_number ?? -1) - (b.season_number ?? -1) ||
    (a.episode_number ?? -1) - (b.episode_number ?? -1) ||
    a.id.localeCompare(b.id)
  );
}

/** Whether a cached event is within the window: its local day, and for "upcoming" its start from now on. */
export function inWindow(event: CachedEvent, window: TimelineWindow): boolean {
  if (event.date < window.from || event.date > window.to) return false;
  if (!window.instants || event.starts_at === null) return true;
  const startsAt = Date.parse(event.starts_at);
  return startsAt >= window.instants.notBefore && startsAt < window.instants.before;
}
