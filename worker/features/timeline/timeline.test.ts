import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV } from '../../test-helpers.ts';
import { addDays, localDate } from '../../lib/local-time.ts';
import { addEvent, addWatch, createShow, track, untrack } from './timeline.fixtures.ts';

const timeline = (token: string, search = '') => call('GET', `/api/v1/timeline${search}`, { token });
const ids = (body: { events: { id: string }[] }) => body.events.map((event) => event.id);

describe('GET /timeline', () => {
  it("returns the person's tracked events in their zone, all-day first within a day", async () => {
    const ada = await signUp({ timezone: 'Europe/London' });
    const show = await createShow('Severance');
    const untracked = await createShow('Untracked');
    await track(ada.id, show.id);
    const timed = await addEvent(show.id, { at: '2026-06-10T20:00:00Z', season: 2, episode: 5, description: 'Trojan’s Horse' });
    const allDay = await addEvent(show.id, { day: '2026-06-10', type: 'season_finale', season: 2, episode: 6 });
    const nextDay = await addEvent(show.id, { at: '2026-06-11T23:30:00Z', season: 2, episode: 7 });
    await addEvent(show.id, { at: '2026-06-09T22:59:00Z' });
    await addEvent(untracked.id, { at: '2026-06-10T20:00:00Z' });

    const response = await timeline(ada.accessToken, '?from=2026-06-10&to=2026-06-11');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ timezone: 'Europe/London', from: '2026-06-10', to: '2026-06-11' });
    expect(ids(response.body)).toEqual([allDay, timed]);
    expect(response.body.events[1]).toEqual({
      id: timed,
      event_type: 'new_episode',
      title: 'S2E5',
      description: 'Trojan’s Horse',
      show: { id: show.id, title: show.title, media_type: 'tv', poster_url: 'https://image.tmdb.org/t/p/w500/poster.jpg' },
      season_number: 2,
      episode_number: 5,
      episode_id: null,
      all_day: false,
      starts_at: '2026-06-10T20:00:00.000Z',
      date: '2026-06-10',
      local_time: '21:00',
      watched: false,
    });
    expect(response.body.events[0]).toMatchObject({ all_day: true, starts_at: null, date: '2026-06-10', local_time: null });
    // 23:30 UTC on the 11th is 00:30 on the 12th in London (BST).
    expect(ids((await timeline(ada.accessToken, '?from=2026-06-12&to=2026-06-12')).body)).toEqual([nextDay]);
  });

  it("never shows another person's tracked shows", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const adas = await createShow('Ada only');
    const bobs = await createShow('Bob only');
    await track(ada.id, adas.id);
    await track(bob.id, bobs.id);
    const adaEvent = await addEvent(adas.id, { at: '2026-05-01T12:00:00Z' });
    const bobEvent = await addEvent(bobs.id, { at: '2026-05-01T12:00:00Z' });
    const range = '?from=2026-05-01&to=2026-05-01';
    expect(ids((await timeline(ada.accessToken, range)).body)).toEqual([adaEvent]);
    expect(ids((await timeline(bob.accessToken, range)).body)).toEqual([bobEvent]);
  });

  it('drops an untracked show at once even though its timeline was cached, and shows a newly tracked one', async () => {
    const ada = await signUp({ timezone: 'Asia/Kolkata' });
    const [kept, dropped, added] = [await createShow('Kept'), await createShow('Dropped'), await createShow('Added')];
    await track(ada.id, kept.id);
    await track(ada.id, dropped.id);
    const keptEvent = await addEvent(kept.id, { at: '2026-07-01T15:00:00Z' });
    const droppedEvent = await addEvent(dropped.id, { at: '2026-07-01T15:00:00Z' });
    const addedEvent = await addEvent(added.id, { day: '2026-07-01' });
    const range = '?from=2026-07-01&to=2026-07-01';

    expect(ids((await timeline(ada.accessToken, range)).body).sort()).toEqual([keptEvent, droppedEvent].sort());
    const cached = await TEST_ENV.CACHE.list({ prefix: `p:${ada.id}:` });
    expect(cached.keys.length).toBeGreaterThan(0);

    // Straight in the database: no invalidation call at all. Postgres bumps the person's version,
    // which a request naming no version reads, so the old entry is not used.
    await untrack(ada.id, dropped.id);
    expect(ids((await timeline(ada.accessToken, range)).body)).toEqual([keptEvent]);
    await track(ada.id, added.id);
    expect(ids((await timeline(ada.accessToken, range)).body)).toEqual([addedEvent, keptEvent]);
  });

  it('filters by event type, one or several', async () => {
    const ada = await signUp();
    const show = await createShow();
    await track(ada.id, show.id);
    await addEvent(show.id, { at: '2026-08-01T10:00:00Z', type: 'new_episode', episode: 2 });
    const premiere = await addEvent(show.id, { at: '2026-08-01T11:00:00Z', type: 'season_premiere', season: 2 });
    const status = await addEvent(show.id, { day: '2026-08-01', type: 'status_change', season: null, episode: null });
    const range = '?from=2026-08-01&to=2026-08-01';
    expect(ids((await timeline(ada.accessToken, `${range}&type=season_premiere`)).body)).toEqual([premiere]);
    const both = await timeline(ada.accessToken, `${range}&type=status_change,season_premiere`);
    expect(ids(both.body)).toEqual([status, premiere]);
    expect(both.body.events[0].watched).toBeNull();
  });

  it('marks an episode watched when the history has a watch of it, not because a later one was watched', async () => {
    const ada = await signUp();
    const [show, fresh, movie] = [await createShow('Watched'), await createShow('Not started'), await createShow('Film', 'movie')];
    await track(ada.id, show.id);
    await track(ada.id, fresh.id);
    await track(ada.id, movie.id);
    await addWatch(ada.id, show.id, { season: 2, episode: 3 });
    await addWatch(ada.id, show.id, { season: 1, episode: 9 });
    await addWatch(ada.id, movie.id, null);
    const at = '2026-09-01T20:00:00Z';
    const expected = new Map<string, boolean | null>([
      [await addEvent(show.id, { at, season: 1, episode: 9 }), true],
      [await addEvent(show.id, { at, season: 1, episode: 10 }), false],
      [await addEvent(show.id, { at, season: 2, episode: 3 }), true],
      [await addEvent(show.id, { at, season: 2, episode: 4 }), false],
      [await addEvent(show.id, { at, season: null, episode: null, type: 'status_change' }), null],
      [await addEvent(fresh.id, { at, season: 2, episode: 3 }), false],
      [await addEvent(movie.id, { at, season: null, episode: null, type: 'movie_release' }), true],
    ]);
    const response = await timeline(ada.accessToken, '?from=2026-09-01&to=2026-09-01');
    expect(new Map(response.body.events.map((event: { id: string; watched: boolean | null }) => [event.id, event.watched]))).toEqual(expected);
  });

  it('shows a watch at once though the timeline was cached, and every watch change retires the cached entries', async () => {
    const ada = await signUp();
    const show = await createShow('Cached');
    await track(ada.id, show.id);
    const event = await addEvent(show.id, { at: '2026-09-02T20:00:00Z', season: 1, episode: 1 });
    const range = '?from=2026-09-02&to=2026-09-02';
    const watchedFlag = async () => (await timeline(ada.accessToken, range)).body.events.find((item: { id: string }) => item.id === event).watched;
    const version = async () => (await query<{ v: string }>('SELECT state_version::text AS v FROM users WHERE id = $1', [ada.id]))[0]!.v;

    expect(await watchedFlag()).toBe(false);
    expect((await TEST_ENV.CACHE.list({ prefix: `p:${ada.id}:` })).keys.length).toBeGreaterThan(0);
    // Straight in the database: no invalidation at all, and still current.
    const watch = await addWatch(ada.id, show.id, { season: 1, episode: 1 });
    expect(await watchedFlag()).toBe(true);

    // Through the API: the person's version moves on every change.
    const before = await version();
    expect((await call('DELETE', `/api/v1/history/watches/${watch}`, { token: ada.accessToken })).status).toBe(204);
    const afterRemove = await version();
    expect(afterRemove).not.toBe(before);
    expect(await watchedFlag()).toBe(false);
  });

  it('defaults to the local today and the 30 days after it', async () => {
    const ada = await signUp({ timezone: 'Pacific/Auckland' });
    const before = localDate(Date.now(), 'Pacific/Auckland');
    const response = await timeline(ada.accessToken);
    const today = response.body.from === before ? before : localDate(Date.now(), 'Pacific/Auckland');
    expect(response.body).toEqual({ timezone: 'Pacific/Auckland', from: today, to: addDays(today, 30), events: [] });
    const fromOnly = await timeline(ada.accessToken, '?from=2026-01-15');
    expect(fromOnly.body).toMatchObject({ from: '2026-01-15', to: '2026-02-14' });
  });

  it('accepts a full leap year of days', async () => {
    const ada = await signUp();
    expect((await timeline(ada.accessToken, '?from=2028-01-01&to=2028-12-31')).status).toBe(200);
  });

  it.each([
    ['from after to', '?from=2026-05-02&to=2026-05-01', 'to'],
    ['a range of 367 days', '?from=2026-01-01&to=2027-01-02', 'to'],
    ['an impossible day', '?from=2026-02-30&to=2026-03-01', 'from'],
    ['a date in another format', '?from=01/05/2026', 'from'],
    ['only a `to` before today', '?to=2001-01-01', 'to'],
    ['an unknown type', '?type=new_episode,premiere', 'type'],
    ['an empty type', '?type=', 'type'],
  ])('rejects %s with 400', async (_name, search, field) => {
    const ada = await signUp();
    const response = await timeline(ada.accessToken, search);
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(response.body.error.fields).toHaveProperty(field);
  });

  it.each(['', '/today', '/week', '/upcoming'])('/timeline%s needs an access token', async (path) => {
    expectErrorEnvelope(await call('GET', `/api/v1/timeline${path}`), 401, 'unauthorized');
  });
});
