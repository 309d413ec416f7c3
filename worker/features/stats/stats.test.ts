// Statistics over fixed data: counts with rewatches and distinct, runtime
// from the episode else the show, months in the person's zone, undated
// watches only in the totals, genres, ranges, and only the person's watches.
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, type TestAccount } from '../../test-helpers.ts';
import { addEpisodes } from '../history/history.fixtures.ts';
import { createShow } from '../timeline/timeline.fixtures.ts';

async function watch(account: TestAccount, showId: string, episode: { id: string; season: number; episode: number } | null, when: { at?: string; on?: string }) {
  await query(
    `INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'app')`,
    [account.id, showId, episode?.id ?? null, episode?.season ?? null, episode?.episode ?? null, when.at ?? null, when.on ?? null],
  );
}

/**
 * In New York: a drama (60-minute show; S1E1 runs 50) watched four times, one
 * of them a rewatch and one on a day not given; a show with no runtime and no
 * genres; a 2-hour movie. The first watch is on 1 February in UTC but still
 * 31 January in New York.
 */
async function history() {
  const ada = await signUp({ timezone: 'America/New_York' });
  const drama = await createShow('Drama');
  await query("UPDATE shows SET genres = '{Drama,Crime}', runtime_minutes = 60 WHERE id = $1", [drama.id]);
  const [e1, e2, e3] = await addEpisodes(drama.id, 1, 1, 3);
  await query('UPDATE episodes SET runtime_minutes = 50 WHERE id = $1', [e1!.id]);
  const bare = await createShow('Bare');
  const [b1] = await addEpisodes(bare.id, 1, 1, 1);
  const movie = await createShow('Movie', 'movie');
  await query("UPDATE shows SET genres = '{Drama}', runtime_minutes = 120 WHERE id = $1", [movie.id]);

  await watch(ada, drama.id, e1!, { at: '2026-02-01T03:00:00Z' });
  await watch(ada, drama.id, e1!, { on: '2026-02-10' });
  await watch(ada, drama.id, e2!, { at: '2026-02-15T12:00:00Z' });
  await watch(ada, drama.id, e3!, {});
  await watch(ada, bare.id, b1!, { on: '2026-03-01' });
  await watch(ada, movie.id, null, { at: '2026-03-05T20:00:00Z' });

  // Someone else's watches never count.
  const bob = await signUp();
  await watch(bob, drama.id, e2!, { at: '2026-02-15T12:00:00Z' });
  await watch(bob, movie.id, null, { on: '2026-03-02' });
  return ada;
}

const stats = (account: TestAccount, search = '') => call('GET', `/api/v1/stats${search}`, { token: account.accessToken });

describe('GET /api/v1/stats', () => {
  it('counts the whole history: rewatches and distinct, runtime, months in the person’s zone, genres; undated watches only in the totals', async () => {
    const ada = await history();
    const response = await stats(ada);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      from: null,
      to: null,
      timezone: 'America/New_York',
      episodes: { watches: 5, distinct: 4 },
      movies: { watches: 1, distinct: 1 },
      minutes: 50 + 50 + 60 + 60 + 120,
      hours: 5.7,
      watches_without_runtime: 1,
      undated_watches: 1,
      by_month: [
        { month: '2026-01', episodes: 1, movies: 0, minutes: 50 },
        { month: '2026-02', episodes: 2, movies: 0, minutes: 110 },
        { month: '2026-03', episodes: 1, movies: 1, minutes: 120 },
      ],
      by_genre: [
        { genre: 'Drama', watches: 5, minutes: 340 },
        { genre: 'Crime', watches: 4, minutes: 220 },
      ],
    });
  });

  it('keeps a range to the local days from and to, both included; undated watches are never in a range', async () => {
    const ada = await history();
    const february = await stats(ada, '?from=2026-02-01&to=2026-02-28');
    expect(february.body).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
      episodes: { watches: 2, distinct: 2 },
      movies: { watches: 0, distinct: 0 },
      minutes: 110,
      undated_watches: 0,
      by_month: [{ month: '2026-02', episodes: 2, movies: 0, minutes: 110 }],
    });
    const march = await stats(ada, '?from=2026-03-05');
    expect(march.body).toMatchObject({ episodes: { watches: 0 }, movies: { watches: 1 }, minutes: 120, watches_without_runtime: 0 });
    const january = await stats(ada, '?to=2026-01-31');
    expect(january.body).toMatchObject({ episodes: { watches: 1, distinct: 1 }, minutes: 50, by_month: [{ month: '2026-01' }] });
  });

  it('counts a movie marked straight from search with its runtime: marking fetches its details first', async () => {
    const ada = await signUp();
    // The Dark Knight, which no other test opens. Search stores it with search's fields only;
    // the row is put back in that state in case an earlier run of this file synced it.
    const found = await call('GET', '/api/v1/shows/search?q=dark%20knight&type=movie');
    const movie = found.body.results.find((row: any) => row.title === 'The Dark Knight');
    expect(movie).toBeDefined();
    await query('UPDATE shows SET runtime_minutes = NULL, details_synced_at = NULL WHERE id = $1', [movie.id]);

    expect((await call('POST', `/api/v1/history/movies/${movie.id}`, { token: ada.accessToken, json: {} })).status).toBe(201);
    const [after] = await query<{ runtime_minutes: number | null }>('SELECT runtime_minutes FROM shows WHERE id = $1', [movie.id]);
    expect(after!.runtime_minutes).toBe(152);
    const stats = await call('GET', '/api/v1/stats', { token: ada.accessToken });
    expect(stats.body).toMatchObject({ movies: { watches: 1, distinct: 1 }, minutes: 152, watches_without_runtime: 0 });
  });

  it('answers zeros and empty lists for a person who watched nothing', async () => {
    const ada = await signUp();
    expect((await stats(ada)).body).toEqual({
      from: null,
      to: null,
      timezone: 'UTC',
      episodes: { watches: 0, distinct: 0 },
      movies: { watches: 0, distinct: 0 },
      minutes: 0,
      hours: 0,
      watches_without_runtime: 0,
      undated_watches: 0,
      by_month: [],
      by_genre: [],
    });
  });

  it('is 400 for a range that ends before it starts or an impossible day, and 401 without a token', async () => {
    const ada = await signUp();
    const backwards = await stats(ada, '?from=2026-03-01&to=2026-02-01');
    expectErrorEnvelope(backwards, 400, 'validation_failed');
    expect(backwards.body.error.fields).toHaveProperty('to');
    expectErrorEnvelope(await stats(ada, '?from=2026-02-30'), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', '/api/v1/stats'), 401, 'unauthorized');
  });
});
