// TheTVDB, OMDb and TVmaze as the stand-in serves them, and the air times
// the four agree on.
import { describe, expect, it } from 'vitest';
import { STAND_IN_OMDB_KEY, STAND_IN_TVDB_KEY } from './index.ts';
import { get, post, TODAY, useStandIns } from './test-helpers.ts';
import { addDays, localToUtc, tvmazeStamp } from './time.ts';

const standIns = useStandIns();

async function tvdbToken(): Promise<string> {
  const { status, body } = await post(`${standIns.it.bases.tvdb}/login`, { apikey: STAND_IN_TVDB_KEY, pin: 'any' });
  expect(status).toBe(200);
  return body.data.token;
}
const tvdbGet = (path: string, token: string) => get(`${standIns.it.bases.tvdb}${path}`, { headers: { authorization: `Bearer ${token}` } });
const omdbGet = (query: string) => get(`${standIns.it.bases.omdb}/?apikey=${STAND_IN_OMDB_KEY}&${query}`);

describe('TheTVDB', () => {
  it('wants a token from /login, and a new one after the tokens expire', async () => {
    expect((await post(`${standIns.it.bases.tvdb}/login`, { apikey: 'wrong' })).body).toEqual({ status: 'failure', message: 'Unauthorized', data: null });
    expect((await get(`${standIns.it.bases.tvdb}/series/81189`)).status).toBe(401);
    const token = await tvdbToken();
    expect((await tvdbGet('/series/81189', token)).body.data.name).toBe('Breaking Bad');
    await post(`${standIns.it.url}/__control/tvdb/expire-tokens`, {});
    expect((await tvdbGet('/series/81189', token)).status).toBe(401);
    expect((await tvdbGet('/series/81189', await tvdbToken())).status).toBe(200);
  });

  it('gives the network-local air time, or "" when it has none', async () => {
    const token = await tvdbToken();
    const taskmaster = (await tvdbGet('/series/305089/extended', token)).body.data;
    expect(taskmaster).toMatchObject({ airsTime: '21:00', originalNetwork: { name: 'Channel 4', country: 'gbr' }, status: { name: 'Continuing' } });
    expect(taskmaster.remoteIds).toContainEqual({ id: 'tt4934214', type: 2, sourceName: 'IMDB' });
    expect((await tvdbGet('/series/353546/extended', token)).body.data.airsTime).toBe('');
    expect((await tvdbGet('/series/371980/extended', token)).body.data).toMatchObject({ airsTime: '', nextAired: '' });
  });

  it('pages episodes 500 at a time with links, and marks finales', async () => {
    const token = await tvdbToken();
    const first = (await tvdbGet('/series/71663/episodes/default?page=0', token)).body;
    expect(first.data.episodes).toHaveLength(500);
    expect(first.links).toMatchObject({ prev: null, page_size: 500, next: `${standIns.it.bases.tvdb}/series/71663/episodes/default?page=1` });
    const second = (await get(first.links.next, { headers: { authorization: `Bearer ${token}` } })).body;
    expect(second.links.next).toBeNull();
    expect(first.data.episodes.length + second.data.episodes.length).toBe(first.links.total_items);
    const bb = (await tvdbGet('/series/81189/episodes/default?page=0', token)).body.data.episodes;
    expect(bb.find((ep: any) => ep.seasonNumber === 5 && ep.number === 16).finaleType).toBe('series');
    expect(bb.find((ep: any) => ep.seasonNumber === 4 && ep.number === 13).finaleType).toBe('season');
  });

  it("knows the date TMDB lacks for Grey's Anatomy S22E7", async () => {
    const episodes = (await tvdbGet('/series/73762/episodes/default?page=0', await tvdbToken())).body.data.episodes;
    expect(episodes.find((ep: any) => ep.seasonNumber === 22 && ep.number === 7).aired).toBe(addDays(TODAY, 7));
  });
});

