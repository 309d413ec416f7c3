import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, providerRequests, query, STAND_INS_URL, TEST_ENV, unique } from '../../test-helpers.ts';

const today = inject('standInsToday');
const search = (params: string) => call('GET', `/api/v1/shows/search?${params}`);

async function showId(q: string, tmdbId: number, type = 'tv') {
  const response = await search(`q=${encodeURIComponent(q)}&type=${type}`);
  const hit = response.body.results.find((item: { tmdb_id: number }) => item.tmdb_id === tmdbId);
  if (!hit) throw new Error(`no ${q} in ${JSON.stringify(response.body)}`);
  return hit.id as string;
}

describe('GET /shows/search', () => {
  it('finds a show on TMDB, stores it and ranks it first', async () => {
    const response = await search('q=Severance');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ query: 'Severance', type: null, page: 1, incomplete: false });
    expect(response.body.results[0]).toMatchObject({ title: 'Severance', media_type: 'tv', tmdb_id: 95396 });
    const stored = await query('SELECT title FROM shows WHERE media_type = $1 AND tmdb_id = $2', ['tv', 95396]);
    expect(stored).toEqual([{ title: 'Severance' }]);
  });

  it('filters by type and never returns people', async () => {
    const movies = await search('q=inception&type=movie');
    expect(movies.body.results.length).toBeGreaterThan(0);
    expect(movies.body.results.every((item: { media_type: string }) => item.media_type === 'movie')).toBe(true);
    const multi = await search('q=ted');
    expect(multi.body.results.length).toBeGreaterThan(0);
    expect(multi.body.results.every((item: { media_type: string }) => ['tv', 'movie'].includes(item.media_type))).toBe(true);
  });

  it('keeps empty-string dates and missing posters as nulls', async () => {
    const response = await search('q=harry potter&type=tv');
    const show = response.body.results.find((item: { tmdb_id: number }) => item.tmdb_id === 232766);
    expect(show).toMatchObject({ premiere_date: null, poster_url: null });
  });

  it('answers from the cache for the same normalized query, without calling TMDB again', async () => {
    const word = `Breaking   BAD`;
    const since = Date.now();
    await search(`q=${encodeURIComponent(word)}&page=2`);
    const first = (await providerRequests('tmdb', since, (request) => request.path.startsWith('/search'))).length;
    const again = await search(`q=${encodeURIComponent('breaking bad')}&page=2`);
    expect(again.status).toBe(200);
    const after = (await providerRequests('tmdb', since, (request) => request.path.startsWith('/search'))).length;
    expect(first).toBe(1);
    expect(after).toBe(1);
  });

  it('does not ask TMDB when the local catalog has five or more matches', async () => {
    const word = `zq${unique()}`;
    for (let i = 0; i < 5; i++) {
      await query("INSERT INTO shows (title, media_type, tmdb_id, details_synced_at) VALUES ($1, 'tv', $2, now())", [
        `${word} chronicles ${i}`,
        900_000_000 + Math.floor(Math.random() * 99_999_999),
      ]);
    }
    const since = Date.now();
    const response = await search(`q=${word}`);
    expect(response.body.results).toHaveLength(5);
    expect(response.body.results.every((item: { title: string }) => item.title.startsWith(word))).toBe(true);
    expect(await providerRequests('tmdb', since, (request) => request.target.includes(word))).toHaveLength(0);
  });

  it('matches a two-character query by title prefix', async () => {
    const tag = unique();
    for (let i = 0; i < 5; i++) {
      await query("INSERT INTO shows (title, media_type, tmdb_id, popularity) VALUES ($1, 'tv', $2, $3)", [
        `Qj ${tag} ${i}`,
        910_000_000 + Math.floor(Math.random() * 89_999_999),
        i,
      ]);
    }
    await query("INSERT INTO shows (title, media_type, tmdb_id, popularity) VALUES ($1, 'tv', $2, 1000)", [
      `Inside qj ${tag}`,
      910_000_000 + Math.floor(Math.random() * 89_999_999),
    ]);
    const response = await search('q=qj&type=tv');
    const titles = response.body.results.map((item: { title: string }) => item.title);
    expect(titles.filter((title: string) => title.includes(tag))).toEqual([4, 3, 2, 1, 0].map((i) => `Qj ${tag} ${i}`));
  });

  it.each([
    ['a one-character query', 'q=a'],
    ['a blank query', 'q=%20%20%20'],
    ['a missing query', ''],
    ['a 101-character query', `q=${'x'.repeat(101)}`],
    ['an unknown type', 'q=lost&type=podcast'],
    ['page 0', 'q=lost&page=0'],
    ['a non-numeric page', 'q=lost&page=two'],
    ['page 501', 'q=lost&page=501'],
  ])('rejects %s with 400', async (_name, params) => {
    expectErrorEnvelope(await search(params), 400, 'validation_failed');
  });
});

