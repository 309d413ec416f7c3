// Reading and changing a person's history: the list, one show's watched
// state, unmarking an episode, editing and removing a watch, and deleting a
// show's whole history (only when confirmed).
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, signUp, stateVersion, type TestAccount } from '../../test-helpers.ts';
import { addWatch, createShow } from '../timeline/timeline.fixtures.ts';
import { addEpisodes, aired, setRelease, watchesOf } from './history.fixtures.ts';

const api = (account: TestAccount, method: string, path: string, json?: unknown) =>
  call(method, `/api/v1/history${path}`, { token: account.accessToken, json });

async function series() {
  const show = await createShow('Series');
  const episodes = await addEpisodes(show.id, 1, 1, 6);
  return { show, episodes };
}

describe('GET /history', () => {
  it('lists watches newest first (an instant, else the day; unknown days last), with the show and episode title', async () => {
    const ada = await signUp();
    const { show, episodes } = await series();
    const movie = await createShow('Film', 'movie');
    await setRelease(movie.id, '2020-05-05');
    await api(ada, 'POST', `/episodes/${episodes[0]!.id}`, { watched_on: '2024-03-01' });
    await api(ada, 'POST', `/episodes/${episodes[1]!.id}`, { watched_at: '2024-03-01T12:00:00Z' });
    await api(ada, 'POST', `/episodes/${episodes[2]!.id}`, { when: 'unknown' });
    await api(ada, 'POST', `/movies/${movie.id}`, { watched_at: '2025-01-01T20:00:00Z' });

    const response = await api(ada, 'GET', '');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, page_size: 50, has_more: false });
    expect(response.body.watches.map((watch: { show: { id: string }; episode_number: number | null }) => [watch.show.id, watch.episode_number])).toEqual([
      [movie.id, null],
      [show.id, 2],
      [show.id, 1],
      [show.id, 3],
    ]);
    expect(response.body.watches[1]).toMatchObject({
      show: { id: show.id, title: show.title, media_type: 'tv', poster_url: expect.any(String) },
      episode_title: 'Episode 2',
      season_number: 1,
      watched_at: '2024-03-01T12:00:00.000Z',
    });

    const onlyShow = await api(ada, 'GET', `?show_id=${show.id}`);
    expect(onlyShow.body.watches).toHaveLength(3);
  });

  it('pages by 50', async () => {
    const ada = await signUp();
    const show = await createShow('Long');
    await addEpisodes(show.id, 1, 1, 55);
    await api(ada, 'POST', `/shows/${show.id}/seasons/1`, { when: 'air_time' });
    const first = await api(ada, 'GET', '');
    expect(first.body).toMatchObject({ has_more: true });
    expect(first.body.watches).toHaveLength(50);
    expect(first.body.watches[0].episode_number).toBe(55);
    const second = await api(ada, 'GET', '?page=2');
    expect(second.body.has_more).toBe(false);
    expect(second.body.watches.map((watch: { episode_number: number }) => watch.episode_number)).toEqual([5, 4, 3, 2, 1]);
  });

  it("never lists another person's watches, and rejects bad queries with 400", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { episodes } = await series();
    await api(bob, 'POST', `/episodes/${episodes[0]!.id}`);
    expect((await api(ada, 'GET', '')).body.watches).toEqual([]);
    expectErrorEnvelope(await api(ada, 'GET', '?show_id=nope'), 400, 'validation_failed');
    expectErrorEnvelope(await api(ada, 'GET', '?page=0'), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', '/api/v1/history'), 401, 'unauthorized');
  });
});

