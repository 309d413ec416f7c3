// Synthetic "TV Time Out by Refract" exports (made-up ids and titles).
import { describe, expect, it } from 'vitest';
import type { ImportFile, ImportRecord } from '../records.ts';
import { detect, parse } from './tvtime-out.ts';

const encoder = new TextEncoder();
const file = (name: string, text: string): ImportFile => ({ name, bytes: encoder.encode(text) });
const json = (name: string, value: unknown) => file(name, JSON.stringify(value, null, 2));
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const ofKind = <K extends ImportRecord['kind']>(records: ImportRecord[], kind: K) =>
  records.filter((record): record is Extract<ImportRecord, { kind: K }> => record.kind === kind);

const SHOW = { mediaType: 'tv', ids: { tvdb: 999001 }, title: 'Example Show' } as const;

const SERIES = csv(
  'uuid,tvdb_id,imdb_id,title,status,created_at',
  '11111111-1111-4111-8111-111111111111,999001,,Example Show,continuing,2022-03-18T00:03:26Z',
  '22222222-2222-4222-8222-222222222222,999002,tt0000201,Later Show,watch_later,2022-03-19T10:15:42.067614Z',
  '33333333-3333-4333-8333-333333333333,999003,-1,Dropped Show,stopped,2022-03-20T00:00:00Z',
);

const EPISODES = csv(
  'series_tvdb_id,series_imdb_id,series_uuid,title,season,episode,tvdb_id,is_watched,watched_at,rewatch_count,special',
  '999001,,11111111-1111-4111-8111-111111111111,Example Show,1,1,9000001,true,2019-10-04 03:43:42,0,false',
  '999001,,11111111-1111-4111-8111-111111111111,Example Show,1,1,9000001,true,2019-10-04 03:43:42,0,false',
  '999001,,11111111-1111-4111-8111-111111111111,Example Show,1,2,9000002,false,,0,false',
  '999001,,11111111-1111-4111-8111-111111111111,Example Show,0,1,9000100,true,2024-06-12T21:00:00Z,1,true',
);

const MOVIES = csv(
  'uuid,tvdb_id,imdb_id,title,year,created_at,watched_at,is_watched,rewatch_count',
  'aaaaaaaa-0000-4000-8000-000000000001,123456,tt0000001,"Superman, Returns",1978,2023-01-01T00:00:00Z,2024-01-05 20:00:00,true,0',
  'aaaaaaaa-0000-4000-8000-000000000002,123457,,Superman,2025,2023-02-01T00:00:00Z,,false,0',
);

const LISTS = csv('list_id,list_name,item_type,tvdb_id,uuid,name,custom_order', '1,Weekend picks,series,999001,,Example Show,0', '1,Weekend picks,movie,123457,,Superman,1');

const SERIES_JSON = [
  {
    id: { tvdb: 999001, imdb: null },
    title: 'Example Show',
    status: 'continuing',
    seasons: [
      {
        number: 0,
        episodes: [{ id: { tvdb: 9000100, imdb: null }, number: 1, is_watched: true, watched_at: '2024-06-12T21:00:00Z' }],
      },
      {
        number: 1,
        episodes: [
          { id: { tvdb: 9000001, imdb: null }, number: 1, is_watched: true, watched_at: '2019-10-04T03:43:42Z' },
          { id: { tvdb: 9000002, imdb: null }, number: 2, is_watched: false, watched_at: null },
        ],
      },
    ],
  },
];

describe('TV Time Out detection', () => {
  it('claims its dated tvtime-* files, loose or in a folder, by name and columns', () => {
    expect(detect([file('tvtime-export-2026-07-07/tvtime-series-episodes-2026-07-07.csv', EPISODES)])).toBe(true);
    expect(detect([file('tvtime-series-2026-07-07.csv', SERIES)])).toBe(true);
    expect(detect([file('tvtime-movies-2026-07-07.csv', MOVIES)])).toBe(true);
    expect(detect([json('tvtime-series-2026-07-07.json', SERIES_JSON)])).toBe(true);
  });

  it('claims the episode log under another name by its columns', () => {
    expect(detect([file('episodes (1).csv', EPISODES)])).toBe(true);
  });

  it('does not claim a Liberator export, a GDPR log or an IMDb CSV', () => {
    expect(detect([file('activity_history.csv', csv('imdb_id,tvdb_id,type,title,season,episode,is_special,is_watched,watched_at,status,is_watchlisted'))])).toBe(false);
    expect(detect([file('tracking-prod-records-v2.csv', csv('key,s_id,ep_id,created_at'))])).toBe(false);
    expect(detect([file('tvtime-movies.csv', csv('Const,Your Rating,Date Rated', 'tt0000001,8,2024-01-01'))])).toBe(false);
  });
});

