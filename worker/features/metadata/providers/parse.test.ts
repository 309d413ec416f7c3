import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../../../lib/http.ts';
import { toRatings } from './omdb/omdb.client.ts';
import { isoDate, looseNumber, text } from './parse.ts';
import { imageUrls, toSummary } from './tmdb/tmdb.client.ts';
import { toAirTime } from './tvmaze/tvmaze.client.ts';

describe('quirk-tolerant values', () => {
  it.each([
    ['2024-02-30', null],
    ['', null],
    [null, null],
    ['N/A', null],
    ['2013-06-25T02:00:00+00:00', '2013-06-25'],
    ['2025-01-17', '2025-01-17'],
  ])('isoDate(%j) is %j', (input, expected) => expect(isoDate.parse(input)).toBe(expected));

  it.each([
    ['1,234,567', 1234567],
    ['8.7', 8.7],
    [42, 42],
    ['N/A', null],
    ['', null],
    ['abc', null],
    [null, null],
  ])('looseNumber(%j) is %j', (input, expected) => expect(looseNumber.parse(input)).toBe(expected));

  it.each([
    ['  Severance ', 'Severance'],
    ['N/A', null],
    ['', null],
    [7, null],
  ])('text(%j) is %j', (input, expected) => expect(text.parse(input)).toBe(expected));
});

describe('provider mappings', () => {
  it('drops TMDB person results and keeps empty-string dates as null', () => {
    const image = imageUrls('https://images.test/t/p');
    expect(toSummary({ id: 1, media_type: 'person', name: 'Someone' }, image)).toBeNull();
    expect(toSummary({ id: 2, media_type: 'tv', name: 'Show', first_air_date: null, poster_path: null }, image)).toMatchObject({
      tmdbId: 2,
      mediaType: 'tv',
      title: 'Show',
      premiereDate: null,
      posterUrl: null,
    });
  });

  it('builds image URLs on the configured image base', () => {
    const image = imageUrls('http://127.0.0.1:8788/tmdb-images/');
    expect(toSummary({ id: 3, media_type: 'movie', title: 'Film', poster_path: '/p.jpg', backdrop_path: '/b.jpg' }, image)).toMatchObject({
      posterUrl: 'http://127.0.0.1:8788/tmdb-images/w500/p.jpg',
      backdropUrl: 'http://127.0.0.1:8788/tmdb-images/w780/b.jpg',
    });
  });

  it('reads OMDb ratings from strings', () => {
    const ratings = toRatings({
      Response: 'True',
      imdbRating: 8.7,
      imdbVotes: 215000,
      Metascore: null,
      Awards: 'Won 8 Primetime Emmys.',
      Ratings: [
        { Source: 'Internet Movie Database', Value: '8.7/10' },
        { Source: 'Rotten Tomatoes', Value: '96%' },
        { Source: 'Metacritic', Value: '84/100' },
      ],
    });
    expect(ratings).toEqual({ imdbRating: 8.7, imdbVotes: 215000, rottenTomatoes: 96, metacritic: 84, awards: 'Won 8 Primetime Emmys.' });
  });

  it("treats TVmaze's noon placeholder of a streaming drop as date-only", () => {
    expect(toAirTime({ season: 1, number: 1, airdate: '2026-01-01', airtime: '', airstamp: '2026-01-01T12:00:00+00:00' })).toEqual({
      seasonNumber: 1,
      episodeNumber: 1,
      airDate: '2026-01-01',
      airsAt: null,
    });
    expect(toAirTime({ season: 1, number: 2, airdate: '2026-01-08', airtime: '22:00', airstamp: '2026-01-09T03:00:00+00:00' })?.airsAt).toBe(
      '2026-01-09T03:00:00.000Z',
    );
    expect(toAirTime({ season: 1, number: null, airdate: '2026-01-08', airtime: '', airstamp: null })).toBeNull();
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('backs off exponentially with jitter in the upper half', () => {
    expect(backoffMs(1, 250, 0)).toBe(125);
    expect(backoffMs(1, 250, 1)).toBe(250);
    expect(backoffMs(3, 250, 0)).toBe(500);
    expect(backoffMs(3, 250, 1)).toBe(1000);
  });
});
