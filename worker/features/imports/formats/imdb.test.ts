// The IMDb CSV parser on synthetic exports in the 2024+ headers and the older
// ones (made-up ids and titles).
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../records.ts';
import { detect, parse } from './imdb.ts';
import { detect as detectLetterboxd } from './letterboxd.ts';
import { detect as detectTrakt } from './trakt.ts';

const encoder = new TextEncoder();
const csv = (name: string, lines: string[]): ImportFile => ({ name, bytes: encoder.encode(lines.join('\r\n') + '\r\n') });

const RATINGS_2024 = 'Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors';
const RATINGS_OLD = 'Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors';
const LIST_2024 = 'Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated';
const LIST_2017 = 'position,const,created,modified,description,Title,Title type,Directors,You rated,IMDb Rating,Runtime (mins),Year,Genres,Num. Votes,Release Date (month/day/year),URL';

const ratings2024 = csv('ratings.csv', [
  `\uFEFF${RATINGS_2024}`,
  'tt0000001,8,2025-02-02,"Example, the Movie",Película de Ejemplo,https://www.imdb.com/title/tt0000001/,Movie,7.1,101,2019,"Comedy, Drama",12345,2019-10-12,"Doe, Jane"',
  'tt0000002,9,2025-02-03,Example Show,Example Show,https://www.imdb.com/title/tt0000002/,TV Series,8.0,45,2020,"Drama, Mystery",54321,2020-03-01,',
  'tt0000003,10,2025-02-04,Example Show: Pilot,Example Show: Pilot,https://www.imdb.com/title/tt0000003/,TV Episode,8.5,48,2020,Drama,999,2020-03-01,John Roe',
  'tt0000005,3,2025-02-05,Example Mini,Example Mini,https://www.imdb.com/title/tt0000005/,TV Mini Series,6.0,50,2021,Drama,77,2021-05-01,',
  'tt0000006,5,2025-02-06,Example Game,Example Game,https://www.imdb.com/title/tt0000006/,Video Game,6.0,,2022,Action,10,2022-01-01,',
]);

const expectedRatings = [
  { kind: 'rating', title: { mediaType: 'movie', ids: { imdb: 'tt0000001' }, title: 'Example, the Movie', year: 2019 }, rating: 8, when: { on: '2025-02-02' } },
  { kind: 'rating', title: { mediaType: 'tv', ids: { imdb: 'tt0000002' }, title: 'Example Show', year: 2020 }, rating: 9, when: { on: '2025-02-03' } },
  { kind: 'rating', title: { mediaType: 'tv', ids: {} }, episode: { ids: { imdb: 'tt0000003' } }, rating: 10, when: { on: '2025-02-04' } },
  { kind: 'rating', title: { mediaType: 'tv', ids: { imdb: 'tt0000005' }, title: 'Example Mini', year: 2021 }, rating: 3, when: { on: '2025-02-05' } },
];

