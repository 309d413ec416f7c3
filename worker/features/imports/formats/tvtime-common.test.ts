// TV Time's time stamps and ids, and which of the three TV Time parsers claims which upload.
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../records.ts';
import { imdbOf, instantOf, tvdbOf, whenOf } from './tvtime-common.ts';
import * as gdpr from './tvtime-gdpr.ts';
import * as liberator from './tvtime-liberator.ts';
import * as out from './tvtime-out.ts';

const encoder = new TextEncoder();
const file = (name: string, text: string): ImportFile => ({ name, bytes: encoder.encode(text) });

describe('TV Time time stamps', () => {
  it('reads YYYY-MM-DD HH:MM:SS as UTC, never local time', () => {
    expect(instantOf('2024-06-11 06:13:20')).toBe('2024-06-11T06:13:20.000Z');
  });

  it('reads ISO instants with Z, microseconds or an offset', () => {
    expect(instantOf('2022-03-18T00:03:26Z')).toBe('2022-03-18T00:03:26.000Z');
    expect(instantOf('2024-09-13T10:50:29.147929Z')).toBe('2024-09-13T10:50:29.147Z');
    expect(instantOf('2024-09-13T12:50:29+02:00')).toBe('2024-09-13T10:50:29.000Z');
  });

  it('reads epoch seconds, milliseconds, microseconds and Go float seconds', () => {
    expect(instantOf('1624360950')).toBe('2021-06-22T11:22:30.000Z');
    expect(instantOf('1624360950000')).toBe('2021-06-22T11:22:30.000Z');
    expect(instantOf('1718000000000000')).toBe('2024-06-10T06:13:20.000Z');
    expect(instantOf('1.7180864e+09')).toBe('2024-06-11T06:13:20.000Z');
  });

  it('keeps a date-only value as a day', () => {
    expect(whenOf('2019-05-05')).toEqual({ on: '2019-05-05' });
  });

  it("has no time for blanks, TV Time's zero date and impossible dates", () => {
    for (const value of ['', 'null', '0001-01-01 00:00:00', '2024-02-30 10:00:00', '2024-06-11 25:00:00', 'yesterday', '0']) {
      expect(whenOf(value), value).toBe(null);
    }
  });
});

describe('TV Time ids', () => {
  it('reads TVDB ids, also as Go floats, and treats 0 and -1 as none', () => {
    expect([tvdbOf('999001'), tvdbOf(9000002), tvdbOf('9.000002e+06'), tvdbOf('0'), tvdbOf('-1'), tvdbOf('')]).toEqual([
      999001, 9000002, 9000002, undefined, undefined, undefined,
    ]);
  });

  it('reads IMDb ids and treats -1 and null as none', () => {
    expect([imdbOf('tt0000001'), imdbOf('-1'), imdbOf(null), imdbOf('')]).toEqual(['tt0000001', undefined, undefined, undefined]);
  });
});

describe('which TV Time parser claims an upload', () => {
  const uploads: Record<string, ImportFile[]> = {
    gdpr: [file('gdpr-data/tracking-prod-records-v2.csv', 'created_at,key,s_id,ep_id,s_no,ep_no\r\n2024-06-11 06:13:20,watch-episode-a-b,999001,9000002,1,2\r\n')],
    liberator: [
      file('tv-time-export/activity_history.csv', 'imdb_id,tvdb_id,type,title,season,episode,is_special,is_watched,watched_at,status,is_watchlisted\r\n'),
      file('tv-time-export/shows.json', JSON.stringify([{ uuid: 'x', id: { tvdb: 999001, imdb: '-1' }, title: 'Example Show', seasons: [] }])),
    ],
    out: [file('tvtime-series-episodes-2026-07-07.csv', 'series_tvdb_id,series_imdb_id,series_uuid,title,season,episode,tvdb_id,is_watched,watched_at,rewatch_count,special\r\n')],
  };
  const parsers = { gdpr, liberator, out };

  it('each variant is claimed by its own parser only', () => {
    for (const [variant, files] of Object.entries(uploads)) {
      const claimed = Object.entries(parsers).filter(([, parser]) => parser.detect(files)).map(([name]) => name);
      expect(claimed, variant).toEqual([variant]);
    }
  });

  it('none claims a Trakt export, an IMDb CSV or a Letterboxd export', () => {
    const others = [
      file('trakt-export/watched-history-1.json', JSON.stringify([{ id: 1, watched_at: '2024-01-01T00:00:00.000Z', type: 'episode', episode: { season: 1, number: 1, ids: { trakt: 1, tvdb: 9000001 } }, show: { title: 'Example Show', ids: { trakt: 2, tvdb: 999001 } } }])),
      file('trakt-export/watched-shows.json', JSON.stringify([{ plays: 1, show: { title: 'Example Show', ids: { trakt: 2, tvdb: 999001 } }, seasons: [] }])),
      file('ratings.csv', 'Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\r\ntt0000001,8,2024-01-01,Example,Example,https://www.imdb.com/title/tt0000001/,Movie,7.1,90,2019,Drama,100,2019-10-12,Someone\r\n'),
      file('letterboxd-someone-2026-07-07-10-00-utc/watched.csv', 'Date,Name,Year,Letterboxd URI\r\n2024-01-01,Example Movie,2019,https://boxd.it/abcd\r\n'),
    ];
    for (const [name, parser] of Object.entries(parsers)) expect(parser.detect(others), name).toBe(false);
  });
});
