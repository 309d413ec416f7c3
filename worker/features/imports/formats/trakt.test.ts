// The Trakt export parser on synthetic pages shaped like trakt-web's raw
// export (made-up ids and titles).
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ImportFile } from '../records.ts';
import { detect as detectImdb } from './imdb.ts';
import { detect as detectLetterboxd } from './letterboxd.ts';
import { detect, parse } from './trakt.ts';

const encoder = new TextEncoder();
const json = (name: string, data: unknown): ImportFile => ({ name, bytes: encoder.encode(JSON.stringify(data)) });
const text = (name: string, body: string): ImportFile => ({ name, bytes: encoder.encode(body) });

const show = { title: 'Example Show', year: 2020, aired_episodes: 24, ids: { trakt: 101, slug: 'example-show', tvdb: 999001, imdb: 'tt0000002', tmdb: 4000001 } };
const movie = { title: 'Example Movie', year: 2019, ids: { trakt: 202, slug: 'example-movie-2019', imdb: 'tt0000001', tmdb: 3000001 } };
const pilot: Record<string, unknown> = { season: 1, number: 1, title: 'Pilot', ids: { trakt: 11, tvdb: 9000100, imdb: null, tmdb: 5000100 } };
const episodePlay = (id: number, watched_at: string, episode = pilot) => ({ id, watched_at, action: 'watch', type: 'episode', episode, show });
const moviePlay = (id: number, watched_at: string) => ({ id, watched_at, action: 'scrobble', type: 'movie', movie });

const showRef = { mediaType: 'tv', ids: { trakt: 101, tvdb: 999001, imdb: 'tt0000002', tmdb: 4000001 }, title: 'Example Show', year: 2020 };
const movieRef = { mediaType: 'movie', ids: { trakt: 202, imdb: 'tt0000001', tmdb: 3000001 }, title: 'Example Movie', year: 2019 };
const pilotRef = { ids: { trakt: 11, tvdb: 9000100, tmdb: 5000100 }, season: 1, number: 1 };

