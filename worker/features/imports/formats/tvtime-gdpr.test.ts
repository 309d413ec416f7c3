// Synthetic TV Time GDPR exports (made-up ids and titles), one behaviour per test.
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ImportFile, type ImportRecord } from '../records.ts';
import { detect, keepMember, parse } from './tvtime-gdpr.ts';

const encoder = new TextEncoder();
const file = (name: string, text: string): ImportFile => ({ name, bytes: encoder.encode(text) });
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const ofKind = <K extends ImportRecord['kind']>(records: ImportRecord[], kind: K) =>
  records.filter((record): record is Extract<ImportRecord, { kind: K }> => record.kind === kind);

const SHOW = { mediaType: 'tv', ids: { tvdb: 999001 }, title: 'Example Show' } as const;

// Header order as in one real export; a follow row, two watches (one a special), the totals row.
const V2 = csv(
  'created_at,user_id,key,updated_at,is_archived,is_followed,s_id,is_for_later,followed_at,runtime,bulk_type,s_no,ep_no,is_unitary,ep_id,rewatch_count,gsi,is_special,series_name,season_number,episode_number,ep_watch_count',
  '2024-06-10 06:13:20,0,user-series-11111111-1111-4111-8111-111111111111,2024-06-11 06:13:20,false,true,999001,false,1718000000000000,,,,,,,,,,Example Show,,,2',
  '2024-06-11 06:13:20,0,watch-episode-11111111-1111-4111-8111-111111111111-22222222-2222-4222-8222-222222222222,2024-06-11 06:13:20,,,999001,,,2700,,1,2,false,9000002,0,watch-episode-1718086400,false,Example Show,1,2,',
  '2024-06-12 21:00:00,0,watch-episode-11111111-1111-4111-8111-111111111111-33333333-3333-4333-8333-333333333333,2024-06-12 21:00:00,,,999001,,,2700,season,0,1,false,9000100,0,,true,Example Show,0,1,',
  '2022-01-01 00:00:00,0,tracking-stats,2024-06-11 06:13:20,,,,,,,,,,,,,,,,,,812',
);

describe('TV Time GDPR detection', () => {
  it('claims an archive by its member names and columns, nested in a folder', () => {
    expect(detect([file('gdpr-data/tracking-prod-records-v2.csv', V2)])).toBe(true);
  });

  it('claims a renamed tracking log by its columns', () => {
    expect(detect([file('upload (3).csv', V2)])).toBe(true);
  });

  it('does not claim a file that only has a GDPR name', () => {
    expect(detect([file('tracking-prod-records-v2.csv', csv('Const,Your Rating,Date Rated', 'tt0000001,8,2024-01-01'))])).toBe(false);
  });

  it('does not claim a Trakt export or an IMDb ratings CSV', () => {
    const trakt = file('trakt-export/watched-history.json', JSON.stringify([{ id: 1, watched_at: '2024-01-01T00:00:00.000Z', type: 'movie', movie: { ids: { trakt: 1 } } }]));
    const imdb = file('ratings.csv', csv('Const,Your Rating,Date Rated,Title,URL,Title Type', 'tt0000001,8,2024-01-01,Example,https://www.imdb.com/title/tt0000001/,Movie'));
    expect(detect([trakt, imdb])).toBe(false);
  });
});

describe('keepMember', () => {
  it('lets the media files it reads through, in folders and with a hash prefix', () => {
    for (const path of [
      'tracking-prod-records-v2.csv',
      'gdpr-data/tracking-prod-records.csv',
      'gdpr-data/followed_tv_show.csv',
      'user_tv_show_data.csv',
      'user_show_special_status.csv',
      'tv_show_rate.csv',
      'seen_episode.csv',
      'watched_on_episode.csv',
      'ratings-v2-prod-votes.csv',
      'lists-prod-lists.csv',
      'a1b2c3d4_tracking-prod-records-v2.csv',
    ]) {
      expect(keepMember(path), path).toBe(true);
    }
  });

  it('refuses credentials, personal data and every file it does not read', () => {
    for (const path of [
      'access_token.csv',
      'refresh_token.csv',
      'gdpr-data/auth-prod-login.csv',
      'ip_address.csv',
      'device_token.csv',
      'user_personal_data.csv',
      'gdpr_requests.csv',
      'device_data.csv',
      'user.csv',
      '0a1b_user.csv',
      'emotions-live-votes.csv',
      'episode_comment.csv',
      'show_seen_episode_latest.csv',
      'some-new-table.csv',
      'tracking-prod-records-v2.json',
    ]) {
      expect(keepMember(path), path).toBe(false);
    }
  });
});

