// The API's shapes the app reads (see /api/openapi.json for the full contract).
import type { TimelineEventType as EventType } from '../../../worker/lib/event-types.ts';

export type MediaType = 'tv' | 'movie';

export interface ShowSummary {
  id: string;
  tmdb_id: number | null;
  media_type: MediaType;
  title: string;
  original_title: string | null;
  overview: string | null;
  status: string | null;
  premiere_date: string | null;
  poster_url: string | null;
  backdrop_url: string | null;
  popularity: number | null;
}

export interface Episode {
  id: string;
  season_number: number;
  episode_number: number;
  title: string | null;
  overview: string | null;
  air_date: string | null;
  airs_at: string | null;
  airs_at_source: 'tvmaze' | 'thetvdb' | 'date_only' | null;
  runtime_minutes: number | null;
  still_url: string | null;
  episode_type: string | null;
}

export interface SeasonSummary {
  season_number: number;
  name: string | null;
  overview: string | null;
  air_date: string | null;
  episode_count: number | null;
  poster_url: string | null;
}

interface Degraded {
  incomplete: boolean;
  notice?: string;
}

export interface ShowDetail extends ShowSummary, Degraded {
  imdb_id: string | null;
  genres: string[];
  network: string | null;
  network_timezone: string | null;
  airs_time: string | null;
  last_air_date: string | null;
  runtime_minutes: number | null;
  ratings: {
    imdb_rating: number | null;
    imdb_votes: number | null;
    rotten_tomatoes: number | null;
    metacritic: number | null;
    awards: string | null;
  } | null;
  seasons: SeasonSummary[];
  next_episode: Episode | null;
  last_synced_at: string | null;
}

export interface SeasonDetail extends SeasonSummary, Degraded {
  show_id: string;
  episodes: Episode[];
}

export interface SearchResult extends Degraded {
  query: string;
  type: MediaType | null;
  page: number;
  results: ShowSummary[];
}

export interface ShowList extends Degraded {
  results: ShowSummary[];
}

export interface Preferences {
  notify_new_episode: boolean;
  notify_new_season: boolean;
  notify_status_change: boolean;
  notify_hours_before: number;
}

export interface TrackedShow extends Preferences {
  show: ShowSummary;
  is_favorite: boolean;
  last_watched_season: number | null;
  last_watched_episode: number | null;
  next_episode: Episode | null;
  tracked_at: string;
  updated_at: string;
}

// The event types are the worker's own list (it imports nothing), so the filters cannot drift.
export { timelineEventTypes as EVENT_TYPES, type TimelineEventType as EventType } from '../../../worker/lib/event-types.ts';

export interface TimelineEvent {
  id: string;
  event_type: EventType;
  title: string;
  description: string | null;
  show: { id: string; title: string; media_type: MediaType; poster_url: string | null };
  season_number: number | null;
  episode_number: number | null;
  episode_id: string | null;
  all_day: boolean;
  starts_at: string | null;
  date: string;
  local_time: string | null;
  watched: boolean | null;
}

export interface Timeline {
  timezone: string;
  from: string;
  to: string;
  events: TimelineEvent[];
}

export interface Notification {
  id: string;
  title: string;
  body: string;
  status: 'pending' | 'sent' | 'failed' | 'read';
  event_type: string | null;
  show_id: string | null;
  url: string | null;
  scheduled_for: string;
  sent_at: string | null;
  read_at: string | null;
  created_at: string;
}

export interface Inbox {
  page: number;
  page_size: number;
  has_more: boolean;
  notifications: Notification[];
}

export interface Device {
  id: string;
  endpoint: string;
  platform: string;
  content_encodings: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string;
}