describe('OMDb', () => {
  it('writes everything as strings, votes with commas, running series with an open year', async () => {
    const bb = (await omdbGet('i=tt0903747')).body;
    expect(bb).toMatchObject({ Year: '2008–2013', imdbVotes: '2,412,851', Type: 'series', totalSeasons: '5', Response: 'True', Metascore: '87' });
    expect(bb.Ratings.map((r: any) => r.Source)).toEqual(['Internet Movie Database', 'Rotten Tomatoes', 'Metacritic']);
    expect((await omdbGet('i=tt11280740')).body.Year).toBe('2022–');
    expect((await omdbGet('i=tt31463179')).body).toMatchObject({ imdbRating: 'N/A', imdbVotes: 'N/A', Ratings: [], Poster: 'N/A' });
  });

  it('answers errors with Response "False": 200 for ids, 401 for keys', async () => {
    expect(await omdbGet('i=tt9999999')).toMatchObject({ status: 200, body: { Response: 'False', Error: 'Movie not found!' } });
    expect(await omdbGet('i=nonsense')).toMatchObject({ status: 200, body: { Error: 'Incorrect IMDb ID.' } });
    const badKey = await get(`${standIns.it.bases.omdb}/?apikey=nope&i=tt0903747`);
    expect(badKey).toMatchObject({ status: 401, body: { Response: 'False', Error: 'Invalid API key!' } });
  });
});

describe('TVmaze', () => {
  it('redirects lookups with a 301 a fetch follows, and 404s shows it does not know', async () => {
    const raw = await fetch(`${standIns.it.bases.tvmaze}/lookup/shows?thetvdb=371980`, { redirect: 'manual' });
    expect(raw.status).toBe(301);
    expect(raw.headers.get('location')).toBe(`${standIns.it.bases.tvmaze}/shows/44933`);
    const followed = await get(`${standIns.it.bases.tvmaze}/lookup/shows?imdb=tt11280740`);
    expect(followed.body).toMatchObject({ id: 44933, network: null, webChannel: { name: 'Apple TV+', country: null } });
    expect((await get(`${standIns.it.bases.tvmaze}/lookup/shows?thetvdb=305089`)).status).toBe(404);
  });

  it('stamps episodes in UTC across the US clock change', async () => {
    const episodes = (await get(`${standIns.it.bases.tvmaze}/shows/46562/episodes`)).body.filter((ep: any) => ep.season === 3);
    expect(episodes.find((ep: any) => ep.airdate === TODAY)).toMatchObject({ airtime: '21:00', airstamp: '2026-03-05T02:00:00+00:00' });
    expect(episodes.find((ep: any) => ep.airdate === addDays(TODAY, 7)).airstamp).toBe('2026-03-12T01:00:00+00:00');
  });

  it('gives streaming drops no time and a noon placeholder', async () => {
    const drop = (await get(`${standIns.it.bases.tvmaze}/shows/2993/episodes`)).body.filter((ep: any) => ep.season === 5);
    expect(drop).toHaveLength(8);
    expect(drop[0]).toMatchObject({ airdate: addDays(TODAY, 2), airtime: '', airstamp: `${addDays(TODAY, 2)}T12:00:00+00:00` });
  });

  it('lists specials only when asked, and not the episode it has no date for', async () => {
    const plain = (await get(`${standIns.it.bases.tvmaze}/shows/169/episodes`)).body;
    const withSpecials = (await get(`${standIns.it.bases.tvmaze}/shows/169/episodes?specials=1`)).body;
    expect(withSpecials.length - plain.length).toBe(5);
    expect(withSpecials.find((ep: any) => ep.type === 'significant_special').number).toBeNull();
    const greys = (await get(`${standIns.it.bases.tvmaze}/shows/67/episodes`)).body;
    expect(greys.some((ep: any) => ep.season === 22 && ep.number === 7)).toBe(false);
  });
});

describe('cross-provider consistency', () => {
  it("every TVmaze airstamp is TheTVDB's local time on the airdate in the network's zone", async () => {
    const token = await tvdbToken();
    const tmdb = (await get(`${standIns.it.bases.tmdb}/tv/popular?api_key=stand-in-tmdb-token&page=1`)).body.results
      .concat((await get(`${standIns.it.bases.tmdb}/tv/popular?api_key=stand-in-tmdb-token&page=2`)).body.results);
    let checked = 0;
    for (const item of tmdb) {
      const external = (await get(`${standIns.it.bases.tmdb}/tv/${item.id}/external_ids?api_key=stand-in-tmdb-token`)).body;
      const series = (await tvdbGet(`/series/${external.tvdb_id}/extended`, token)).body.data;
      const lookup = await get(`${standIns.it.bases.tvmaze}/lookup/shows?thetvdb=${external.tvdb_id}`);
      if (lookup.status !== 200 || !series.airsTime) continue;
      const zone = (lookup.body.network ?? lookup.body.webChannel).country.timezone;
      expect(lookup.body.schedule.time).toBe(series.airsTime);
      for (const ep of (await get(`${standIns.it.bases.tvmaze}/shows/${lookup.body.id}/episodes`)).body) {
        expect(ep.airstamp).toBe(tvmazeStamp(localToUtc(ep.airdate, series.airsTime, zone)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