describe('TV Time Out parsing', () => {
  it('imports watched episodes once each, specials in season 0, mixed time formats as UTC', () => {
    const { format, records } = parse([file('tvtime-series-episodes-2026-07-07.csv', EPISODES)]);
    expect(format).toBe('tvtime-out');
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000001 }, season: 1, number: 1 }, when: { at: '2019-10-04T03:43:42.000Z' } },
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000100 }, season: 0, number: 1 }, when: { at: '2024-06-12T21:00:00.000Z' } },
    ]);
  });

  it('makes no watches from rewatch counts', () => {
    const { notices } = parse([file('tvtime-series-episodes-2026-07-07.csv', EPISODES)]);
    expect(notices).toContain('1 TV Time rewatch count without times was not made into extra watches');
  });

  it('follows continuing shows, puts watch_later on the watchlist and leaves stopped shows', () => {
    const { records, notices } = parse([file('tvtime-series-2026-07-07.csv', SERIES)]);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: SHOW, when: { at: '2022-03-18T00:03:26.000Z' } }]);
    expect(ofKind(records, 'watchlist')).toEqual([
      { kind: 'watchlist', title: { mediaType: 'tv', ids: { tvdb: 999002, imdb: 'tt0000201' }, title: 'Later Show' }, when: { at: '2022-03-19T10:15:42.067Z' } },
    ]);
    expect(notices).toContain('1 show marked stopped in TV Time was not followed (their watches are imported)');
  });

  it('keys films on their ids so two films of one title stay apart', () => {
    const { records } = parse([file('tvtime-movies-2026-07-07.csv', MOVIES)]);
    expect(records).toEqual([
      { kind: 'movie_watch', movie: { mediaType: 'movie', ids: { tvdb: 123456, imdb: 'tt0000001' }, title: 'Superman, Returns', year: 1978 }, when: { at: '2024-01-05T20:00:00.000Z' } },
      { kind: 'watchlist', title: { mediaType: 'movie', ids: { tvdb: 123457 }, title: 'Superman', year: 2025 }, when: { at: '2023-02-01T00:00:00.000Z' } },
    ]);
  });

  it('reads list items as list entries', () => {
    expect(ofKind(parse([file('tvtime-lists-2026-07-07.csv', LISTS)]).records, 'list_entry')).toEqual([
      { kind: 'list_entry', list: 'Weekend picks', title: SHOW },
      { kind: 'list_entry', list: 'Weekend picks', title: { mediaType: 'movie', ids: { tvdb: 123457 }, title: 'Superman' } },
    ]);
  });

  it('reads the JSON twin alone to the same watches, and the CSV instead of it when both are there', () => {
    const fromCsv = parse([file('tvtime-series-2026-07-07.csv', SERIES), file('tvtime-series-episodes-2026-07-07.csv', EPISODES)]).records;
    const fromJson = parse([json('tvtime-series-2026-07-07.json', SERIES_JSON)]).records;
    const both = parse([
      file('tvtime-series-2026-07-07.csv', SERIES),
      file('tvtime-series-episodes-2026-07-07.csv', EPISODES),
      json('tvtime-series-2026-07-07.json', SERIES_JSON),
    ]).records;
    const watches = (records: ImportRecord[]) => ofKind(records, 'episode_watch').map((watch) => [watch.episode.ids.tvdb, watch.when]);
    expect(watches(fromJson)).toEqual([
      [9000100, { at: '2024-06-12T21:00:00.000Z' }],
      [9000001, { at: '2019-10-04T03:43:42.000Z' }],
    ]);
    expect(both).toEqual(fromCsv);
  });

  it('reads a file with a byte order mark and another column order', () => {
    const text = '\uFEFF' + csv('watched_at,is_watched,tvdb_id,episode,season,title,series_uuid,series_imdb_id,series_tvdb_id', '2019-10-04 03:43:42,true,9000001,1,1,Example Show,1111,,999001');
    expect(ofKind(parse([file('tvtime-series-episodes-2026-07-07.csv', text)]).records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000001 }, season: 1, number: 1 }, when: { at: '2019-10-04T03:43:42.000Z' } },
    ]);
  });
});
