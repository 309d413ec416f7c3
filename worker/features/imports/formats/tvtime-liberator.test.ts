// Synthetic TV Time Liberator exports (made-up ids and titles).
import { describe, expect, it } from 'vitest';
import type { ImportFile, ImportRecord } from '../records.ts';
import { detect, parse } from './tvtime-liberator.ts';

const encoder = new TextEncoder();
const file = (name: string, text: string): ImportFile => ({ name, bytes: encoder.encode(text) });
const json = (name: string, value: unknown) => file(name, JSON.stringify(value, null, 2));
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const ofKind = <K extends ImportRecord['kind']>(records: ImportRecord[], kind: K) =>
  records.filter((record): record is Extract<ImportRecord, { kind: K }> => record.kind === kind);

const SHOW = { mediaType: 'tv', ids: { tvdb: 999001 }, title: 'Example Show' } as const;

const SHOWS = [
  {
    uuid: '11111111-1111-4111-8111-111111111111',
    id: { tvdb: 999001, imdb: '-1' },
    title: 'Example Show',
    status: 'continuing',
    created_at: '2020-03-01T18:00:00.000Z',
    seasons: [
      {
        number: 0,
        episodes: [{ id: { tvdb: 9000100, imdb: '-1' }, number: 1, special: true, is_watched: true, watched_at: '2024-06-12 21:00:00', rating: null }],
      },
      {
        number: 1,
        episodes: [
          { id: { tvdb: 9000001, imdb: 'tt0000101' }, number: 1, special: false, is_watched: true, watched_at: '2024-06-11T06:13:20.147Z', rating: 8, rewatch_count: 2 },
          { id: { tvdb: 9000002, imdb: '-1' }, number: 2, special: false, is_watched: false, watched_at: null, rating: null },
        ],
      },
    ],
  },
  { uuid: '22222222-2222-4222-8222-222222222222', id: { tvdb: 999002, imdb: '-1' }, title: 'Dropped Show', status: 'stopped', created_at: '2021-01-01T00:00:00.000Z', seasons: [] },
];

const MOVIES = [
  { uuid: 'aaaaaaaa-0000-4000-8000-000000000001', id: { tvdb: 123456, imdb: 'tt0000001' }, title: 'Example Movie', created_at: '2023-01-01T00:00:00.000Z', rating: 6, is_watched: true, watched_at: '2024-01-05T20:00:00.000Z' },
  { uuid: 'aaaaaaaa-0000-4000-8000-000000000002', id: { tvdb: 123457, imdb: '-1' }, title: 'Later Movie', created_at: '2023-02-01T00:00:00.000Z', rating: null, is_watched: false, watched_at: null },
];

const HISTORY = csv(
  'imdb_id,tvdb_id,type,title,season,episode,is_special,is_watched,watched_at,status,is_watchlisted,rating',
  'tt0000001,123456,movie,Example Movie,,,false,true,2024-01-05T20:00:00.000Z,,false,6',
  '-1,9000001,episode,Example Show,1,1,false,true,2024-06-11T06:13:20.147Z,continuing,false,8',
  '-1,999001,show,Example Show,,,,,,continuing,true,',
);

describe('TV Time Liberator detection', () => {
  it('claims its zip by shows.json, movies.json and activity_history.csv content', () => {
    expect(detect([json('tv-time-export/shows.json', SHOWS)])).toBe(true);
    expect(detect([json('movies.json', MOVIES)])).toBe(true);
    expect(detect([file('activity_history.csv', HISTORY)])).toBe(true);
    expect(detect([file('activity_history (1).csv', HISTORY)])).toBe(true);
  });

  it('does not claim a shows.json of another tool or a Trakt export', () => {
    expect(detect([json('shows.json', [{ title: 'Example', ids: { trakt: 1 } }])])).toBe(false);
    expect(detect([json('watched-shows.json', [{ plays: 1, show: { ids: { trakt: 1, tvdb: 999001 } }, seasons: [] }])])).toBe(false);
  });
});

