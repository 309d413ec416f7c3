// Marking what a person watched: one episode, a season, everything up to an
// episode, a whole show, a movie; when (now, at air time, an instant, a day,
// unknown); rewatches; and what has not aired yet.
import { describe, expect, it } from 'vitest';
import { localDate } from '../../lib/local-time.ts';
import { call, expectErrorEnvelope, query, signUp, type TestAccount } from '../../test-helpers.ts';
import { createShow } from '../timeline/timeline.fixtures.ts';
import { addEpisodes, aired, future, setRelease, watchesOf, type Air } from './history.fixtures.ts';

const post = (account: TestAccount, path: string, json?: unknown) =>
  call('POST', `/api/v1/history${path}`, { token: account.accessToken, json });

/** Seasons 1 (10 aired) and 2 (4 aired, 3 next month), and 2 aired specials. */
async function series() {
  const show = await createShow('Series');
  const specials = await addEpisodes(show.id, 0, 1, 2);
  const first = await addEpisodes(show.id, 1, 1, 10);
  const second = [...(await addEpisodes(show.id, 2, 1, 4)), ...(await addEpisodes(show.id, 2, 5, 7, future()))];
  return { show, specials, first, second };
}

const numbers = (rows: { season_number: number | null; episode_number: number | null }[]) =>
  rows.map((row) => `S${row.season_number}E${row.episode_number}`);

