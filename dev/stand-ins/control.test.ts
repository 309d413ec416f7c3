// The control API: faults, the request log, mutations reflected by all four
// providers, reset, and a stop() that does not wait for hung requests.
import { describe, expect, it } from 'vitest';
import { STAND_IN_TVDB_KEY, startStandIns } from './index.ts';
import { get, post, tmdbGet, TODAY, useStandIns } from './test-helpers.ts';
import { addDays } from './time.ts';

const standIns = useStandIns();
const control = (path: string) => `${standIns.it.url}/__control${path}`;
const fault = (body: object) => post(control('/faults'), body);

describe('faults', () => {
  it('fail the given number of matching requests, then let them through', async () => {
    expect((await fault({ provider: 'tmdb', kind: 'status', status: 503, retryAfterSeconds: 2, pathPattern: '^/tv/1396', times: 1 })).status).toBe(201);
    expect((await tmdbGet(standIns.it, '/tv/95396')).status).toBe(200);
    const failed = await tmdbGet(standIns.it, '/tv/1396');
    expect(failed).toMatchObject({ status: 503, body: { success: false, status_code: 9 } });
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await tmdbGet(standIns.it, '/tv/1396')).status).toBe(200);
  });

  it('rate-limit with 429 and Retry-After, except OMDb, which says so with a 401', async () => {
    await fault({ provider: 'tmdb', kind: 'rate_limit', retryAfterSeconds: 3 });
    const limited = await tmdbGet(standIns.it, '/tv/1396');
    expect(limited).toMatchObject({ status: 429, body: { status_code: 25 } });
    expect(limited.headers.get('retry-after')).toBe('3');
    await fault({ provider: 'omdb', kind: 'rate_limit' });
    expect(await get(`${standIns.it.bases.omdb}/?apikey=x&i=tt0903747`)).toMatchObject({ status: 401, body: { Error: 'Request limit reached!' } });
  });

  it('delay, truncate JSON, and hang until the client gives up', async () => {
    await fault({ provider: 'tvmaze', kind: 'latency', delayMs: 300, pathPattern: '/shows/82$', times: 1 });
    const started = Date.now();
    expect((await get(`${standIns.it.bases.tvmaze}/shows/82`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    await fault({ provider: 'tvmaze', kind: 'malformed_json', times: 1 });
    const broken = await fetch(`${standIns.it.bases.tvmaze}/shows/82`);
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();

    await fault({ provider: 'tvmaze', kind: 'timeout', times: 1 });
    await expect(fetch(`${standIns.it.bases.tvmaze}/shows/82`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const log = (await get(control('/requests?provider=tvmaze'))).body.requests;
    expect(log.map((r: any) => [r.fault, r.status])).toEqual([['latency', 200], ['malformed_json', 200], ['timeout', null]]);
  });

  it('refuses a fault it does not understand', async () => {
    expect((await fault({ provider: 'imdb', kind: 'status' })).status).toBe(400);
    expect((await fault({ provider: 'tmdb', kind: 'explode' })).status).toBe(400);
    expect((await fault({ provider: 'tmdb', kind: 'status', pathPattern: '(' })).status).toBe(400);
    await fault({ provider: 'tmdb', kind: 'status' });
    await fetch(control('/faults'), { method: 'DELETE' });
    expect((await tmdbGet(standIns.it, '/tv/1396')).status).toBe(200);
  });

  it('stop() returns while a request hangs', async () => {
    const own = await startStandIns();
    await post(`${own.url}/__control/faults`, { provider: 'tmdb', kind: 'timeout' });
    const hung = fetch(`${own.bases.tmdb}/tv/1396`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await own.stop();
    expect(await hung).toBeInstanceOf(Error);
  });
});

describe('request log', () => {
  it('records path, query, time and whether credentials came in a header', async () => {
    const before = Date.now();
    await tmdbGet(standIns.it, '/search/tv?query=lotus&page=1');
    await get(`${standIns.it.bases.omdb}/?apikey=k&i=tt0903747`);
    const tmdb = (await get(control('/requests?provider=tmdb'))).body.requests;
    expect(tmdb).toEqual([expect.objectContaining({ path: '/search/tv', query: { query: 'lotus', page: '1' }, authorization: true, status: 200 })]);
    expect(tmdb[0].time).toBeGreaterThanOrEqual(before);
    const all = (await get(control('/requests'))).body.requests;
    expect(all.map((r: any) => r.provider)).toEqual(['tmdb', 'omdb']);
    expect(all[1].authorization).toBe(false);
  });
});

describe('mutations', () => {
  const tvdbEpisodes = async (tvdbId: number, page = 0) => {
    const token = (await post(`${standIns.it.bases.tvdb}/login`, { apikey: STAND_IN_TVDB_KEY })).body.data.token;
    return (await get(`${standIns.it.bases.tvdb}/series/${tvdbId}/episodes/default?page=${page}`, { headers: { authorization: `Bearer ${token}` } })).body.data.episodes;
  };

  it('reschedule an episode in every provider', async () => {
    const newDate = addDays(TODAY, 10);
    const { status } = await post(control('/mutations'), { op: 'reschedule_episode', tmdbShowId: 100088, season: 3, episode: 2, airDate: newDate, airTime: '20:00' });
    expect(status).toBe(200);
    expect((await tmdbGet(standIns.it, '/tv/100088/season/3')).body.episodes[1].air_date).toBe(newDate);
    expect((await tvdbEpisodes(392256)).find((ep: any) => ep.seasonNumber === 3 && ep.number === 2).aired).toBe(newDate);
    const tvmaze = (await get(`${standIns.it.bases.tvmaze}/shows/46562/episodes`)).body.find((ep: any) => ep.season === 3 && ep.number === 2);
    expect(tvmaze).toMatchObject({ airdate: newDate, airtime: '20:00', airstamp: `${addDays(TODAY, 11)}T00:00:00+00:00` });
  });

  it('add an episode to an announced season, so the show has a next episode again', async () => {
    await post(control('/mutations'), [{ op: 'add_episode', tmdbShowId: 95396, season: 3, airDate: addDays(TODAY, 3), name: 'Hello, Ms. Cobel' }]);
    const show = (await tmdbGet(standIns.it, '/tv/95396')).body;
    expect(show.next_episode_to_air).toMatchObject({ season_number: 3, episode_number: 1, name: 'Hello, Ms. Cobel' });
    expect(show.seasons.at(-1)).toMatchObject({ episode_count: 1, air_date: addDays(TODAY, 3) });
    const tvmaze = (await get(`${standIns.it.bases.tvmaze}/shows/44933/episodes`)).body.at(-1);
    expect(tvmaze).toMatchObject({ season: 3, number: 1, airtime: '' });
  });

  it('end a show: statuses, the series finale and the OMDb year follow', async () => {
    await post(control('/mutations'), { op: 'set_status', tmdbShowId: 1667, status: 'Ended' });
    expect((await tmdbGet(standIns.it, '/tv/1667')).body).toMatchObject({ status: 'Ended', in_production: false });
    expect((await get(`${standIns.it.bases.tvmaze}/shows/361`)).body.status).toBe('Ended');
    const last = (await tvdbEpisodes(76177, 2)).at(-1);
    expect(last).toMatchObject({ seasonNumber: 51, number: 20, finaleType: 'series' });
    expect((await get(`${standIns.it.bases.omdb}/?apikey=stand-in-omdb-key&i=tt0072562`)).body.Year).toBe(`1975–${TODAY.slice(0, 4)}`);
  });

  it('reject a bad batch whole, and reset undoes the rest', async () => {
    const bad = await post(control('/mutations'), [
      { op: 'set_status', tmdbShowId: 1396, status: 'Returning Series' },
      { op: 'reschedule_episode', tmdbShowId: 1396, season: 9, episode: 1, airDate: TODAY },
    ]);
    expect(bad.status).toBe(400);
    expect((await tmdbGet(standIns.it, '/tv/1396')).body.status).toBe('Ended');
    await post(control('/mutations'), { op: 'set_status', tmdbShowId: 1396, status: 'Returning Series' });
    await post(control('/reset'), {});
    expect((await tmdbGet(standIns.it, '/tv/1396')).body.status).toBe('Ended');
    expect((await get(control('/mutations'))).body.mutations).toEqual([]);
  });
});
