// A synthetic Trakt data export on the stand-in catalog, and the upload call, for the import and export tests.
import { call, type TestAccount } from '../../test-helpers.ts';
import { writeZip } from './archive/zip.ts';

export const BREAKING_BAD = { title: 'Breaking Bad', year: 2008, ids: { trakt: 1388, slug: 'breaking-bad', tvdb: 81189, imdb: 'tt0903747', tmdb: 1396 } };
/** Only a TVDB id: found through TMDB's find. */
const LAST_OF_US = { title: 'The Last of Us', year: 2023, ids: { trakt: 158947, slug: 'the-last-of-us', tvdb: 392256, imdb: null, tmdb: null } };
const INCEPTION = { title: 'Inception', year: 2010, ids: { trakt: 16662, slug: 'inception-2010', imdb: 'tt1375666', tmdb: 27205 } };
/** Only an IMDb id. */
const PARASITE = { title: 'Parasite', year: 2019, ids: { trakt: 1, slug: 'parasite-2019', imdb: 'tt6751668', tmdb: null } };

export const episodePlay = (id: number, season: number, number: number, at: string) => ({
  id,
  watched_at: at,
  action: 'watch',
  type: 'episode',
  episode: { season, number, title: `Episode ${number}`, ids: { trakt: id, tvdb: null, imdb: null, tmdb: null } },
  show: BREAKING_BAD,
});

/** A Trakt data export: S1E1 twice (a rewatch), S1E2 once, Inception once; The Last of Us on the watchlist; Parasite rated 9. */
export function traktExport(extraPlays: unknown[] = []): Uint8Array {
  const history = [
    episodePlay(9001, 1, 1, '2024-01-05T20:00:00.000Z'),
    episodePlay(9002, 1, 1, '2024-03-01T21:15:00.000Z'),
    episodePlay(9003, 1, 2, '2024-01-06T20:00:00.000Z'),
    { id: 9004, watched_at: '2024-02-10T19:30:00.000Z', action: 'scrobble', type: 'movie', movie: INCEPTION },
    ...extraPlays,
  ];
  return writeZip([
    { name: 'watched-history.json', text: JSON.stringify(history) },
    { name: 'lists-watchlist.json', text: JSON.stringify([{ rank: 1, id: 1, listed_at: '2024-04-01T10:00:00.000Z', notes: null, type: 'show', show: LAST_OF_US }]) },
    { name: 'ratings-movies.json', text: JSON.stringify([{ rated_at: '2024-05-01T08:00:00.000Z', rating: 9, type: 'movie', movie: PARASITE }]) },
  ]);
}

export const upload = (account: TestAccount, bytes: Uint8Array, name = 'trakt-export-ada.zip') =>
  call('POST', `/api/v1/imports?name=${encodeURIComponent(name)}`, {
    token: account.accessToken,
    body: bytes,
    headers: { 'Content-Type': 'application/zip' },
  });