describe('POST /history/episodes/:episode_id', () => {
  it('records one watch of an aired episode, now by default, answers 201, and 200 with the same watch when sent again', async () => {
    const ada = await signUp();
    const { show, first } = await series();
    const response = await post(ada, `/episodes/${first[2]!.id}`);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      show_id: show.id,
      episode_id: first[2]!.id,
      season_number: 1,
      episode_number: 3,
      watched_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      watched_on: null,
      source: 'app',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(Math.abs(Date.parse(response.body.watched_at) - Date.now())).toBeLessThan(60_000);

    const again = await post(ada, `/episodes/${first[2]!.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(response.body);
    expect(await watchesOf(ada.id, show.id)).toHaveLength(1);
  });

  it('records a rewatch as one more watch, never overwriting the first', async () => {
    const ada = await signUp();
    const { show, first } = await series();
    const one = await post(ada, `/episodes/${first[0]!.id}`, { watched_on: '2024-01-02' });
    const two = await post(ada, `/episodes/${first[0]!.id}`, { rewatch: true, watched_on: '2025-03-04' });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.body.id).not.toBe(one.body.id);
    expect((await watchesOf(ada.id, show.id)).map((watch) => watch.watched_on)).toEqual(['2024-01-02', '2025-03-04']);
  });

  it.each<[string, unknown, (air: Air) => { watched_at: string | null; watched_on: string | null }]>([
    ['an instant with an offset, answered in UTC', { watched_at: '2024-05-01T22:30:15.250+02:00' }, () => ({ watched_at: '2024-05-01T20:30:15.250Z', watched_on: null })],
    ['an instant in UTC', { watched_at: '2024-05-01T20:30:00Z' }, () => ({ watched_at: '2024-05-01T20:30:00.000Z', watched_on: null })],
    ['a day only', { watched_on: '2024-02-29' }, () => ({ watched_at: null, watched_on: '2024-02-29' })],
    ['an unknown day', { when: 'unknown' }, () => ({ watched_at: null, watched_on: null })],
    ['its air time', { when: 'air_time' }, (air) => ({ watched_at: new Date(air.at!).toISOString(), watched_on: null })],
  ])('keeps %s exactly, in the answer, the database and the history', async (_name, body, expected) => {
    const ada = await signUp();
    const { show, first } = await series();
    const response = await post(ada, `/episodes/${first[4]!.id}`, body);
    expect(response.status).toBe(201);
    const want = expected(aired(1, 5));
    expect(response.body).toMatchObject(want);
    const [stored] = await watchesOf(ada.id, show.id);
    expect({ watched_at: stored!.watched_at?.toISOString() ?? null, watched_on: stored!.watched_on }).toEqual(want);
    const history = await call('GET', '/api/v1/history', { token: ada.accessToken });
    expect(history.body.watches[0]).toMatchObject(want);
  });

  it('takes the air day of a date-only episode for its air time', async () => {
    const ada = await signUp();
    const show = await createShow('Drop');
    const [episode] = await addEpisodes(show.id, 1, 1, 1, () => ({ at: null, day: '2023-07-14' }));
    const response = await post(ada, `/episodes/${episode!.id}`, { when: 'air_time' });
    expect(response.body).toMatchObject({ watched_at: null, watched_on: '2023-07-14' });
  });

  it("refuses an episode that has not aired with 422 not_aired naming its air day; a date-only one airs on its day in the person's zone", async () => {
    const ada = await signUp();
    const { show, second } = await series();
    const refused = await post(ada, `/episodes/${second[4]!.id}`);
    expectErrorEnvelope(refused, 422, 'not_aired');
    expect(refused.body.error.message).toBe(`S02E05 has not aired yet; it airs on ${future()(2, 5).day}.`);

    const [undated] = await addEpisodes(show.id, 3, 1, 1, () => ({ at: null, day: null }));
    expect((await post(ada, `/episodes/${undated!.id}`)).body.error.message).toBe('S03E01 has not aired yet; it has no air date yet.');

    // Today in Kiritimati (UTC+14) is always yesterday or earlier in Pago Pago (UTC-11).
    const today = localDate(Date.now(), 'Pacific/Kiritimati');
    const [dropped] = await addEpisodes(show.id, 4, 1, 1, () => ({ at: null, day: today }));
    const early = await signUp({ timezone: 'Pacific/Kiritimati' });
    const late = await signUp({ timezone: 'Pacific/Pago_Pago' });
    expect((await post(early, `/episodes/${dropped!.id}`)).status).toBe(201);
    expectErrorEnvelope(await post(late, `/episodes/${dropped!.id}`), 422, 'not_aired');
    expect(await watchesOf(ada.id, show.id)).toEqual([]);
    expect(await watchesOf(late.id, show.id)).toEqual([]);
  });

  it.each([
    ['two ways of saying when', { when: 'now', watched_on: '2024-01-01' }, 'json'],
    ['a future instant', { watched_at: '2999-01-01T00:00:00Z' }, 'watched_at'],
    ['a future day', { watched_on: '2999-01-01' }, 'watched_on'],
    ['an impossible day', { watched_on: '2024-02-30' }, 'watched_on'],
    ['an instant without a zone', { watched_at: '2024-05-01T20:30:00' }, 'watched_at'],
    ['an unknown when', { when: 'yesterday' }, 'when'],
    ['an unknown field', { seen: true }, 'json'],
    ['a rewatch that is not a boolean', { rewatch: 'yes' }, 'rewatch'],
  ])('rejects %s with 400', async (_name, body, field) => {
    const ada = await signUp();
    const { first } = await series();
    const response = await post(ada, `/episodes/${first[0]!.id}`, body);
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(Object.keys(response.body.error.fields)).toContain(field);
  });

  it('answers 404 for an unknown episode, 400 for a malformed id, 401 without a token', async () => {
    const ada = await signUp();
    expectErrorEnvelope(await post(ada, `/episodes/${crypto.randomUUID()}`), 404, 'not_found');
    expectErrorEnvelope(await post(ada, '/episodes/nope'), 400, 'validation_failed');
    expectErrorEnvelope(await call('POST', `/api/v1/history/episodes/${crypto.randomUUID()}`), 401, 'unauthorized');
  });

  it("marks for the signed-in person only: another person's history is untouched", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, first } = await series();
    await post(bob, `/episodes/${first[0]!.id}`);
    expect((await post(ada, `/episodes/${first[0]!.id}`)).status).toBe(201);
    expect(await watchesOf(bob.id, show.id)).toHaveLength(1);
    expect(await watchesOf(ada.id, show.id)).toHaveLength(1);
  });
});

describe('POST /history/shows/:show_id/seasons/:season_number', () => {
  it('marks every aired episode of the season in one go, counts the future ones it skipped and says when the next airs', async () => {
    const ada = await signUp();
    const { show } = await series();
    const response = await post(ada, `/shows/${show.id}/seasons/2`, { when: 'air_time' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      show_id: show.id,
      added: 4,
      already_watched: 0,
      not_aired: 3,
      notice: `3 episodes have not aired yet and were not marked; the next, S02E05, airs on ${future()(2, 5).day}.`,
      last_watched_season: 2,
      last_watched_episode: 4,
    });
    const watches = await watchesOf(ada.id, show.id);
    expect(numbers(watches)).toEqual(['S2E1', 'S2E2', 'S2E3', 'S2E4']);
    // Each episode its own air time.
    expect(watches.map((watch) => watch.watched_at!.toISOString())).toEqual([1, 2, 3, 4].map((n) => new Date(aired(2, n).at!).toISOString()));
  });

  it('adds only what was not watched yet, unless it is a rewatch', async () => {
    const ada = await signUp();
    const { show, first } = await series();
    await post(ada, `/episodes/${first[1]!.id}`);
    const response = await post(ada, `/shows/${show.id}/seasons/1`);
    expect(response.body).toMatchObject({ added: 9, already_watched: 1, not_aired: 0, notice: null });
    expect(await watchesOf(ada.id, show.id)).toHaveLength(10);

    const rewatch = await post(ada, `/shows/${show.id}/seasons/1`, { rewatch: true, when: 'unknown' });
    expect(rewatch.body).toMatchObject({ added: 10, already_watched: 0 });
    expect(await watchesOf(ada.id, show.id)).toHaveLength(20);
    expect((await post(ada, `/shows/${show.id}/seasons/1`)).body).toMatchObject({ added: 0, already_watched: 10 });
  });

  it('marks a 50-episode season: 50 watches', async () => {
    const ada = await signUp();
    const show = await createShow('Daily');
    await addEpisodes(show.id, 1, 1, 50);
    expect((await post(ada, `/shows/${show.id}/seasons/1`)).body).toMatchObject({ added: 50, last_watched_episode: 50 });
    expect(await watchesOf(ada.id, show.id)).toHaveLength(50);
  });

  it('answers 404 for a season the show does not have and for an unknown show, 400 for a movie and bad numbers', async () => {
    const ada = await signUp();
    const { show } = await series();
    expectErrorEnvelope(await post(ada, `/shows/${show.id}/seasons/9`), 404, 'not_found');
    expectErrorEnvelope(await post(ada, `/shows/${crypto.randomUUID()}/seasons/1`), 404, 'not_found');
    const movie = await createShow('Film', 'movie');
    expectErrorEnvelope(await post(ada, `/shows/${movie.id}/seasons/1`), 400, 'bad_request');
    expectErrorEnvelope(await post(ada, `/shows/${show.id}/seasons/-1`), 400, 'validation_failed');
    expectErrorEnvelope(await post(ada, `/shows/${show.id}/seasons/one`), 400, 'validation_failed');
  });
});

describe('POST /history/shows/:show_id/up-to', () => {
  it('marks every aired regular-season episode up to the one named, and no specials', async () => {
    const ada = await signUp();
    const { show } = await series();
    const response = await post(ada, `/shows/${show.id}/up-to`, { season_number: 2, episode_number: 2 });
    expect(response.body).toMatchObject({ added: 12, not_aired: 0, last_watched_season: 2, last_watched_episode: 2 });
    expect(numbers(await watchesOf(ada.id, show.id))).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `S1E${i + 1}`),
      'S2E1',
      'S2E2',
    ]);
  });

  it('up to a future episode: marks the aired ones and counts the rest', async () => {
    const ada = await signUp();
    const { show } = await series();
    const response = await post(ada, `/shows/${show.id}/up-to`, { season_number: 2, episode_number: 6 });
    expect(response.body).toMatchObject({ added: 14, not_aired: 2, last_watched_season: 2, last_watched_episode: 4 });
    expect(response.body.notice).toMatch(/^2 episodes have not aired yet and were not marked; the next, S02E05, airs on /);
  });

  it('up to a special: the specials before it only', async () => {
    const ada = await signUp();
    const { show } = await series();
    const response = await post(ada, `/shows/${show.id}/up-to`, { season_number: 0, episode_number: 1 });
    expect(response.body).toMatchObject({ added: 1, last_watched_season: null, last_watched_episode: null });
    expect(numbers(await watchesOf(ada.id, show.id))).toEqual(['S0E1']);
  });

  it('refuses an episode the show does not have, and a body without one', async () => {
    const ada = await signUp();
    const { show } = await series();
    const missing = await post(ada, `/shows/${show.id}/up-to`, { season_number: 1, episode_number: 40 });
    expectErrorEnvelope(missing, 400, 'bad_request');
    expect(missing.body.error.fields).toHaveProperty('episode_number');
    expectErrorEnvelope(await post(ada, `/shows/${show.id}/up-to`, { season_number: 1 }), 400, 'validation_failed');
    expectErrorEnvelope(await post(ada, `/shows/${show.id}/up-to`), 400, 'validation_failed');
    expectErrorEnvelope(await post(ada, `/shows/${crypto.randomUUID()}/up-to`, { season_number: 1, episode_number: 1 }), 404, 'not_found');
    expect(await watchesOf(ada.id, show.id)).toEqual([]);
  });
});

describe('POST /history/shows/:show_id', () => {
  it('marks every aired episode of the regular seasons, not the specials, and says what it skipped', async () => {
    const ada = await signUp();
    const { show } = await series();
    const response = await post(ada, `/shows/${show.id}`, { watched_on: '2025-01-01' });
    expect(response.body).toMatchObject({ added: 14, not_aired: 3, already_watched: 0, last_watched_season: 2, last_watched_episode: 4 });
    const watches = await watchesOf(ada.id, show.id);
    expect(watches.every((watch) => watch.season_number! > 0 && watch.watched_on === '2025-01-01')).toBe(true);
    const [counted] = await query<{ count: number }>('SELECT count(*)::int AS count FROM watches WHERE user_id = $1', [ada.id]);
    expect(counted!.count).toBe(14);
  });

  it('answers 400 for a movie, pointing at the movie route', async () => {
    const ada = await signUp();
    const movie = await createShow('Film', 'movie');
    const response = await post(ada, `/shows/${movie.id}`);
    expectErrorEnvelope(response, 400, 'bad_request');
    expect(response.body.error.message).toContain('/api/v1/history/movies/');
  });
});

describe('POST /history/movies/:show_id', () => {
  it('records a watch of a released movie, its release day for its air time, and a rewatch as another', async () => {
    const ada = await signUp();
    const movie = await createShow('Film', 'movie');
    await setRelease(movie.id, '2019-11-08');
    const first = await post(ada, `/movies/${movie.id}`, { when: 'air_time' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ show_id: movie.id, episode_id: null, season_number: null, episode_number: null, watched_at: null, watched_on: '2019-11-08' });
    expect((await post(ada, `/movies/${movie.id}`)).status).toBe(200);
    expect((await post(ada, `/movies/${movie.id}`, { rewatch: true })).status).toBe(201);
    expect(await watchesOf(ada.id, movie.id)).toHaveLength(2);
    const state = await call('GET', `/api/v1/history/shows/${movie.id}`, { token: ada.accessToken });
    expect(state.body).toMatchObject({ media_type: 'movie', movie: { plays: 2 }, episodes: [] });
  });

  it('refuses a movie not released yet (or with no release day) with 422, and a TV show with 400', async () => {
    const ada = await signUp();
    const movie = await createShow('Soon', 'movie');
    const day = future(3)(0, 0).day!;
    await setRelease(movie.id, day);
    const refused = await post(ada, `/movies/${movie.id}`);
    expectErrorEnvelope(refused, 422, 'not_aired');
    expect(refused.body.error.message).toBe(`This movie has not been released yet; it comes out on ${day}.`);
    await setRelease(movie.id, null);
    expect((await post(ada, `/movies/${movie.id}`)).body.error.message).toBe('This movie has not been released yet; it has no release date yet.');
    const { show } = await series();
    expectErrorEnvelope(await post(ada, `/movies/${show.id}`), 400, 'bad_request');
    expectErrorEnvelope(await post(ada, `/movies/${crypto.randomUUID()}`), 404, 'not_found');
    expect(await watchesOf(ada.id, movie.id)).toEqual([]);
  });
});

describe('the watchlist', () => {
  it('loses a title once a watch of it is recorded, in the same transaction; not when nothing was recorded', async () => {
    const ada = await signUp();
    const { show, first, second } = await series();
    const onList = async (showId: string) =>
      (await call('GET', `/api/v1/watchlist/${showId}`, { token: ada.accessToken })).body.on_watchlist as boolean;
    expect((await call('POST', '/api/v1/watchlist', { token: ada.accessToken, json: { show_id: show.id } })).status).toBe(201);

    expectErrorEnvelope(await post(ada, `/episodes/${second[4]!.id}`), 422, 'not_aired');
    expect(await onList(show.id)).toBe(true);
    expect((await post(ada, `/episodes/${first[0]!.id}`)).status).toBe(201);
    expect(await onList(show.id)).toBe(false);

    const movie = await createShow('Film', 'movie');
    await setRelease(movie.id, '2018-01-01');
    await call('POST', '/api/v1/watchlist', { token: ada.accessToken, json: { show_id: movie.id } });
    expect((await post(ada, `/movies/${movie.id}`)).status).toBe(201);
    expect(await onList(movie.id)).toBe(false);
  });
});

describe('every marking route', () => {
  it("changes only the signed-in person's history", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, first } = await series();
    const movie = await createShow('Film', 'movie');
    await setRelease(movie.id, '2018-01-01');
    await post(bob, `/episodes/${first[0]!.id}`, { watched_on: '2020-01-01' });
    await post(bob, `/movies/${movie.id}`, { watched_on: '2020-01-01' });
    const bobs = async () => [...(await watchesOf(bob.id, show.id)), ...(await watchesOf(bob.id, movie.id))];
    const before = await bobs();

    expect((await post(ada, `/shows/${show.id}/seasons/1`, { rewatch: true })).body.added).toBe(10);
    expect((await post(ada, `/shows/${show.id}/up-to`, { season_number: 2, episode_number: 1, rewatch: true })).body.added).toBe(11);
    expect((await post(ada, `/shows/${show.id}`, { rewatch: true })).body.added).toBe(14);
    expect((await post(ada, `/movies/${movie.id}`, { rewatch: true })).status).toBe(201);
    expect(await bobs()).toEqual(before);
  });

  it('answers 400 for malformed ids and 401 without a token', async () => {
    const ada = await signUp();
    for (const path of ['/shows/nope', '/shows/nope/seasons/1', '/shows/nope/up-to', '/movies/nope', '/episodes/nope']) {
      expectErrorEnvelope(await post(ada, path, path.endsWith('up-to') ? { season_number: 1, episode_number: 1 } : undefined), 400, 'validation_failed');
      expectErrorEnvelope(await call('POST', `/api/v1/history${path}`), 401, 'unauthorized');
    }
    expectErrorEnvelope(await call('DELETE', '/api/v1/history/episodes/nope', { token: ada.accessToken }), 400, 'validation_failed');
  });
});
