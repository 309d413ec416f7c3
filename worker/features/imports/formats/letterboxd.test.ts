// The Letterboxd export parser on a synthetic unzipped export (made-up
// films, users and boxd.it links).
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../records.ts';
import { detect as detectImdb } from './imdb.ts';
import { detect, parse } from './letterboxd.ts';
import { detect as detectTrakt } from './trakt.ts';

const encoder = new TextEncoder();
const csv = (name: string, lines: string[]): ImportFile => ({ name, bytes: encoder.encode(lines.join('\n') + '\n') });
const DIR = 'letterboxd-someone-2025-07-01-10-00-utc';

const diary = csv(`${DIR}/diary.csv`, [
  '\uFEFFDate,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date',
  '2025-03-02,Example Movie,2019,https://boxd.it/aaaa01,4,,"cinema, 35mm",2025-03-01',
  '2025-06-10,Example Movie,2019,https://boxd.it/aaaa02,4.5,Yes,,2025-06-09',
  '2025-06-11,"Commas, Quotes ""and"" All",2021,https://boxd.it/aaaa03,,,,2025-06-11',
]);
const watched = csv(`${DIR}/watched.csv`, [
  'Date,Name,Year,Letterboxd URI',
  '2025-03-02,Example Movie,2019,https://boxd.it/film01',
  '2025-06-11,"Commas, Quotes ""and"" All",2021,https://boxd.it/film02',
  '2024-01-05,Only Watched,2001,https://boxd.it/film03',
]);
const ratings = csv(`${DIR}/ratings.csv`, [
  'Date,Name,Year,Letterboxd URI,Rating',
  '2025-06-10,Example Movie,2019,https://boxd.it/film01,4.5',
  '2024-01-05,Only Watched,2001,https://boxd.it/film03,0.5',
  '2024-01-06,Top Film,1999,https://boxd.it/film04,5',
]);
const watchlist = csv(`${DIR}/watchlist.csv`, ['Date,Name,Year,Letterboxd URI', '2025-05-05,Someday Film,,https://boxd.it/film05']);
const list = csv(`${DIR}/lists/weekend-picks.csv`, [
  'Letterboxd list export v7',
  'Date,Name,Tags,URL,Description',
  '2025-01-01,"Weekend picks, vol. 1",,https://letterboxd.com/someone/list/weekend-picks/,"Comfort films,',
  'mostly"',
  '',
  'Position,Name,Year,URL,Description',
  '1,Example Movie,2019,https://boxd.it/cccc01,',
  '2,Top Film,1999,https://boxd.it/cccc02,"Always, forever"',
]);
const deleted = csv(`${DIR}/deleted/diary.csv`, ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', '2025-01-01,Gone Film,2000,https://boxd.it/dddd01,,,,2025-01-01']);
const orphaned = csv(`${DIR}/orphaned/diary.csv`, ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', '2025-01-01,Lost Film,2000,https://boxd.it/dddd02,,,,2025-01-01']);

const film = (title: string, year?: number) => ({ mediaType: 'movie', ids: {}, title, ...(year ? { year } : {}) });

describe('detecting a Letterboxd export', () => {
  it('recognises its CSVs by their Letterboxd URI column or list banner', () => {
    expect(detect([diary])).toBe(true);
    expect(detect([csv('export (1).csv', ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date'])])).toBe(true);
    expect(detect([list])).toBe(true);
  });

  it('does not take IMDb or Trakt files, and others do not take it', () => {
    const imdb = csv('ratings.csv', ['Const,Your Rating,Date Rated,Title,URL,Title Type,Year', 'tt0000001,8,2025-02-02,Example Movie,https://www.imdb.com/title/tt0000001/,Movie,2019']);
    expect(detect([imdb, { name: 'watched-history.json', bytes: encoder.encode('[]') }])).toBe(false);
    const export_ = [diary, watched, ratings, watchlist, list];
    expect(detectImdb(export_)).toBe(false);
    expect(detectTrakt(export_)).toBe(false);
  });
});

describe('Letterboxd viewings', () => {
  it('keeps each diary entry as a watch on its day, rewatches included, and adds undated watches only for films the diary lacks', () => {
    const { format, records } = parse([watched, diary, deleted, orphaned]);
    expect(format).toBe('letterboxd');
    expect(records.filter((r) => r.kind === 'movie_watch')).toEqual([
      { kind: 'movie_watch', movie: film('Example Movie', 2019), when: { on: '2025-03-01' } },
      { kind: 'movie_watch', movie: film('Example Movie', 2019), when: { on: '2025-06-09' } },
      { kind: 'movie_watch', movie: film('Commas, Quotes "and" All', 2021), when: { on: '2025-06-11' } },
      { kind: 'movie_watch', movie: film('Only Watched', 2001), when: null },
    ]);
  });

  it('keeps viewing days date-only', () => {
    const [first] = parse([diary]).records;
    expect(first?.when).toStrictEqual({ on: '2025-03-01' });
  });

  it('takes each film’s rating at its latest viewing when there is no ratings.csv', () => {
    const rated = parse([diary]).records.filter((r) => r.kind === 'rating');
    expect(rated).toEqual([{ kind: 'rating', title: film('Example Movie', 2019), rating: 9, when: { on: '2025-06-09' } }]);
  });
});

describe('Letterboxd ratings, watchlist and lists', () => {
  it('doubles half-star ratings onto 1–10', () => {
    const rated = parse([diary, ratings]).records.filter((r) => r.kind === 'rating');
    expect(rated).toEqual([
      { kind: 'rating', title: film('Example Movie', 2019), rating: 9, when: { on: '2025-06-10' } },
      { kind: 'rating', title: film('Only Watched', 2001), rating: 1, when: { on: '2024-01-05' } },
      { kind: 'rating', title: film('Top Film', 1999), rating: 10, when: { on: '2024-01-06' } },
    ]);
  });

  it('puts the watchlist on the watchlist and list films on the list with its name', () => {
    const records = parse([watchlist, list]).records;
    expect(records).toEqual([
      { kind: 'watchlist', title: film('Someday Film'), when: { on: '2025-05-05' } },
      { kind: 'list_entry', list: 'Weekend picks, vol. 1', title: film('Example Movie', 2019) },
      { kind: 'list_entry', list: 'Weekend picks, vol. 1', title: film('Top Film', 1999) },
    ]);
  });

  it('names a list by its file when the list row is missing', () => {
    const bare = csv('lists/late-night.csv', ['Position,Name,Year,URL,Description', '1,Top Film,1999,https://boxd.it/cccc02,']);
    expect(parse([diary, bare]).records.filter((r) => r.kind === 'list_entry')).toEqual([{ kind: 'list_entry', list: 'late-night', title: film('Top Film', 1999) }]);
  });
});