describe('TV Time Liberator parsing', () => {
  it('imports watched episodes from shows.json with TVDB ids, IMDb -1 as none, specials in season 0', () => {
    const { format, records } = parse([json('shows.json', SHOWS)]);
    expect(format).toBe('tvtime-liberator');
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000100 }, season: 0, number: 1 }, when: { at: '2024-06-12T21:00:00.000Z' } },
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000001, imdb: 'tt0000101' }, season: 1, number: 1 }, when: { at: '2024-06-11T06:13:20.147Z' } },
    ]);
  });

  it('follows every show but a stopped one, and rates episodes on their own 1-10', () => {
    const { records, notices } = parse([json('shows.json', SHOWS)]);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: SHOW, when: { at: '2020-03-01T18:00:00.000Z' } }]);
    expect(ofKind(records, 'rating')).toEqual([{ kind: 'rating', title: SHOW, episode: { ids: { tvdb: 9000001, imdb: 'tt0000101' }, season: 1, number: 1 }, rating: 8 }]);
    expect(notices).toContain('1 show marked stopped in TV Time was not followed (their watches are imported)');
  });

  it('makes no watches from rewatch counts', () => {
    const { records, notices } = parse([json('shows.json', SHOWS)]);
    expect(ofKind(records, 'episode_watch')).toHaveLength(2);
    expect(notices).toContain('1 TV Time rewatch count without times was not made into extra watches');
  });

  it('imports watched films as watches and the others as watchlist, with TVDB and IMDb ids', () => {
    const { records } = parse([json('movies.json', MOVIES)]);
    const movie = { mediaType: 'movie', ids: { tvdb: 123456, imdb: 'tt0000001' }, title: 'Example Movie' };
    expect(records).toEqual([
      { kind: 'movie_watch', movie, when: { at: '2024-01-05T20:00:00.000Z' } },
      { kind: 'watchlist', title: { mediaType: 'movie', ids: { tvdb: 123457 }, title: 'Later Movie' }, when: { at: '2023-02-01T00:00:00.000Z' } },
      { kind: 'rating', title: movie, rating: 6 },
    ]);
  });

  it('reads activity_history.csv alone, joining episode rows to their show by title', () => {
    const { records } = parse([file('activity_history.csv', HISTORY)]);
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000001 }, season: 1, number: 1 }, when: { at: '2024-06-11T06:13:20.147Z' } },
    ]);
    expect(ofKind(records, 'movie_watch')).toHaveLength(1);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: SHOW }]);
  });

  it('reads the older activity_history.csv, whose episode rows are typed show and include unwatched ones', () => {
    const old = csv(
      'imdb_id,tvdb_id,type,title,season,episode,is_special,is_watched,watched_at,status,is_watchlisted',
      '-1,9000001,show,Example Show,1,1,false,true,2024-06-11 06:13:20,continuing,false',
      '-1,9000002,show,Example Show,1,2,false,false,,continuing,true',
    );
    const { records } = parse([file('activity_history.csv', old)]);
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: { mediaType: 'tv', ids: {}, title: 'Example Show' }, episode: { ids: { tvdb: 9000001 }, season: 1, number: 1 }, when: { at: '2024-06-11T06:13:20.000Z' } },
    ]);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: { mediaType: 'tv', ids: {}, title: 'Example Show' } }]);
  });

  it('reads the JSON when both it and the CSV are there, importing nothing twice', () => {
    const both = parse([json('shows.json', SHOWS), json('movies.json', MOVIES), file('activity_history.csv', HISTORY)]).records;
    const jsonOnly = parse([json('shows.json', SHOWS), json('movies.json', MOVIES)]).records;
    expect(both).toEqual(jsonOnly);
  });

  it('marks favourite shows as favourite follows and reads lists', () => {
    const favorites = { name: 'Favorites', description: '', is_public: true, shows: [{ id: { tvdb: 999001, imdb: '-1' }, title: 'Example Show' }], movies: [{ id: { tvdb: 123456, imdb: 'tt0000001' }, title: 'Example Movie' }] };
    const lists = [{ name: 'Weekend, picks', description: '', is_public: false, shows: [{ id: { tvdb: 999003, imdb: '-1' }, title: 'Third Show', added_at: '2024-02-12T19:28:40.000Z' }], movies: [] }];
    const { records, notices } = parse([json('shows.json', SHOWS), json('favorites.json', favorites), json('lists.json', lists)]);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: SHOW, favorite: true, when: { at: '2020-03-01T18:00:00.000Z' } }]);
    expect(ofKind(records, 'list_entry')).toEqual([
      { kind: 'list_entry', list: 'Weekend, picks', title: { mediaType: 'tv', ids: { tvdb: 999003 }, title: 'Third Show' }, when: { at: '2024-02-12T19:28:40.000Z' } },
    ]);
    expect(notices).toContain('1 favourite film was skipped: only shows can be favourites here');
  });

  it('reads list_<name>.csv when there is no lists.json', () => {
    const list = csv('imdb_id,tvdb_id,type,title,season,episode,is_special,is_watched,watched_at,status,is_watchlisted', 'tt0000001,123456,movie,Example Movie,,,false,true,,,false');
    const { records } = parse([json('shows.json', SHOWS), file('list_weekend_picks.csv', list)]);
    expect(ofKind(records, 'list_entry')).toEqual([
      { kind: 'list_entry', list: 'weekend picks', title: { mediaType: 'movie', ids: { tvdb: 123456, imdb: 'tt0000001' }, title: 'Example Movie' } },
    ]);
  });
});