describe('TV Time GDPR episode history', () => {
  it('reads v2 watches with TVDB show and episode ids, specials in season 0, created_at kept as UTC', () => {
    const { format, records } = parse([file('gdpr-data/tracking-prod-records-v2.csv', V2)]);
    expect(format).toBe('tvtime-gdpr');
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000002 }, season: 1, number: 2 }, when: { at: '2024-06-11T06:13:20.000Z' } },
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000100 }, season: 0, number: 1 }, when: { at: '2024-06-12T21:00:00.000Z' } },
    ]);
  });

  it('follows a show from its user-series row, since followed_at in microseconds', () => {
    const { records } = parse([file('tracking-prod-records-v2.csv', V2)]);
    expect(ofKind(records, 'follow')).toEqual([{ kind: 'follow', show: SHOW, when: { at: '2024-06-10T06:13:20.000Z' } }]);
  });

  it('reads episode_id and season_number/episode_number when ep_id, s_no and ep_no are missing', () => {
    const text = csv(
      'key,s_id,series_name,episode_id,season_number,episode_number,created_at',
      'watch-episode-aaa-bbb,999001,Example Show,9000002,1,2,2024-06-11 06:13:20',
    );
    expect(ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000002 }, season: 1, number: 2 }, when: { at: '2024-06-11T06:13:20.000Z' } },
    ]);
  });

  it('treats a present but empty ep_id as missing and falls back to episode_id', () => {
    const text = csv(
      'key,s_id,ep_id,episode_id,s_no,ep_no,season_number,episode_number,created_at',
      'watch-episode-aaa-bbb,999001,,9000002,,,1,2,2024-06-11 06:13:20',
    );
    const [watch] = ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch');
    expect(watch?.episode).toEqual({ ids: { tvdb: 9000002 }, season: 1, number: 2 });
  });

  it('reads the minimal converted export, which has no key column and no episode ids', () => {
    const text = csv('created_at,episode_number,s_id,season_number,series_name', '2024-06-11 06:13:20,3,999001,2,Example Show');
    expect(detect([file('export.csv', text)])).toBe(true);
    expect(parse([file('tracking-prod-records-v2.csv', text)]).records).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: {}, season: 2, number: 3 }, when: { at: '2024-06-11T06:13:20.000Z' } },
    ]);
  });

  it('gives the same records whatever the column order', () => {
    const a = csv('key,s_id,series_name,ep_id,s_no,ep_no,created_at', 'watch-episode-x-y,999001,Example Show,9000002,1,2,2024-06-11 06:13:20');
    const b = csv('created_at,ep_no,s_no,ep_id,series_name,s_id,key', '2024-06-11 06:13:20,2,1,9000002,Example Show,999001,watch-episode-x-y');
    expect(parse([file('tracking-prod-records-v2.csv', b)]).records).toEqual(parse([file('tracking-prod-records-v2.csv', a)]).records);
  });

  it('keeps quoted commas, quotes and newlines in show names', () => {
    const text = csv('key,s_id,series_name,ep_id,s_no,ep_no,created_at', 'watch-episode-x-y,999002,"Law, ""Order""\nand More",9000200,1,1,2024-06-11 06:13:20');
    const [watch] = ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch');
    expect(watch?.show).toEqual({ mediaType: 'tv', ids: { tvdb: 999002 }, title: 'Law, "Order"\nand More' });
  });

  it('reads a file that starts with a byte order mark', () => {
    const text = '\uFEFF' + csv('created_at,key,s_id,ep_id,s_no,ep_no', '2024-06-11 06:13:20,watch-episode-x-y,999001,9000002,1,2');
    const [watch] = ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch');
    expect(watch?.when).toEqual({ at: '2024-06-11T06:13:20.000Z' });
  });

  it('imports one watch when v2, v1 and a name-keyed log all record it', () => {
    const v2 = csv('key,s_id,series_name,ep_id,s_no,ep_no,created_at', 'watch-episode-x-y,999001,Example Show,9000002,1,2,2021-06-22 11:22:30');
    const v1 = csv(
      'series_name,uuid,type-uuid-n,type,created_at,series_id,entity_type,season_number,episode_id,episode_number,watch_date',
      'Example Show,bbbbbbbb-0000-4000-8000-000000000003,watch-bbbbbbbb-0,watch,2021-06-22 11:22:30,999001,episode,1,9000002,2,1624360950',
    );
    const seen = csv(
      'updated_at,tv_show_name,episode_season_number,episode_number,user_id,episode_id,source,created_at',
      '2021-06-22 11:22:30,Example Show,1,2,0,9000002,episode-detail,2021-06-22 11:22:30',
    );
    const { records } = parse([
      file('gdpr-data/tracking-prod-records-v2.csv', v2),
      file('gdpr-data/tracking-prod-records.csv', v1),
      file('gdpr-data/seen_episode_source.csv', seen),
    ]);
    expect(ofKind(records, 'episode_watch')).toEqual([
      { kind: 'episode_watch', show: SHOW, episode: { ids: { tvdb: 9000002 }, season: 1, number: 2 }, when: { at: '2021-06-22T11:22:30.000Z' } },
    ]);
  });

  it('imports a rewatch as a second watch at its own time', () => {
    const text = csv(
      'key,s_id,series_name,ep_id,s_no,ep_no,created_at,rewatch_count',
      'watch-episode-x-y,999001,Example Show,9000002,1,2,2024-06-11 06:13:20,0',
      'rewatch-episode-x-z-1,999001,Example Show,9000002,1,2,2025-01-02 03:04:05,1',
    );
    expect(ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch').map((watch) => watch.when)).toEqual([
      { at: '2024-06-11T06:13:20.000Z' },
      { at: '2025-01-02T03:04:05.000Z' },
    ]);
  });

  it('keeps the same watch written twice in one file once', () => {
    const row = 'watch-episode-x-y,999001,Example Show,9000002,1,2,2024-06-11 06:13:20';
    const text = csv('key,s_id,series_name,ep_id,s_no,ep_no,created_at', row, row);
    expect(ofKind(parse([file('tracking-prod-records-v2.csv', text)]).records, 'episode_watch')).toHaveLength(1);
  });

  it('finds the show of a name-keyed row by the id other files give that name, and keeps an unknown name as a title', () => {
    const followed = csv(
      'updated_at,active,notification_type,folder_id,archived,notification_offset,user_id,tv_show_id,tv_show_name,created_at,diffusion',
      '2020-03-01 18:00:00,1,2,,0,1440,0,999001,Example Show,2020-03-01 18:00:00,original',
    );
    const seen = csv(
      'tv_show_name,episode_season_number,episode_number,episode_id,created_at,updated_at',
      'Example Show,1,1,9000001,2019-05-05 21:00:00,2019-05-05 21:00:00',
      'Bodyguard (2018),1,1,,2019-06-01 20:00:00,2019-06-01 20:00:00',
    );
    const watches = ofKind(parse([file('followed_tv_show.csv', followed), file('seen_episode.csv', seen)]).records, 'episode_watch');
    expect(watches.map((watch) => watch.show)).toEqual([SHOW, { mediaType: 'tv', ids: {}, title: 'Bodyguard', year: 2018 }]);
    expect(watches[1]?.episode).toEqual({ ids: {}, season: 1, number: 1 });
  });

  it('does not join a name that two shows share to either of them', () => {
    const followed = csv('tv_show_id,tv_show_name,active,archived,created_at', '999010,The Office,1,0,2020-01-01 00:00:00', '999011,The Office,1,0,2020-01-02 00:00:00');
    const seen = csv('tv_show_name,episode_season_number,episode_number,created_at', 'The Office,1,1,2020-02-01 20:00:00');
    const [watch] = ofKind(parse([file('followed_tv_show.csv', followed), file('watched_on_episode.csv', seen)]).records, 'episode_watch');
    expect(watch?.show).toEqual({ mediaType: 'tv', ids: {}, title: 'The Office' });
  });

  it('keeps a date-only time as a day and epoch seconds as an instant', () => {
    const seen = csv('tv_show_name,episode_season_number,episode_number,episode_id,created_at', 'Example Show,1,1,9000001,2019-05-05');
    const v1 = csv('series_name,type,entity_type,series_id,season_number,episode_number,episode_id,watch_date,created_at', 'Example Show,watch,episode,999001,1,3,9000003,1640995200,');
    const watches = ofKind(parse([file('seen_episode.csv', seen), file('tracking-prod-records.csv', v1)]).records, 'episode_watch');
    expect(watches.map((watch) => watch.when)).toEqual([{ at: '2022-01-01T00:00:00.000Z' }, { on: '2019-05-05' }]);
  });

  it('creates nothing from counters, and says TV Time counts more than it lists', () => {
    const v1 = csv(
      'series_name,uuid,type-uuid-n,watch_count,type,created_at,series_id,entity_type',
      'Example Show,cccccccc-0000-4000-8000-000000000004,count-watch-episode-series-cccccccc,40,count-watch-episode-series,2021-05-01 10:00:00,999001,',
    );
    const data = csv('user_id,tv_show_id,is_followed,is_favorited,nb_episodes_seen,tv_show_name', '0,999001,0,0,40,Example Show');
    const rewatched = csv('tv_show_name,episode_season_number,episode_number,cpt,created_at,updated_at', 'Example Show,1,2,3,2024-01-01 00:00:00,2024-01-01 00:00:00');
    const { records, notices } = parse([
      file('tracking-prod-records-v2.csv', V2),
      file('tracking-prod-records.csv', v1),
      file('user_tv_show_data.csv', data),
      file('rewatched_episode.csv', rewatched),
    ]);
    expect(ofKind(records, 'episode_watch')).toHaveLength(2);
    expect(notices).toContain('TV Time counts 38 more watched episodes than its export lists, over 1 show; only the listed watches are imported');
    expect(notices).toContain('1 TV Time rewatch count without times was not made into extra watches');
  });

  it('reports ragged rows with a count instead of failing', () => {
    const text = csv(
      'key,s_id,series_name,ep_id,s_no,ep_no,created_at',
      'watch-episode-x-y,999001,Example Show,9000002,1,2,2024-06-11 06:13:20,extra,fields',
      'watch-episode-x-z,999001,Example Show,9000003,1,3,2024-06-12 06:13:20',
      'watch-episode-x-w,999001',
    );
    const { records, notices } = parse([file('tracking-prod-records-v2.csv', text)]);
    expect(ofKind(records, 'episode_watch')).toHaveLength(2);
    expect(notices).toContain('tracking-prod-records-v2.csv: 2 rows had more or fewer fields than the header; missing fields were read as empty and extra ones dropped');
    expect(notices).toContain('1 episode watch record named no episode and was skipped');
  });
});

