// Test data for the timeline tests, written straight into the database: each
// test makes its own shows, so files running in parallel never meet.
import { query, unique } from '../../test-helpers.ts';

export async function createShow(name = 'Show', mediaType: 'tv' | 'movie' = 'tv'): Promise<{ id: string; title: string }> {
  const title = `${name} ${unique()}`;
  const [row] = await query<{ id: string }>(
    "INSERT INTO shows (title, media_type, poster_url) VALUES ($1, $2, 'https://image.tmdb.org/t/p/w500/poster.jpg') RETURNING id",
    [title, mediaType],
  );
  return { id: row!.id, title };
}

export interface EventInput {
  type?: string;
  /** A timed event's UTC instant. */
  at?: string;
  /** An all-day event's day. */
  day?: string;
  season?: number | null;
  episode?: number | null;
  description?: string | null;
}

/** Inserts one event as the sync engine writes it; returns its id. */
export async function addEvent(showId: string, input: EventInput): Promise<string> {
  const allDay = input.day !== undefined;
  const season = input.season === undefined ? 1 : input.season;
  const episode = input.episode === undefined ? 1 : input.episode;
  const [row] = await query<{ id: string }>(
    `INSERT INTO timeline_events
       (show_id, event_type, title, description, event_date, all_day, air_date, season_number, episode_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      showId,
      input.type ?? 'new_episode',
      season === null ? 'Status changed' : `S${season}E${episode}`,
      input.description ?? null,
      allDay ? `${input.day}T00:00:00Z` : input.at,
      allDay,
      allDay ? input.day : null,
      season,
      episode,
    ],
  );
  return row!.id;
}

export async function track(userId: string, showId: string) {
  await query('INSERT INTO user_tracked_shows (user_id, show_id) VALUES ($1, $2)', [userId, showId]);
}

/**
 * One watch in the person's history, by the episode's numbers (null for a
 * movie) and with the day unknown, as the history keeps a watch whose
 * episode the catalog does not list.
 */
export async function addWatch(userId: string, showId: string, episode: { season: number; episode: number } | null): Promise<string> {
  const [row] = await query<{ id: string }>(
    "INSERT INTO watches (user_id, show_id, season_number, episode_number, source) VALUES ($1, $2, $3, $4, 'app') RETURNING id",
    [userId, showId, episode?.season ?? null, episode?.episode ?? null],
  );
  return row!.id;
}

export async function untrack(userId: string, showId: string) {
  await query('DELETE FROM user_tracked_shows WHERE user_id = $1 AND show_id = $2', [userId, showId]);
}
