// Test data for the watch-history tests, written straight into the database:
// shows with seasons and episodes that aired (or will air) when a test says,
// and what a person's history holds.
import { query } from '../../test-helpers.ts';

export interface Air {
  /** The exact instant (UTC), when known. */
  at?: string | null;
  /** The day, as the providers give it. */
  day?: string | null;
}

export interface StoredEpisode {
  id: string;
  season: number;
  episode: number;
}

const DAY_MS = 86_400_000;

/** Aired long ago, at 20:00 UTC, a day apart, in order. */
export const aired = (season: number, episode: number): Air => {
  const at = new Date(Date.UTC(2020, 0, 1, 20) + (season * 100 + episode) * DAY_MS);
  return { at: at.toISOString(), day: at.toISOString().slice(0, 10) };
};

/** Airs `days` from now (at 20:00 UTC), a day apart per episode. */
export const future =
  (days = 30) =>
  (season: number, episode: number): Air => {
    const at = new Date(Date.now() + (days + season * 100 + episode) * DAY_MS);
    at.setUTCHours(20, 0, 0, 0);
    return { at: at.toISOString(), day: at.toISOString().slice(0, 10) };
  };

/** Adds episodes `first`..`last` of a season (the season too, once), each aired as `air` says. */
export async function addEpisodes(
  showId: string,
  season: number,
  first: number,
  last: number,
  air: (season: number, episode: number) => Air = aired,
): Promise<StoredEpisode[]> {
  await query('INSERT INTO seasons (show_id, season_number) VALUES ($1, $2) ON CONFLICT DO NOTHING', [showId, season]);
  const [row] = await query<{ id: string }>('SELECT id FROM seasons WHERE show_id = $1 AND season_number = $2', [showId, season]);
  const stored: StoredEpisode[] = [];
  for (let episode = first; episode <= last; episode++) {
    const when = air(season, episode);
    const [inserted] = await query<{ id: string }>(
      `INSERT INTO episodes (show_id, season_id, season_number, episode_number, title, airs_at, air_date, airs_at_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6::timestamptz IS NULL THEN 'date_only' ELSE 'tvmaze' END) RETURNING id`,
      [showId, row!.id, season, episode, `Episode ${episode}`, when.at ?? null, when.day ?? null],
    );
    stored.push({ id: inserted!.id, season, episode });
  }
  return stored;
}

export async function setRelease(movieId: string, day: string | null): Promise<void> {
  await query('UPDATE shows SET premiere_date = $2 WHERE id = $1', [movieId, day]);
}

export interface StoredWatch {
  id: string;
  episode_id: string | null;
  season_number: number | null;
  episode_number: number | null;
  watched_at: Date | null;
  watched_on: string | null;
  source: string;
}

/** A person's watches of a show, in episode order, then oldest record first. */
export const watchesOf = (userId: string, showId: string) =>
  query<StoredWatch>(
    `SELECT id, episode_id, season_number, episode_number, watched_at, to_char(watched_on, 'YYYY-MM-DD') AS watched_on, source
     FROM watches WHERE user_id = $1 AND show_id = $2 ORDER BY season_number, episode_number, created_at, id`,
    [userId, showId],
  );

/** Their highest watched regular-season episode, as the API derives it. */
export async function progressOf(userId: string, showId: string): Promise<{ season: number; episode: number } | null> {
  const [row] = await query<{ season: number; episode: number }>(
    `SELECT season_number AS season, episode_number AS episode FROM watches
     WHERE user_id = $1 AND show_id = $2 AND season_number > 0 ORDER BY season_number DESC, episode_number DESC LIMIT 1`,
    [userId, showId],
  );
  return row ?? null;
}
