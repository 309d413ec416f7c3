// TMDB's paths, auth, shapes and quirks as the stand-in serves them.
import { describe, expect, it } from 'vitest';
import { STAND_IN_TMDB_TOKEN } from './index.ts';
import { get, post, tmdbGet, TODAY, useStandIns } from './test-helpers.ts';
import { addDays } from './time.ts';

const standIns = useStandIns();

describe('TMDB auth', () => {
  it('rejects a missing or wrong credential with status_code 7 and accepts Bearer or api_key', async () => {
    const none = await get(`${standIns.it.bases.tmdb}/tv/95396`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ success: false, status_code: 7 });
    const wrong = await get(`${standIns.it.bases.tmdb}/tv/95396`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await get(`${standIns.it.bases.tmdb}/tv/95396?api_key=${STAND_IN_TMDB_TOKEN}`)).status).toBe(200);
  });
});

describe('TMDB lists', () => {
  it('mixes people into multi search, which clients must drop', async () => {
    const { body } = await tmdbGet(standIns.it, '/search/multi?query=TED');
    expect(body.results.map((r: any) => [r.media_type, r.name ?? r.title])).toEqual(
      expect.arrayContaining([['tv', 'Ted Lasso'], ['person', 'Ted Danson'], ['movie', 'Spirited Away']]),
    );
  });

  it('lists an announced show with an empty-string date, no poster and no genres', async () => {
    const { body } = await tmdbGet(standIns.it, '/search/tv?query=harry%20potter');
    expect(body.results[0]).toMatchObject({ id: 232766, first_air_date: '', poster_path: null, genre_ids: [] });
    expect(body.results[0].media_type).toBeUndefined();
  });

  it('pages 20 at a time and refuses pages past 500 with status_code 22', async () => {
    const first = await tmdbGet(standIns.it, '/tv/popular');
    expect(first.body.results).toHaveLength(20);
    expect(first.body.total_pages).toBe(2);
    const second = await tmdbGet(standIns.it, '/tv/popular?page=2');
    expect(second.body.results.length).toBe(first.body.total_results - 20);
    const tooFar = await tmdbGet(standIns.it, '/search/multi?query=the&page=501');
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.status_code).toBe(22);
  });

  it('serves trending for all, tv and movie, day and week', async () => {
    const all = await tmdbGet(standIns.it, '/trending/all/day');
    expect(new Set(all.body.results.map((r: any) => r.media_type))).toEqual(new Set(['tv', 'movie', 'person']));
    expect((await tmdbGet(standIns.it, '/trending/movie/week')).body.results.every((r: any) => r.media_type === 'movie')).toBe(true);
    expect((await tmdbGet(standIns.it, '/trending/tv/month')).status).toBe(404);
  });
});