describe('detecting an IMDb export', () => {
  it('recognises ratings and list CSVs in the 2024+ and older headers', () => {
    expect(detect([ratings2024])).toBe(true);
    expect(detect([csv('export/a1b2c3.csv', [RATINGS_OLD])])).toBe(true);
    expect(detect([csv('WATCHLIST.csv', [LIST_2017])])).toBe(true);
  });

  it('does not take Letterboxd or Trakt files', () => {
    const diary = csv('diary.csv', ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date']);
    const list = csv('lists/picks.csv', ['Letterboxd list export v7', 'Date,Name,Tags,URL,Description', '2025-01-01,Picks,,https://letterboxd.com/x/list/picks/,', '', 'Position,Name,Year,URL,Description']);
    const trakt = { name: 'watched-history.json', bytes: encoder.encode('[]') };
    expect(detect([diary, list, trakt])).toBe(false);
    expect(detectLetterboxd([ratings2024])).toBe(false);
    expect(detectTrakt([ratings2024])).toBe(false);
  });
});

describe('IMDb ratings', () => {
  it('gives 1–10 ratings on their rating day, by title type, past a BOM and quoted commas', () => {
    const { format, records, notices } = parse([ratings2024]);
    expect(format).toBe('imdb');
    expect(records).toEqual(expectedRatings);
    expect(notices).toEqual(['1 video games, music videos and podcasts were skipped.']);
  });

  it('reads the older headers and camel-case title types the same way', () => {
    const old = csv('ratings.csv', [
      RATINGS_OLD,
      'tt0000001,8,2025-02-02,"Example, the Movie",https://www.imdb.com/title/tt0000001/,movie,7.1,101,2019,"Comedy, Drama",12345,2019-10-12,"Doe, Jane"',
      'tt0000002,9,2025-02-03,Example Show,https://www.imdb.com/title/tt0000002/,tvSeries,8.0,45,2020,"Drama, Mystery",54321,2020-03-01,',
      'tt0000003,10,2025-02-04,Example Show: Pilot,https://www.imdb.com/title/tt0000003/,tvEpisode,8.5,48,2020,Drama,999,2020-03-01,John Roe',
      'tt0000005,3,2025-02-05,Example Mini,https://www.imdb.com/title/tt0000005/,tvMiniSeries,6.0,50,2021,Drama,77,2021-05-01,',
    ]);
    expect(parse([old]).records).toEqual(expectedRatings);
  });

  it('reads an older export saved in Windows-1252 without replacement characters', () => {
    const body = `${RATINGS_OLD}\r\ntt0000007,6,2020-05-05,Pel\u00edcula,https://www.imdb.com/title/tt0000007/,movie,7.0,90,2010,Drama,10,2010-01-01,\r\n`;
    const bytes = Uint8Array.from(body, (ch) => ch.charCodeAt(0));
    const [record] = parse([{ name: 'ratings.csv', bytes }]).records;
    expect(record?.kind === 'rating' && record.title.title).toBe('Película');
  });

  it('keeps dates date-only', () => {
    const [record] = parse([ratings2024]).records;
    expect(record?.kind === 'rating' && record.when).toStrictEqual({ on: '2025-02-02' });
  });
});

describe('IMDb lists', () => {
  const row = (position: number, id: string, title: string, type: string, year: string, rating = '', rated = '') =>
    `${position},${id},2025-01-1${position},2025-01-2${position},,"${title}","${title}",https://www.imdb.com/title/${id}/,${type},7.0,100,${year},Drama,100,2020-01-01,,${rating},${rated}`;

  it('puts a watchlist export on the watchlist, dated by when each title was added', () => {
    const watchlist = csv('WATCHLIST.csv', [LIST_2024, row(1, 'tt0000011', 'Later, Maybe', 'Movie', '2018'), row(2, 'tt0000012', 'Long Show', 'TV Series', '2013–2023')]);
    expect(parse([watchlist]).records).toEqual([
      { kind: 'watchlist', title: { mediaType: 'movie', ids: { imdb: 'tt0000011' }, title: 'Later, Maybe', year: 2018 }, when: { on: '2025-01-11' } },
      { kind: 'watchlist', title: { mediaType: 'tv', ids: { imdb: 'tt0000012' }, title: 'Long Show', year: 2013 }, when: { on: '2025-01-12' } },
    ]);
  });

  it('puts any other list export on a list named after the file, skipping episodes', () => {
    const list = csv('exports/Sunday picks.csv', [LIST_2024, row(1, 'tt0000011', 'Later, Maybe', 'Movie', '2018'), row(2, 'tt0000013', 'Some Show: Finale', 'TV Episode', '2019')]);
    const { records, notices } = parse([list]);
    expect(records).toEqual([
      { kind: 'list_entry', list: 'Sunday picks', title: { mediaType: 'movie', ids: { imdb: 'tt0000011' }, title: 'Later, Maybe', year: 2018 }, when: { on: '2025-01-11' } },
    ]);
    expect(notices).toEqual(['1 episodes on lists were skipped: lists hold shows and movies.']);
  });

  it('takes a list row’s rating once, after the ratings export’s own', () => {
    const watchlist = csv('watchlist.csv', [LIST_2024, row(1, 'tt0000001', 'Example, the Movie', 'Movie', '2019', '6', '2024-12-01'), row(2, 'tt0000014', 'Other Movie', 'Movie', '2017', '4', '2024-12-02')]);
    const ratings = parse([watchlist, ratings2024]).records.filter((r) => r.kind === 'rating');
    expect(ratings.map((r) => [r.kind === 'rating' && r.rating, r.when])).toEqual([
      [8, { on: '2025-02-02' }],
      [9, { on: '2025-02-03' }],
      [10, { on: '2025-02-04' }],
      [3, { on: '2025-02-05' }],
      [4, { on: '2024-12-02' }],
    ]);
  });

  it('reads a 2017-era export: lower-case headers, "You rated", old title types and dates', () => {
    const old = csv('WATCHLIST.csv', [
      LIST_2017,
      '"1","tt0000021","Mon Jan  2 00:00:00 2017","Mon Jan  2 00:00:00 2017","","Old Film","Feature Film","Doe, Jane","7","7.1","101","2009","comedy, drama","12345","2009-10-12","http://www.imdb.com/title/tt0000021/"',
      '"2","tt0000022","Tue Feb 14 00:00:00 2017","Tue Feb 14 00:00:00 2017","","Old Show","TV Series","","","8.0","45","2011","drama","54321","2011-03-01","http://www.imdb.com/title/tt0000022/"',
    ]);
    expect(parse([old]).records).toEqual([
      { kind: 'rating', title: { mediaType: 'movie', ids: { imdb: 'tt0000021' }, title: 'Old Film', year: 2009 }, rating: 7, when: null },
      { kind: 'watchlist', title: { mediaType: 'movie', ids: { imdb: 'tt0000021' }, title: 'Old Film', year: 2009 }, when: { on: '2017-01-02' } },
      { kind: 'watchlist', title: { mediaType: 'tv', ids: { imdb: 'tt0000022' }, title: 'Old Show', year: 2011 }, when: { on: '2017-02-14' } },
    ]);
  });
});
