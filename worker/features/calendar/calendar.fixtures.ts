// Test helpers for the calendar feed: getting a person's feed, and reading it
// with Mozilla's ical.js, a parser independent of the library that writes it.
import ICAL from 'ical.js';
import { expect } from 'vitest';
import { call, query, type CallResult, type TestAccount } from '../../test-helpers.ts';

export interface FeedUrls {
  url: string;
  webcal_url: string;
  google_url: string;
  created_at: string;
  rotated_at: string | null;
}

export async function feedUrl(account: TestAccount): Promise<FeedUrls> {
  const response = await call<FeedUrls>('GET', '/api/v1/calendar/feed-url', { token: account.accessToken });
  expect(response.status).toBe(200);
  return response.body;
}

/** The feed's path and query, for `call`; `search` is added to the query. */
export const feedPath = (url: string, search = '') => `${new URL(url).pathname}${search}`;

/** The feed's text, or the error envelope's JSON. */
export async function fetchFeed(url: string, search = '', headers: Record<string, string> = {}): Promise<CallResult> {
  return call('GET', feedPath(url, search), { headers });
}

export interface ParsedFeed {
  calendar: ICAL.Component;
  events: ICAL.Component[];
}

export function parseFeed(text: string): ParsedFeed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** Fetches and parses a feed that must answer 200. */
export async function readFeed(url: string, search = ''): Promise<ParsedFeed> {
  const response = await fetchFeed(url, search);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return parseFeed(response.body);
}

export const uidOf = (eventId: string) => `${eventId}@showtracker`;

export function eventByUid(feed: ParsedFeed, uid: string): ICAL.Component {
  const event = feed.events.find((candidate) => candidate.getFirstPropertyValue('uid') === uid);
  expect(event, `VEVENT ${uid}`).toBeDefined();
  return event!;
}

export const timeOf = (event: ICAL.Component, name: string) => event.getFirstPropertyValue(name) as ICAL.Time;
export const textOf = (event: ICAL.Component, name: string) => String(event.getFirstPropertyValue(name));

/** Sets a person's preferences on a show they track. */
export async function setPreferences(
  userId: string,
  showId: string,
  prefs: { hoursBefore?: number; favorite?: boolean; newEpisode?: boolean; newSeason?: boolean; statusChange?: boolean },
): Promise<void> {
  await query(
    `UPDATE user_tracked_shows SET
       notify_hours_before = COALESCE($3, notify_hours_before), is_favorite = COALESCE($4, is_favorite),
       notify_new_episode = COALESCE($5, notify_new_episode), notify_new_season = COALESCE($6, notify_new_season),
       notify_status_change = COALESCE($7, notify_status_change)
     WHERE user_id = $1 AND show_id = $2`,
    [userId, showId, prefs.hoursBefore ?? null, prefs.favorite ?? null, prefs.newEpisode ?? null, prefs.newSeason ?? null, prefs.statusChange ?? null],
  );
}

export interface EpisodeInput {
  season: number;
  episode: number;
  name: string | null;
  overview: string | null;
  runtime: number | null;
  /** The UTC instant, or null for a date-only episode on `day`. */
  at: string | null;
  day: string;
}

/** An episode and its timeline event, as the sync engine writes them; returns the event's id. */
export async function addEpisodeEvent(showId: string, input: EpisodeInput): Promise<string> {
  const [season] = await query<{ id: string }>(
    `INSERT INTO seasons (show_id, season_number) VALUES ($1, $2)
     ON CONFLICT (show_id, season_number) DO UPDATE SET season_number = EXCLUDED.season_number RETURNING id`,
    [showId, input.season],
  );
  const [episode] = await query<{ id: string }>(
    `INSERT INTO episodes (show_id, season_id, season_number, episode_number, title, overview, air_date, airs_at, runtime_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [showId, season!.id, input.season, input.episode, input.name, input.overview, input.day, input.at, input.runtime],
  );
  const code = `S${String(input.season).padStart(2, '0')}E${String(input.episode).padStart(2, '0')}`;
  const [event] = await query<{ id: string }>(
    `INSERT INTO timeline_events
       (show_id, event_type, title, description, event_date, all_day, air_date, season_number, episode_number, episode_id)
     SELECT $1, 'new_episode', s.title || ' ' || $2, $3, $4, $5, $6, $7, $8, $9 FROM shows s WHERE s.id = $1 RETURNING id`,
    [showId, code, input.name ?? code, input.at ?? `${input.day}T00:00:00Z`, input.at === null, input.day, input.season, input.episode, episode!.id],
  );
  return event!.id;
}