describe('TMDB shows', () => {
  it('lists specials first and an announced season with no episodes and no date; nothing next for a returning show', async () => {
    const severance = (await tmdbGet(standIns.it, '/tv/95396')).body;
    expect(severance).toMatchObject({ status: 'Returning Series', next_episode_to_air: null, first_air_date: '2022-02-18' });
    expect(severance.seasons.at(-1)).toMatchObject({ season_number: 3, episode_count: 0, air_date: null });
    const breakingBad = (await tmdbGet(standIns.it, '/tv/1396')).body;
    expect(breakingBad.seasons[0]).toMatchObject({ season_number: 0, name: 'Specials' });
    expect(breakingBad.number_of_seasons).toBe(5);
  });

  it('embeds external ids and seasons under "season/N" keys', async () => {
    const { body } = await tmdbGet(standIns.it, '/tv/1396?append_to_response=external_ids,season/1,season/2');
    expect(body.external_ids).toMatchObject({ imdb_id: 'tt0903747', tvdb_id: 81189 });
    expect(body['season/1'].episodes).toHaveLength(7);
    expect(body['season/2'].season_number).toBe(2);
  });

  it('marks mid-season and series finales, and has no runtime before an episode airs', async () => {
    const season = (await tmdbGet(standIns.it, '/tv/1396/season/5')).body;
    expect(season.episodes[7].episode_type).toBe('mid_season');
    expect(season.episodes[15]).toMatchObject({ episode_type: 'finale', name: 'Felina' });
    const current = (await tmdbGet(standIns.it, '/tv/100088/season/3')).body;
    const today = current.episodes.find((ep: any) => ep.air_date === TODAY);
    expect(today).toMatchObject({ runtime: null, overview: '', still_path: null });
    expect(current.episodes[0].runtime).toBe(55);
  });

  it("has a null air_date for the Grey's Anatomy episode only TheTVDB knows", async () => {
    const { body } = await tmdbGet(standIns.it, '/tv/1416/season/22');
    expect(body.episodes[6]).toMatchObject({ episode_number: 7, air_date: null });
    expect(body.episodes[5].air_date).toBe(addDays(TODAY, 0));
  });

  it('answers 404 with status_code 34 for unknown ids and seasons', async () => {
    expect((await tmdbGet(standIns.it, '/tv/999999999')).body).toMatchObject({ success: false, status_code: 34 });
    expect((await tmdbGet(standIns.it, '/tv/1396/season/9')).status).toBe(404);
  });

  it('finds shows and movies by IMDb or TheTVDB id', async () => {
    const byImdb = (await tmdbGet(standIns.it, '/find/tt11280740?external_source=imdb_id')).body;
    expect(byImdb.tv_results[0]).toMatchObject({ id: 95396, media_type: 'tv' });
    expect(byImdb.movie_results).toEqual([]);
    expect((await tmdbGet(standIns.it, '/find/81189?external_source=tvdb_id')).body.tv_results[0].id).toBe(1396);
    expect((await tmdbGet(standIns.it, '/find/tt1375666?external_source=imdb_id')).body.movie_results[0].id).toBe(27205);
  });
});

describe('TMDB movies', () => {
  it('has an upcoming movie in post production next month', async () => {
    const { body } = await tmdbGet(standIns.it, '/movie/1003596');
    expect(body).toMatchObject({ status: 'Post Production', release_date: addDays(TODAY, 24), imdb_id: 'tt21357150' });
  });

  it('gives release dates of several types and countries', async () => {
    const { body } = await tmdbGet(standIns.it, '/movie/27205/release_dates');
    const us = body.results.find((r: any) => r.iso_3166_1 === 'US');
    expect(us.release_dates.map((r: any) => r.type)).toEqual([1, 3, 4, 5]);
    expect(body.results.map((r: any) => r.iso_3166_1)).toContain('GB');
  });
});

describe('TMDB changes', () => {
  it('reports shows airing around the day, 100 ids a page, and refuses windows over 14 days', async () => {
    const first = (await tmdbGet(standIns.it, '/tv/changes')).body;
    expect(first.results).toHaveLength(100);
    expect(first.total_pages).toBe(2);
    const ids = [...first.results, ...(await tmdbGet(standIns.it, '/tv/changes?page=2')).body.results].map((r: any) => r.id);
    expect(ids).toContain(100088);
    expect(ids).not.toContain(95396);
    const wide = await tmdbGet(standIns.it, `/tv/changes?start_date=${addDays(TODAY, -15)}&end_date=${TODAY}`);
    expect(wide.status).toBe(422);
    expect(wide.body.status_code).toBe(20);
  });

  it('gives the same answer for the same day', async () => {
    const once = (await tmdbGet(standIns.it, `/movie/changes?start_date=${addDays(TODAY, -3)}&end_date=${addDays(TODAY, -2)}`)).body;
    const again = (await tmdbGet(standIns.it, `/movie/changes?start_date=${addDays(TODAY, -3)}&end_date=${addDays(TODAY, -2)}`)).body;
    expect(again).toEqual(once);
  });

  it('reports a show a mutation touched today', async () => {
    await post(`${standIns.it.url}/__control/mutations`, { op: 'set_status', tmdbShowId: 95396, status: 'Ended' });
    const ids = (await tmdbGet(standIns.it, `/tv/changes?start_date=${TODAY}&end_date=${TODAY}`)).body.results.map((r: any) => r.id);
    expect(ids).toContain(95396);
  });
});
