// The feed's content, read with ical.js: the window, times, all-day events,
// summaries, reminders and filters. Each test makes its own shows; dates are
// relative to the person's local today, with a day's margin at the window's
// ends so a test running across midnight still holds.
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';
import { addEvent, createShow, track } from '../timeline/timeline.fixtures.ts';
import {
  addEpisodeEvent,
  eventByUid,
  feedUrl,
  fetchFeed,
  parseFeed,
  readFeed,
  setPreferences,
  textOf,
  timeOf,
  uidOf,
} from './calendar.fixtures.ts';

const today = (zone: string) => localDate(Date.now(), zone);
const uids = (feed: { events: { getFirstPropertyValue(name: string): unknown }[] }) =>
  feed.events.map((event) => String(event.getFirstPropertyValue('uid'))).sort();

describe('GET /cal/{token}.ics', () => {
  it('is a valid, empty calendar for a person who tracks nothing', async () => {
    const ada = await signUp({ timezone: 'Europe/Berlin' });
    const response = await fetchFeed((await feedUrl(ada)).url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseFeed(response.body);
    expect(events).toEqual([]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//ShowTracker//Calendar feed//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('ShowTracker');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
  });

  it('has one VEVENT per event of a tracked show from 30 days back to 180 days ahead, and none outside', async () => {
    const zone = 'Europe/London';
    const ada = await signUp({ timezone: zone });
    const [show, untracked] = [await createShow('Window'), await createShow('Untracked')];
    await track(ada.id, show.id);
    const day = today(zone);
    const inside = [
      await addEvent(show.id, { day: addDays(day, -29), episode: 1 }),
      await addEvent(show.id, { at: `${addDays(day, 1)}T12:00:00Z`, episode: 2 }),
      await addEvent(show.id, { day: addDays(day, 179), episode: 3 }),
    ];
    await addEvent(show.id, { day: addDays(day, -32), episode: 4 });
    await addEvent(show.id, { at: `${addDays(day, 182)}T12:00:00Z`, episode: 5 });
    await addEvent(untracked.id, { at: `${addDays(day, 1)}T12:00:00Z` });

    expect(uids(await readFeed((await feedUrl(ada)).url))).toEqual(inside.map(uidOf).sort());
  });

  it('gives a timed event its exact instant in UTC, an end from the runtime, and the properties clients sync by', async () => {
    const zone = 'America/New_York';
    const ada = await signUp({ timezone: zone });
    const show = await createShow('Severance');
    await query('UPDATE shows SET runtime_minutes = 50, overview = $2 WHERE id = $1', [show.id, 'Office workers split their memories.']);
    await track(ada.id, show.id);
    const at = `${addDays(today(zone), 3)}T01:00:00.000Z`;
    const named = await addEpisodeEvent(show.id, {
      season: 2,
      episode: 5,
      name: 'Trojan’s Horse',
      overview: 'Mark, Helly, Irving and Dylan face a reckoning, at length.',
      runtime: 47,
      at,
      day: addDays(today(zone), 2),
    });
    const unnamed = await addEpisodeEvent(show.id, { season: 2, episode: 6, name: null, overview: null, runtime: null, at, day: addDays(today(zone), 2) });
    const [stored] = await query<{ updated_at: Date; created_at: Date }>('SELECT updated_at, created_at FROM timeline_events WHERE id = $1', [named]);

    const feed = await readFeed((await feedUrl(ada)).url);
    const event = eventByUid(feed, uidOf(named));
    const start = timeOf(event, 'dtstart');
    expect(start.isDate).toBe(false);
    expect(start.zone?.tzid).toBe('UTC');
    expect(start.toJSDate().toISOString()).toBe(at);
    expect(timeOf(event, 'dtend').toJSDate().getTime() - Date.parse(at)).toBe(47 * 60_000);
    expect(textOf(event, 'summary')).toBe(`${show.title} S02E05 — Trojan’s Horse`);
    expect(textOf(event, 'description')).toContain('Mark, Helly, Irving and Dylan face a reckoning, at length.');
    expect(textOf(event, 'url')).toBe(`http://localhost/shows/${show.id}`);
    expect(textOf(event, 'description')).toContain(`http://localhost/shows/${show.id}`);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    // Whole seconds, as iCalendar has them.
    const second = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
    expect(timeOf(event, 'last-modified').toJSDate().getTime()).toBe(second(stored!.updated_at));
    expect(timeOf(event, 'dtstamp').toJSDate().getTime()).toBe(second(stored!.updated_at));
    expect(timeOf(event, 'created').toJSDate().getTime()).toBe(second(stored!.created_at));
    expect(textOf(event, 'transp')).toBe('TRANSPARENT');

    // No episode runtime or overview: the show's.
    const bare = eventByUid(feed, uidOf(unnamed));
    expect(textOf(bare, 'summary')).toBe(`${show.title} S02E06`);
    expect(timeOf(bare, 'dtend').toJSDate().getTime() - Date.parse(at)).toBe(50 * 60_000);
    expect(textOf(bare, 'description')).toContain('Office workers split their memories.');
  });

  it("gives an episode whose runtime is unknown, of a show without one, the runtime of the show's latest episode that has one", async () => {
    const ada = await signUp();
    const show = await createShow('Latest runtime');
    await track(ada.id, show.id);
    const day = today('UTC');
    const episode = (season: number, number: number, runtime: number | null, offset: number) =>
      addEpisodeEvent(show.id, { season, episode: number, name: null, overview: null, runtime, at: `${addDays(day, offset)}T20:00:00.000Z`, day: addDays(day, offset) });
    // Inserted out of order: the latest is by season and episode, not by row.
    const own = await episode(2, 1, 55, -7);
    await episode(1, 9, 40, -14);
    const unknown = await episode(2, 2, null, 6);

    const feed = await readFeed((await feedUrl(ada)).url);
    const minutes = (id: string, offset: number) =>
      (timeOf(eventByUid(feed, uidOf(id)), 'dtend').toJSDate().getTime() - Date.parse(`${addDays(day, offset)}T20:00:00.000Z`)) / 60_000;
    expect(minutes(own, -7)).toBe(55);
    expect(minutes(unknown, 6)).toBe(55);
  });

  it('gives a timed event whose runtime nobody knows an hour', async () => {
    const ada = await signUp();
    const show = await createShow('No runtime');
    await track(ada.id, show.id);
    const at = `${addDays(today('UTC'), 3)}T18:30:00.000Z`;
    const id = await addEvent(show.id, { at });
    const event = eventByUid(await readFeed((await feedUrl(ada)).url), uidOf(id));
    expect(timeOf(event, 'dtend').toJSDate().getTime() - Date.parse(at)).toBe(60 * 60_000);
  });

  it('puts DTSTAMP on every event', async () => {
    const ada = await signUp();
    const show = await createShow('Stamps');
    await track(ada.id, show.id);
    const day = today('UTC');
    await addEvent(show.id, { day: addDays(day, 1), episode: 1 });
    await addEvent(show.id, { at: `${addDays(day, 2)}T20:00:00Z`, episode: 2 });
    await addEvent(show.id, { at: `${addDays(day, -2)}T20:00:00Z`, type: 'status_change', season: null, episode: null, description: 'Stamps is now ended (was returning)' });
    const { events } = await readFeed((await feedUrl(ada)).url);
    expect(events).toHaveLength(3);
    for (const event of events) expect(timeOf(event, 'dtstamp').zone?.tzid).toBe('UTC');
  });

  it('makes a date-only event an all-day event on its day in Pacific/Auckland, and a status change an all-day event on the local day', async () => {
    const zone = 'Pacific/Auckland';
    const ada = await signUp({ timezone: zone });
    const show = await createShow('Bluey');
    await track(ada.id, show.id);
    const airDay = addDays(today(zone), 10);
    const dateOnly = await addEvent(show.id, { day: airDay, season: 3, episode: 4, description: 'Rain' });
    // 20:00 UTC is 08:00 or 09:00 the next morning in Auckland.
    const changedAt = `${addDays(today(zone), -3)}T20:00:00Z`;
    const status = await addEvent(show.id, { at: changedAt, type: 'status_change', season: null, episode: null, description: 'Bluey is now ended (was returning)' });

    const feed = await readFeed((await feedUrl(ada)).url);
    const event = eventByUid(feed, uidOf(dateOnly));
    expect(event.getFirstProperty('dtstart')!.type).toBe('date');
    expect(timeOf(event, 'dtstart').isDate).toBe(true);
    expect(timeOf(event, 'dtstart').toString()).toBe(airDay);
    expect(timeOf(event, 'dtend').toString()).toBe(addDays(airDay, 1));
    expect(textOf(event, 'summary')).toBe(`${show.title} S03E04 — Rain`);

    const change = eventByUid(feed, uidOf(status));
    expect(timeOf(change, 'dtstart').isDate).toBe(true);
    expect(timeOf(change, 'dtstart').toString()).toBe(localDate(Date.parse(changedAt), zone));
    expect(timeOf(change, 'dtstart').toString()).toBe(addDays(today(zone), -2));
    expect(textOf(change, 'summary')).toBe('Bluey is now ended (was returning)');
  });
});

describe('reminders', () => {
  it("follow the show's notify_hours_before where its notifications are on, and alarms=0 drops them", async () => {
    const ada = await signUp();
    const [loud, quiet, statusOnly] = [await createShow('Loud'), await createShow('Quiet'), await createShow('Status only')];
    for (const show of [loud, quiet, statusOnly]) await track(ada.id, show.id);
    await setPreferences(ada.id, loud.id, { hoursBefore: 2 });
    await setPreferences(ada.id, quiet.id, { hoursBefore: 5, newEpisode: false, newSeason: false });
    await setPreferences(ada.id, statusOnly.id, { hoursBefore: 3, newEpisode: false, newSeason: false, statusChange: true });
    const at = `${addDays(today('UTC'), 4)}T21:00:00Z`;
    const loudEvent = await addEvent(loud.id, { at, episode: 2 });
    const loudAllDay = await addEvent(loud.id, { day: addDays(today('UTC'), 5), episode: 3 });
    const quietEvent = await addEvent(quiet.id, { at, episode: 2 });
    const quietPremiere = await addEvent(quiet.id, { at, type: 'season_premiere', season: 2 });
    const statusEvent = await addEvent(statusOnly.id, { at, type: 'status_change', season: null, episode: null, description: 'Status only is now canceled' });
    const statusEpisode = await addEvent(statusOnly.id, { at, episode: 2 });

    const url = (await feedUrl(ada)).url;
    const feed = await readFeed(url);
    const triggers = (id: string) =>
      eventByUid(feed, uidOf(id))
        .getAllSubcomponents('valarm')
        .map((alarm) => {
          expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
          return String(alarm.getFirstPropertyValue('trigger'));
        });
    expect(triggers(loudEvent)).toEqual(['-PT2H']);
    expect(triggers(loudAllDay)).toEqual(['-PT2H']);
    expect(triggers(quietEvent)).toEqual([]);
    expect(triggers(quietPremiere)).toEqual([]);
    expect(triggers(statusEvent)).toEqual(['-PT3H']);
    expect(triggers(statusEpisode)).toEqual([]);

    const silent = await readFeed(url, '?alarms=0');
    expect(silent.events).toHaveLength(6);
    expect(silent.events.flatMap((event) => event.getAllSubcomponents('valarm'))).toEqual([]);
    expect((await readFeed(url, '?alarms=1')).events.flatMap((event) => event.getAllSubcomponents('valarm'))).toHaveLength(3);
  });

  it('keep every property of an event before its alarms, and the calendar properties before the events (RFC 5545 order)', async () => {
    const ada = await signUp({ timezone: 'Asia/Tokyo' });
    const show = await createShow('Order');
    await track(ada.id, show.id);
    await setPreferences(ada.id, show.id, { hoursBefore: 1 });
    await addEvent(show.id, { at: `${addDays(today('Asia/Tokyo'), 2)}T14:00:00Z` });
    const lines: string[] = (await fetchFeed((await feedUrl(ada)).url)).body.split('\r\n');
    const firstEvent = lines.indexOf('BEGIN:VEVENT');
    expect(lines.findIndex((line) => line.startsWith('X-WR-TIMEZONE:'))).toBeLessThan(firstEvent);
    const alarmEnd = lines.indexOf('END:VALARM');
    expect(alarmEnd).toBeGreaterThan(firstEvent);
    expect(lines[alarmEnd + 1]).toBe('END:VEVENT');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});

describe('query options', () => {
  it('types= keeps only those event types; favorites=1 only favorite shows', async () => {
    const ada = await signUp();
    const [favorite, other] = [await createShow('Favorite'), await createShow('Other')];
    await track(ada.id, favorite.id);
    await track(ada.id, other.id);
    await setPreferences(ada.id, favorite.id, { favorite: true });
    const at = `${addDays(today('UTC'), 6)}T20:00:00Z`;
    const favoriteEpisode = await addEvent(favorite.id, { at, episode: 2 });
    const favoritePremiere = await addEvent(favorite.id, { at, type: 'season_premiere', season: 2 });
    const otherFinale = await addEvent(other.id, { at, type: 'season_finale', episode: 8 });
    const url = (await feedUrl(ada)).url;

    expect(uids(await readFeed(url, '?types=season_premiere,season_finale'))).toEqual([favoritePremiere, otherFinale].map(uidOf).sort());
    expect(uids(await readFeed(url, '?favorites=1'))).toEqual([favoriteEpisode, favoritePremiere].map(uidOf).sort());
    expect(uids(await readFeed(url, '?favorites=1&types=season_finale'))).toEqual([]);
    expect(uids(await readFeed(url, '?favorites=0&unknown=ignored'))).toHaveLength(3);
  });

  it.each([
    ['an unknown type', '?types=new_episode,premiere', 'types'],
    ['an empty type list', '?types=', 'types'],
    ['favorites other than 0 or 1', '?favorites=yes', 'favorites'],
    ['alarms other than 0 or 1', '?alarms=false', 'alarms'],
  ])('rejects %s with 400', async (_name, search, field) => {
    const ada = await signUp();
    const response = await fetchFeed((await feedUrl(ada)).url, search);
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(response.body.error.fields).toHaveProperty(field);
  });

  it('answers HEAD like GET, without a body', async () => {
    const ada = await signUp();
    const url = (await feedUrl(ada)).url;
    const get = await fetchFeed(url);
    const head = await call('HEAD', new URL(url).pathname);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(head.headers.get('ETag')).toBe(get.headers.get('ETag'));
  });
});