describe('GET /history/shows/:show_id', () => {
  it('answers each watched episode with its plays and latest watch, and the progress', async () => {
    const ada = await signUp();
    const { show, episodes } = await series();
    await api(ada, 'POST', `/episodes/${episodes[0]!.id}`, { watched_on: '2024-01-01' });
    await api(ada, 'POST', `/episodes/${episodes[0]!.id}`, { rewatch: true, watched_at: '2024-06-01T10:00:00Z' });
    await api(ada, 'POST', `/episodes/${episodes[0]!.id}`, { rewatch: true, when: 'unknown' });
    await api(ada, 'POST', `/episodes/${episodes[3]!.id}`, { watched_on: '2024-07-01' });

    const response = await api(ada, 'GET', `/shows/${show.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      show_id: show.id,
      media_type: 'tv',
      last_watched_season: 1,
      last_watched_episode: 4,
      movie: null,
      episodes: [
        { episode_id: episodes[0]!.id, season_number: 1, episode_number: 1, plays: 3, last_watched_at: '2024-06-01T10:00:00.000Z', last_watched_on: null },
        { episode_id: episodes[3]!.id, season_number: 1, episode_number: 4, plays: 1, last_watched_at: null, last_watched_on: '2024-07-01' },
      ],
    });
  });

  it("answers an empty state for a show not watched, shows no one else's watches, 404 for an unknown show", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, episodes } = await series();
    await api(bob, 'POST', `/episodes/${episodes[0]!.id}`);
    expect((await api(ada, 'GET', `/shows/${show.id}`)).body).toEqual({
      show_id: show.id,
      media_type: 'tv',
      last_watched_season: null,
      last_watched_episode: null,
      movie: null,
      episodes: [],
    });
    expectErrorEnvelope(await api(ada, 'GET', `/shows/${crypto.randomUUID()}`), 404, 'not_found');
    expectErrorEnvelope(await api(ada, 'GET', '/shows/nope'), 400, 'validation_failed');
  });
});

describe('DELETE /history/episodes/:episode_id', () => {
  it('unmarks one episode: every watch of it goes, the others stay; again it removes nothing', async () => {
    const ada = await signUp();
    const { show, episodes } = await series();
    await api(ada, 'POST', `/shows/${show.id}/up-to`, { season_number: 1, episode_number: 4 });
    await api(ada, 'POST', `/episodes/${episodes[3]!.id}`, { rewatch: true });
    const version = await stateVersion(ada.id);

    const response = await api(ada, 'DELETE', `/episodes/${episodes[3]!.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ removed: 2, last_watched_season: 1, last_watched_episode: 3 });
    expect((await watchesOf(ada.id, show.id)).map((watch) => watch.episode_number)).toEqual([1, 2, 3]);
    // Postgres moved the person's version on, and the answer names it, so their next read is not from an older cache entry.
    expect(await stateVersion(ada.id)).toBeGreaterThan(version);
    expect(Number(response.headers.get('X-ShowTracker-State'))).toBe(await stateVersion(ada.id));

    // Unmarking one in the middle leaves the ones after it watched.
    expect((await api(ada, 'DELETE', `/episodes/${episodes[1]!.id}`)).body).toEqual({ removed: 1, last_watched_season: 1, last_watched_episode: 3 });
    expect((await api(ada, 'DELETE', `/episodes/${episodes[1]!.id}`)).body).toMatchObject({ removed: 0 });
  });

  it("never unmarks another person's watches; 404 for an unknown episode", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, episodes } = await series();
    await api(bob, 'POST', `/episodes/${episodes[0]!.id}`);
    expect((await api(ada, 'DELETE', `/episodes/${episodes[0]!.id}`)).body).toMatchObject({ removed: 0 });
    expect(await watchesOf(bob.id, show.id)).toHaveLength(1);
    expectErrorEnvelope(await api(ada, 'DELETE', `/episodes/${crypto.randomUUID()}`), 404, 'not_found');
  });
});