describe('TV Time GDPR films, follows, watchlist, ratings and lists', () => {
  const V1 = csv(
    'series_name,uuid,type-uuid-n,type,created_at,series_id,movie_name,runtime,entity_type,alpha_range_key,release_date,season_number,episode_id,watch_date,episode_number,watch_date_range_key',
    ',aaaaaaaa-0000-4000-8000-000000000001,watch-aaaaaaaa-0000-4000-8000-000000000001-0,watch,2022-04-15 05:20:00,,Ejemplo de Película,5400,movie,watch-alpha-example-movie,2019-10-12,,,1650000000,,watch-date-1650000000',
    ',aaaaaaaa-0000-4000-8000-000000000001,towatch-aaaaaaaa-0000-4000-8000-000000000001,towatch,2022-01-01 00:00:00,,Ejemplo de Película,,movie,towatch-alpha-example-movie,2019-10-12,,,,,',
    ',aaaaaaaa-0000-4000-8000-000000000002,towatch-aaaaaaaa,towatch,2023-11-14 22:13:20,,"Another Film, Part 2",,movie,,0001-01-01 00:00:00,,,,,',
    ',aaaaaaaa-0000-4000-8000-000000000002,rewatch-aaaaaaaa,rewatch,2023-11-15 22:13:20,,"Another Film, Part 2",,movie,,0001-01-01 00:00:00,,,,,',
    ',aaaaaaaa-0000-4000-8000-000000000003,watch-aaaaaaaa-0000-4000-8000-000000000003-0,watch,2023-12-01 20:00:00,,Amélie’s Café,,movie,watch-alpha-amelies-cafe,2001-04-25,,,,,',
  );

  it('imports v1 films by English title and year, without ids; a watched film is not also on the watchlist', () => {
    const { records, notices } = parse([file('tracking-prod-records.csv', V1)]);
    expect(ofKind(records, 'movie_watch')).toEqual([
      { kind: 'movie_watch', movie: { mediaType: 'movie', ids: {}, title: 'example movie', year: 2019 }, when: { at: '2022-04-15T05:20:00.000Z' } },
      { kind: 'movie_watch', movie: { mediaType: 'movie', ids: {}, title: 'Amélie’s Café', year: 2001 }, when: { at: '2023-12-01T20:00:00.000Z' } },
    ]);
    expect(ofKind(records, 'watchlist')).toEqual([
      { kind: 'watchlist', title: { mediaType: 'movie', ids: {}, title: 'Another Film, Part 2' }, when: { at: '2023-11-14T22:13:20.000Z' } },
    ]);
    expect(notices).toContain('1 film rewatch record without a reliable time was not made into extra watches');
  });

  it('merges follows and favourites of one show into one favourite follow, and puts "for later" on the watchlist', () => {
    const status = csv(
      'created_at,updated_at,tv_show_name,user_id,tv_show_id,status',
      '2021-02-02 20:00:00,2021-02-02 20:00:00,Example Show,0,999001,favorite',
      '2021-02-03 20:00:00,2021-02-03 20:00:00,Later Show,0,999003,for_later',
    );
    const data = csv('user_id,tv_show_id,is_followed,is_favorited,nb_episodes_seen,tv_show_name', '0,999004,1,1,0,Loved Show');
    const { records } = parse([file('tracking-prod-records-v2.csv', V2), file('user_show_special_status.csv', status), file('user_tv_show_data.csv', data)]);
    expect(ofKind(records, 'follow')).toEqual([
      { kind: 'follow', show: SHOW, favorite: true, when: { at: '2021-02-02T20:00:00.000Z' } },
      { kind: 'follow', show: { mediaType: 'tv', ids: { tvdb: 999004 }, title: 'Loved Show' }, favorite: true },
    ]);
    expect(ofKind(records, 'watchlist')).toEqual([
      { kind: 'watchlist', title: { mediaType: 'tv', ids: { tvdb: 999003 }, title: 'Later Show' }, when: { at: '2021-02-03T20:00:00.000Z' } },
    ]);
  });

  it('follows an archived show only when it is a favourite, and imports its watches all the same', () => {
    const followed = csv(
      'tv_show_id,tv_show_name,active,archived,created_at',
      '999001,Example Show,1,1,2020-03-01 18:00:00',
      '999005,Other Show,1,0,2020-03-02 18:00:00',
      '999006,Loved Show,1,1,2020-03-03 18:00:00',
    );
    const data = csv('user_id,tv_show_id,is_followed,is_favorited,nb_episodes_seen,tv_show_name', '0,999001,1,0,2,Example Show', '0,999006,1,1,0,Loved Show');
    const { records, notices } = parse([file('followed_tv_show.csv', followed), file('user_tv_show_data.csv', data), file('tracking-prod-records-v2.csv', V2)]);
    expect(ofKind(records, 'follow').map((follow) => [follow.show.ids.tvdb, follow.favorite ?? false])).toEqual([
      [999005, false],
      [999006, true],
    ]);
    expect(ofKind(records, 'episode_watch')).toHaveLength(2);
    expect(notices).toContain('1 show archived in TV Time was not followed (their watches are imported)');
  });

  it('doubles 0-5 show ratings to 1-10, 0 being no rating', () => {
    const rates = csv(
      'created_at,updated_at,tv_show_name,user_id,tv_show_id,rating',
      '2021-02-03 20:00:00,2021-02-03 20:00:00,Example Show,0,999001,4.50',
      '2021-02-03 20:00:00,2021-02-03 20:00:00,Other Show,0,999005,0',
      '2021-02-03 20:00:00,2021-02-03 20:00:00,Third Show,0,999006,0.5',
    );
    const ratings = ofKind(parse([file('tv_show_rate.csv', rates)]).records, 'rating');
    expect(ratings.map((rating) => [rating.title.ids.tvdb, rating.rating])).toEqual([
      [999001, 9],
      [999006, 1],
    ]);
  });

  it('reads star votes of films (joined to the v1 film by uuid) and episodes, and skips vote ids it does not know', () => {
    const films = csv(
      'vote_key,episode_id,user_id,uuid,movie_name',
      'aaaaaaaa-0000-4000-8000-000000000001-0-29,0,0,aaaaaaaa-0000-4000-8000-000000000001,Ejemplo de Película',
      'aaaaaaaa-0000-4000-8000-000000000009-0-20,0,0,aaaaaaaa-0000-4000-8000-000000000009,Unknown Vote',
    );
    const episodes = csv('series_name,season_number,episode_number,user_id,vote_key,episode_id', 'Example Show,1,2,0,9000002-0-3,9000002');
    const { records, notices } = parse([
      file('tracking-prod-records.csv', V1),
      file('tracking-prod-records-v2.csv', V2),
      file('ratings-live-votes.csv', films),
      file('ratings-3-prod-episode_votes.csv', episodes),
      file('emotions-live-votes.csv', films),
    ]);
    expect(ofKind(records, 'rating')).toEqual([
      { kind: 'rating', title: { mediaType: 'movie', ids: {}, title: 'example movie', year: 2019 }, rating: 8 },
      { kind: 'rating', title: SHOW, episode: { ids: { tvdb: 9000002 }, season: 1, number: 2 }, rating: 10 },
    ]);
    expect(notices).toContain('1 TV Time vote of an unknown kind (not 1-5 stars) was skipped');
  });

  it('reads custom lists from the Go map dump, films through their uuid', () => {
    const lists = csv(
      'ordering,s_key,name,type,description,is_public,user_id,objects,created_at,lists,list_count',
      '0,00000000-0000-4000-8000-00000000000a,Weekend picks,list,,true,0,[map[created_at:1.707766149e+09 id:999001 type:series] map[created_at:1.707766174e+09 type:movie uuid:aaaaaaaa-0000-4000-8000-000000000001]],2024-02-12 19:28:40,,',
    );
    const entries = ofKind(parse([file('lists-prod-lists.csv', lists), file('tracking-prod-records.csv', V1)]).records, 'list_entry');
    expect(entries).toEqual([
      { kind: 'list_entry', list: 'Weekend picks', title: { mediaType: 'tv', ids: { tvdb: 999001 } }, when: { at: '2024-02-12T19:29:09.000Z' } },
      { kind: 'list_entry', list: 'Weekend picks', title: { mediaType: 'movie', ids: {}, title: 'example movie', year: 2019 }, when: { at: '2024-02-12T19:29:34.000Z' } },
    ]);
  });

  it('refuses an upload with no GDPR file as an unknown format', () => {
    expect(() => parse([file('notes.csv', csv('a,b', '1,2'))])).toThrow(ImportFileError);
  });
});