describe('GET /shows/:id', () => {
  it('fetches the full detail on first sight: seasons (specials first), ratings, external ids, air time', async () => {
    const id = await showId('breaking bad', 1396);
    const response = await call('GET', `/api/v1/shows/${id}`);
    expect(response.status).toBe(200);
    const show = response.body;
    expect(show).toMatchObject({
      id,
      title: 'Breaking Bad',
      status: 'ended',
      imdb_id: 'tt0903747',
      network: 'AMC',
      network_timezone: 'America/New_York',
      incomplete: false,
      next_episode: null,
    });
    expect(show.seasons[0].season_number).toBe(0);
    expect(show.seasons.map((season: { season_number: number }) => season.season_number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(show.ratings).toMatchObject({ imdb_rating: expect.any(Number), rotten_tomatoes: expect.any(Number) });
    expect(show.genres.length).toBeGreaterThan(0);
  });

  it('lists an announced season with no episodes and no date', async () => {
    const id = await showId('severance', 95396);
    const show = (await call('GET', `/api/v1/shows/${id}`)).body;
    const announced = show.seasons.find((season: { episode_count: number }) => season.episode_count === 0);
    expect(announced).toMatchObject({ air_date: null, episode_count: 0 });
  });

  it('stores a movie with its runtime and ratings', async () => {
    const id = await showId('inception', 27205, 'movie');
    const movie = (await call('GET', `/api/v1/shows/${id}`)).body;
    expect(movie).toMatchObject({ media_type: 'movie', title: 'Inception', imdb_id: 'tt1375666', seasons: [], next_episode: null });
    expect(movie.runtime_minutes).toBeGreaterThan(100);
  });

  it('builds poster, backdrop and still URLs on TMDB_IMAGE_BASE, which the stand-ins serve offline', async () => {
    const base = TEST_ENV.TMDB_IMAGE_BASE;
    expect(base).toBe(`${STAND_INS_URL}/tmdb-images`);
    const id = await showId('game of thrones', 1399);
    const show = (await call('GET', `/api/v1/shows/${id}`)).body;
    expect(show.poster_url).toMatch(/\/w500\/\w+\.jpg$/);
    expect(show.poster_url.startsWith(`${base}/w500/`)).toBe(true);
    expect(show.backdrop_url.startsWith(`${base}/w780/`)).toBe(true);
    const season = (await call('GET', `/api/v1/shows/${id}/seasons/1`)).body;
    expect(season.episodes[0].still_url.startsWith(`${base}/w342/`)).toBe(true);
    const poster = await fetch(show.poster_url);
    expect(poster.headers.get('content-type')).toBe('image/svg+xml');
    expect(await poster.text()).toContain('<title>Game of Thrones</title>');
  });

  it('answers an unknown id with 404 and a malformed one with 400', async () => {
    expectErrorEnvelope(await call('GET', `/api/v1/shows/${crypto.randomUUID()}`), 404, 'not_found');
    expectErrorEnvelope(await call('GET', '/api/v1/shows/12345'), 400, 'validation_failed');
  });
});

describe('air times', () => {
  it("takes the exact instant from TVmaze's airstamp", async () => {
    const id = await showId('breaking bad', 1396);
    const season = (await call('GET', `/api/v1/shows/${id}/seasons/1`)).body;
    expect(season.episodes.length).toBeGreaterThan(0);
    for (const episode of season.episodes) {
      expect(episode.airs_at_source).toBe('tvmaze');
      // 21:00 in New York is 01:00 or 02:00 UTC the next day.
      expect(new Date(episode.airs_at).getUTCHours()).toBeOneOf([1, 2]);
    }
  });

  it("falls back to TheTVDB's airsTime in the network's zone when TVmaze does not know the show", async () => {
    const id = await showId('taskmaster', 63404);
    const show = (await call('GET', `/api/v1/shows/${id}`)).body;
    const last = show.seasons.at(-1).season_number;
    const season = (await call('GET', `/api/v1/shows/${id}/seasons/${last}`)).body;
    const dated = season.episodes.filter((episode: { air_date: string | null }) => episode.air_date);
    expect(dated.length).toBeGreaterThan(0);
    for (const episode of dated) {
      expect(episode.airs_at_source).toBe('thetvdb');
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      expect(local.format(new Date(episode.airs_at))).toBe('21:00');
    }
  });

  it('keeps a streaming drop without a time date-only', async () => {
    const id = await showId('stranger things', 66732);
    const season = (await call('GET', `/api/v1/shows/${id}/seasons/5`)).body;
    expect(season.episodes.length).toBeGreaterThan(0);
    for (const episode of season.episodes) expect(episode).toMatchObject({ airs_at: null, airs_at_source: 'date_only' });
  });

  it('fills a date TMDB lacks from TheTVDB', async () => {
    const id = await showId("grey's anatomy", 1416);
    const season = (await call('GET', `/api/v1/shows/${id}/seasons/22`)).body;
    const episode = season.episodes.find((item: { episode_number: number }) => item.episode_number === 7);
    expect(episode.air_date).not.toBeNull();
    expect(episode.air_date > today).toBe(true);
  });

  it('lists only episodes still to come with upcoming=true', async () => {
    const id = await showId('the last of us', 100088);
    const all = (await call('GET', `/api/v1/shows/${id}/episodes`)).body.episodes;
    const upcoming = (await call('GET', `/api/v1/shows/${id}/episodes?upcoming=true`)).body.episodes;
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.length).toBeLessThan(all.length);
    for (const episode of upcoming) expect(Date.parse(episode.airs_at ?? `${episode.air_date}T23:59:59Z`)).toBeGreaterThan(Date.now() - 86_400_000);
    const detail = (await call('GET', `/api/v1/shows/${id}`)).body;
    expect(detail.next_episode).toMatchObject({ id: upcoming[0].id });
  });

  it('answers a season the show does not have with 404, and a bad number with 400', async () => {
    const id = await showId('breaking bad', 1396);
    expectErrorEnvelope(await call('GET', `/api/v1/shows/${id}/seasons/99`), 404, 'not_found');
    expectErrorEnvelope(await call('GET', `/api/v1/shows/${id}/seasons/one`), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', `/api/v1/shows/${id}/seasons/-1`), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', `/api/v1/shows/${id}/episodes?upcoming=maybe`), 400, 'validation_failed');
  });
});

describe('trending and popular', () => {
  it('lists trending titles from TMDB without people, stored locally', async () => {
    const response = await call('GET', '/api/v1/shows/trending');
    expect(response.status).toBe(200);
    expect(response.body.incomplete).toBe(false);
    expect(response.body.results.length).toBeGreaterThan(5);
    for (const item of response.body.results) expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists popular movies only when asked', async () => {
    const response = await call('GET', '/api/v1/shows/popular?type=movie');
    expect(response.body.results.length).toBeGreaterThan(0);
    expect(response.body.results.every((item: { media_type: string }) => item.media_type === 'movie')).toBe(true);
    expectErrorEnvelope(await call('GET', '/api/v1/shows/popular?type=books'), 400, 'validation_failed');
  });
});