describe('PATCH /history/watches/:watch_id', () => {
  it.each<[string, Record<string, unknown>, { watched_at: string | null; watched_on: string | null }]>([
    ['to an instant', { watched_at: '2023-12-31T23:59:59.999-05:00' }, { watched_at: '2024-01-01T04:59:59.999Z', watched_on: null }],
    ['to a day', { watched_on: '2023-12-31' }, { watched_at: null, watched_on: '2023-12-31' }],
    ['to an unknown day', { when: 'unknown' }, { watched_at: null, watched_on: null }],
    ['to its air time', { when: 'air_time' }, { watched_at: aired(1, 2).at!, watched_on: null }],
  ])('changes when a watch happened %s, exactly', async (_name, body, expected) => {
    const ada = await signUp();
    const { show, episodes } = await series();
    const watch = (await api(ada, 'POST', `/episodes/${episodes[1]!.id}`, { watched_on: '2020-01-01' })).body;
    const response = await api(ada, 'PATCH', `/watches/${watch.id}`, body);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: watch.id, ...expected, source: 'app' });
    const [stored] = await watchesOf(ada.id, show.id);
    expect({ watched_at: stored!.watched_at?.toISOString() ?? null, watched_on: stored!.watched_on }).toEqual(expected);
  });

  it('changes it to now', async () => {
    const ada = await signUp();
    const { episodes } = await series();
    const watch = (await api(ada, 'POST', `/episodes/${episodes[1]!.id}`, { when: 'unknown' })).body;
    const response = await api(ada, 'PATCH', `/watches/${watch.id}`, { when: 'now' });
    expect(Math.abs(Date.parse(response.body.watched_at) - Date.now())).toBeLessThan(60_000);
  });

  it("answers 404 for another person's watch and an unknown one, changing nothing; 400 for bad bodies", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, episodes } = await series();
    const bobs = (await api(bob, 'POST', `/episodes/${episodes[0]!.id}`, { watched_on: '2024-01-01' })).body;
    expectErrorEnvelope(await api(ada, 'PATCH', `/watches/${bobs.id}`, { when: 'unknown' }), 404, 'not_found');
    expectErrorEnvelope(await api(ada, 'PATCH', `/watches/${crypto.randomUUID()}`, { when: 'unknown' }), 404, 'not_found');
    expect((await watchesOf(bob.id, show.id))[0]!.watched_on).toBe('2024-01-01');
    const mine = (await api(ada, 'POST', `/episodes/${episodes[0]!.id}`)).body;
    for (const body of [{}, { when: 'unknown', watched_on: '2024-01-01' }, { watched_on: 'yesterday' }, { rewatch: true }]) {
      expectErrorEnvelope(await api(ada, 'PATCH', `/watches/${mine.id}`, body), 400, 'validation_failed');
    }
  });
});

describe('DELETE /history/watches/:watch_id', () => {
  it("removes one watch, keeps the others, and answers 404 for another person's", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show, episodes } = await series();
    const first = (await api(ada, 'POST', `/episodes/${episodes[0]!.id}`)).body;
    const second = (await api(ada, 'POST', `/episodes/${episodes[0]!.id}`, { rewatch: true })).body;
    expectErrorEnvelope(await api(bob, 'DELETE', `/watches/${first.id}`), 404, 'not_found');
    expect((await api(ada, 'DELETE', `/watches/${first.id}`)).status).toBe(204);
    expect((await watchesOf(ada.id, show.id)).map((watch) => watch.id)).toEqual([second.id]);
    expectErrorEnvelope(await api(ada, 'DELETE', `/watches/${first.id}`), 404, 'not_found');
    expectErrorEnvelope(await api(ada, 'DELETE', '/watches/nope'), 400, 'validation_failed');
  });
});

describe('DELETE /history/shows/:show_id', () => {
  it('deletes nothing without { "confirm": true }, and says what would go and how many watches', async () => {
    const ada = await signUp();
    const { show } = await series();
    await api(ada, 'POST', `/shows/${show.id}`);
    for (const body of [undefined, {}, { confirm: false }]) {
      const refused = await api(ada, 'DELETE', `/shows/${show.id}`, body);
      expectErrorEnvelope(refused, 400, 'bad_request');
      expect(refused.body.error.message).toBe(
        `This deletes all 6 of your watches of “${show.title}” from your history, for good. Send { "confirm": true } to delete them.`,
      );
      expect(refused.body.error.fields).toHaveProperty('confirm');
    }
    expect(await watchesOf(ada.id, show.id)).toHaveLength(6);
    expectErrorEnvelope(await api(ada, 'DELETE', `/shows/${show.id}`, { confirm: 'yes' }), 400, 'validation_failed');
  });

  it("deletes the person's every watch of the show when confirmed, and nobody else's", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show } = await series();
    const other = await createShow('Other');
    await addWatch(ada.id, other.id, { season: 1, episode: 1 });
    await api(ada, 'POST', `/shows/${show.id}`);
    await api(ada, 'POST', `/shows/${show.id}`, { rewatch: true });
    await api(bob, 'POST', `/shows/${show.id}`);

    const response = await api(ada, 'DELETE', `/shows/${show.id}`, { confirm: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ removed: 12 });
    expect(await watchesOf(ada.id, show.id)).toEqual([]);
    expect(await watchesOf(ada.id, other.id)).toHaveLength(1);
    expect(await watchesOf(bob.id, show.id)).toHaveLength(6);
    expectErrorEnvelope(await api(ada, 'DELETE', `/shows/${crypto.randomUUID()}`, { confirm: true }), 404, 'not_found');
  });
});