describe('detecting a Trakt export', () => {
  it('recognises export members by basename, also inside a folder', () => {
    expect(detect([json('trakt-export-someone/watched-history-1.json', [])])).toBe(true);
    expect(detect([json('export/json/Ratings-Movies.json', [])])).toBe(true);
  });

  it('recognises a history page by its shape whatever it is called', () => {
    expect(detect([json('download (3).json', [episodePlay(1, '2025-07-07T12:48:00.000Z')])])).toBe(true);
  });

  it('does not take IMDb or Letterboxd files, nor unrelated JSON', () => {
    const imdb = text('ratings.csv', 'Const,Your Rating,Date Rated,Title,URL,Title Type,Year\ntt0000001,8,2025-02-02,Example Movie,https://www.imdb.com/title/tt0000001/,Movie,2019\n');
    const letterboxd = text('diary.csv', 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2025-03-02,Example Movie,2019,https://boxd.it/aaaa,4,,,2025-03-01\n');
    expect(detect([imdb, letterboxd])).toBe(false);
    expect(detect([json('shows.json', [{ id: 1, name: 'Example Show' }])])).toBe(false);
    const export_ = [json('watched-history.json', [episodePlay(1, '2025-07-07T12:48:00.000Z')]), json('lists-watchlist.json', [])];
    expect(detectImdb(export_)).toBe(false);
    expect(detectLetterboxd(export_)).toBe(false);
  });
});

describe('Trakt history', () => {
  it('gives three watches with their own times for an episode played three times', () => {
    const plays = [
      episodePlay(3, '2025-07-07T12:48:00.000Z'),
      episodePlay(2, '2024-06-11T06:13:20.000Z'),
      episodePlay(1, '2023-01-02T21:30:05.000Z'),
    ];
    const { records, notices } = parse([json('watched-history.json', plays)]);
    expect(records).toEqual([
      { kind: 'episode_watch', show: showRef, episode: pilotRef, when: { at: '2025-07-07T12:48:00.000Z' } },
      { kind: 'episode_watch', show: showRef, episode: pilotRef, when: { at: '2024-06-11T06:13:20.000Z' } },
      { kind: 'episode_watch', show: showRef, episode: pilotRef, when: { at: '2023-01-02T21:30:05.000Z' } },
    ]);
    expect(notices).toEqual([]);
  });

  it('gives a movie play as a movie watch with the movie ids', () => {
    const { records } = parse([json('watched-history.json', [moviePlay(9, '2025-06-24T21:30:00.000Z')])]);
    expect(records).toEqual([{ kind: 'movie_watch', movie: movieRef, when: { at: '2025-06-24T21:30:00.000Z' } }]);
  });

  it('merges history pages in page order and keeps a play repeated across pages once', () => {
    const special = { season: 0, number: 2, title: 'Example Special', ids: { trakt: 12, tvdb: 9000101, imdb: 'tt0000004', tmdb: null } };
    const files = [
      json('watched-history-2.json', [episodePlay(2, '2025-01-01T10:00:00.000Z'), moviePlay(1, '2024-12-31T10:00:00.000Z')]),
      json('watched-history-1.json', [episodePlay(3, '2025-02-01T10:00:00.000Z', special), episodePlay(2, '2025-01-01T10:00:00.000Z')]),
    ];
    const { records } = parse(files);
    expect(records.map((r) => r.when)).toEqual([
      { at: '2025-02-01T10:00:00.000Z' },
      { at: '2025-01-01T10:00:00.000Z' },
      { at: '2024-12-31T10:00:00.000Z' },
    ]);
    expect(records[0]).toMatchObject({ episode: { ids: { trakt: 12, tvdb: 9000101, imdb: 'tt0000004' }, season: 0, number: 2 } });
  });

  it('imports a play with no readable date undated, and says so', () => {
    const { records, notices } = parse([json('watched-history.json', [episodePlay(1, null as unknown as string)])]);
    expect(records).toEqual([{ kind: 'episode_watch', show: showRef, episode: pilotRef, when: null }]);
    expect(notices).toEqual(['1 plays have no known date and were imported without one.']);
  });

  it('ignores the watched summaries when history is present: no plays from counters', () => {
    const summary = [{ plays: 5, last_watched_at: '2025-07-07T12:48:00.000Z', show, seasons: [{ number: 1, episodes: [{ number: 1, plays: 5, last_watched_at: '2025-07-07T12:48:00.000Z' }] }] }];
    const { records } = parse([json('watched-shows.json', summary), json('watched-history.json', [episodePlay(1, '2025-07-07T12:48:00.000Z')])]);
    expect(records).toHaveLength(1);
  });

  it('takes only the last watch of each title from the summaries when there is no history', () => {
    const shows = [{ plays: 3, last_watched_at: '2025-07-07T12:48:00.000Z', reset_at: null, show, seasons: [{ number: 1, episodes: [{ number: 1, plays: 2, last_watched_at: '2024-06-11T06:13:20.000Z' }, { number: 2, plays: 1, last_watched_at: '2025-07-07T12:48:00.000Z' }] }] }];
    const movies = [{ plays: 4, last_watched_at: '2025-06-24T21:30:00.000Z', last_updated_at: '2025-06-24T21:31:00.000Z', movie }];
    const { records, notices } = parse([json('watched-shows.json', shows), json('watched-movies.json', movies)]);
    expect(records).toEqual([
      { kind: 'episode_watch', show: showRef, episode: { ids: {}, season: 1, number: 1 }, when: { at: '2024-06-11T06:13:20.000Z' } },
      { kind: 'episode_watch', show: showRef, episode: { ids: {}, season: 1, number: 2 }, when: { at: '2025-07-07T12:48:00.000Z' } },
      { kind: 'movie_watch', movie: movieRef, when: { at: '2025-06-24T21:30:00.000Z' } },
    ]);
    expect(notices.join(' ')).toContain('4 earlier plays');
  });
});

describe('Trakt notices', () => {
  it('turns _errors.json into notices without the person’s slug', () => {
    const errors = [{ endpoint: 'users/someone-private/history?extended=gdpr', error: 'HTTP 502', fetchedPages: 3, totalPages: 7 }];
    const { notices } = parse([json('_errors.json', errors), json('watched-history-1.json', [])]);
    expect(notices).toEqual(['Trakt could not export users/me/history (3 of 7 pages exported): HTTP 502; this part of the import may be incomplete.']);
    expect(notices.join(' ')).not.toContain('someone-private');
  });

  it('maps nothing from the collection and says it was left out', () => {
    const owned = [{ collected_at: '2025-01-01T00:00:00.000Z', movie }];
    const { records, notices } = parse([json('collection-movies.json', owned), json('watched-history.json', [])]);
    expect(records).toEqual([]);
    expect(notices).toEqual(['Not imported from Trakt: collection (owned media).']);
  });

  it('rejects an export whose files are not JSON', () => {
    expect(() => parse([text('watched-history.json', '{not json')])).toThrow(ImportFileError);
    expect(() => parse([text('watched-history.json', '{not json')])).toThrow('not valid JSON');
  });
});

describe('Trakt ratings', () => {
  it('keeps Trakt’s 1–10 ratings as they are, episodes with their own ids, and says season ratings have no place', () => {
    const files = [
      json('ratings-movies.json', [{ rated_at: '2025-01-05T08:00:00.000Z', rating: 7, type: 'movie', movie }]),
      json('ratings-shows.json', [{ rated_at: '2025-01-06T08:00:00.000Z', rating: 10, type: 'show', show }]),
      json('ratings-episodes.json', [{ rated_at: '2025-01-07T08:00:00.000Z', rating: 1, type: 'episode', episode: pilot, show }]),
      json('ratings-seasons.json', [{ rated_at: '2025-01-08T08:00:00.000Z', rating: 6, type: 'season', season: { number: 1, ids: { trakt: 55 } }, show }]),
    ];
    const { records, notices } = parse(files);
    expect(records).toEqual([
      { kind: 'rating', title: movieRef, rating: 7, when: { at: '2025-01-05T08:00:00.000Z' } },
      { kind: 'rating', title: showRef, rating: 10, when: { at: '2025-01-06T08:00:00.000Z' } },
      { kind: 'rating', title: showRef, episode: pilotRef, rating: 1, when: { at: '2025-01-07T08:00:00.000Z' } },
    ]);
    expect(notices).toEqual(['1 season ratings were not imported: ratings are kept for shows, movies and episodes.']);
  });
});

describe('Trakt lists', () => {
  const item = (id: number, type: string, body: Record<string, unknown>) => ({ rank: id, id, listed_at: '2025-03-01T09:00:00.000Z', notes: null, type, ...body });

  it('puts watchlist items on the watchlist and custom list items on the list with its name', () => {
    const files = [
      json('lists-watchlist.json', [item(1, 'movie', { movie }), item(2, 'person', { person: { name: 'Someone', ids: { trakt: 5 } } })]),
      json('lists-lists.json', [{ name: 'Sunday, lazy', ids: { trakt: 777, slug: 'sunday-lazy' } }]),
      json('lists-list-777-sunday-lazy-1.json', [item(3, 'show', { show })]),
      json('lists-list-777-sunday-lazy-2.json', [item(4, 'episode', { show, episode: pilot })]),
    ];
    const { records, notices } = parse(files);
    expect(records).toEqual([
      { kind: 'watchlist', title: movieRef, when: { at: '2025-03-01T09:00:00.000Z' } },
      { kind: 'list_entry', list: 'Sunday, lazy', title: showRef, when: { at: '2025-03-01T09:00:00.000Z' } },
    ]);
    expect(notices).toEqual(['1 people on lists were skipped.']);
  });

  it('adds a watchlisted season or episode as its show, once', () => {
    const files = [json('lists-watchlist.json', [item(1, 'season', { show, season: { number: 2, ids: { trakt: 56 } } }), item(2, 'episode', { show, episode: pilot })])];
    const { records, notices } = parse(files);
    expect(records).toEqual([{ kind: 'watchlist', title: showRef, when: { at: '2025-03-01T09:00:00.000Z' } }]);
    expect(notices).toEqual(['1 seasons or episodes on lists were added as their show.']);
  });

  it('names a list by its slug when the list metadata is missing, and does not read a lone number as a page', () => {
    const { records } = parse([json('lists-list-778-top-2025.json', [item(1, 'movie', { movie })])]);
    expect(records).toEqual([{ kind: 'list_entry', list: 'top-2025', title: movieRef, when: { at: '2025-03-01T09:00:00.000Z' } }]);
  });

  it('marks favourite shows as favourite follows and puts favourite movies on a Favorites list', () => {
    const { records } = parse([json('lists-favorites.json', [item(1, 'show', { show }), item(2, 'movie', { movie })])]);
    expect(records).toEqual([
      { kind: 'follow', show: showRef, favorite: true, when: { at: '2025-03-01T09:00:00.000Z' } },
      { kind: 'list_entry', list: 'Favorites', title: movieRef, when: { at: '2025-03-01T09:00:00.000Z' } },
    ]);
  });
});
