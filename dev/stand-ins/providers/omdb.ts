// OMDb under /omdb: `/?apikey=&i=tt…`. Every value a string, "N/A" for
// missing ones, votes with commas, and errors as Response:"False" (HTTP 200
// for an unknown or malformed id, 401 for the key).
import type { Movie, Show } from '../model.ts';
import { type Handler, type Reply, json } from '../http.ts';
import { regularEpisodes } from '../model.ts';
import { firstAirDate } from './tmdb-render.ts';

export const STAND_IN_OMDB_KEY = 'stand-in-omdb-key';

const falsy = (status: number, error: string): Reply => json({ Response: 'False', Error: error }, status);
export const omdbLimitReached = (): Reply => falsy(401, 'Request limit reached!');

const GENRES: Record<number, string> = {
  18: 'Drama', 9648: 'Mystery', 10765: 'Sci-Fi', 80: 'Crime', 10759: 'Action', 35: 'Comedy', 16: 'Animation',
  10762: 'Family', 10751: 'Family', 10764: 'Reality-TV', 10767: 'Talk-Show', 37: 'Western', 10768: 'War',
  28: 'Action', 12: 'Adventure', 878: 'Sci-Fi', 53: 'Thriller', 14: 'Fantasy', 36: 'History',
};
const LANGUAGES: Record<string, string> = { en: 'English', ko: 'Korean', ja: 'Japanese' };
const COUNTRIES: Record<string, string> = { US: 'United States', GB: 'United Kingdom', KR: 'South Korea', JP: 'Japan', AU: 'Australia' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const na = (value: string | null | undefined): string => (value ? value : 'N/A');
const released = (date: string | null) => (date ? `${date.slice(8, 10)} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}` : 'N/A');

function common(omdb: [string | null, number | null, number?, number?], genres: number[], lang: string, origin: string) {
  const [rating, votes, rt, mc] = omdb;
  const ratings = [
    ...(rating ? [{ Source: 'Internet Movie Database', Value: `${rating}/10` }] : []),
    ...(rt !== undefined ? [{ Source: 'Rotten Tomatoes', Value: `${rt}%` }] : []),
    ...(mc !== undefined ? [{ Source: 'Metacritic', Value: `${mc}/100` }] : []),
  ];
  return {
    Genre: na([...new Set(genres.map((id) => GENRES[id]).filter(Boolean))].join(', ')),
    Language: LANGUAGES[lang] ?? 'English',
    Country: COUNTRIES[origin] ?? 'United States',
    Ratings: ratings,
    Metascore: mc !== undefined ? String(mc) : 'N/A',
    imdbRating: na(rating),
    imdbVotes: votes === null ? 'N/A' : votes.toLocaleString('en-US'),
  };
}

function series(show: Show, today: string) {
  const { spec } = show;
  const first = firstAirDate(show);
  const last = regularEpisodes(show).map((ep) => ep.date).filter((d): d is string => d !== null && d < today).sort().at(-1);
  const ended = show.status === 'Ended' || show.status === 'Canceled';
  // Running series: "2022–" (en dash); ended ones "2008–2013", or one year.
  const from = first?.slice(0, 4);
  const to = ended ? last?.slice(0, 4) : '';
  const year = !from ? 'N/A' : to === from ? from : `${from}–${to ?? ''}`;
  return {
    Title: spec.name, Year: year, Rated: na(spec.rated), Released: released(first), Runtime: spec.runtime ? `${spec.runtime} min` : 'N/A',
    ...common(spec.omdb, spec.genres, spec.lang, spec.origin),
    Director: 'N/A', Writer: 'N/A', Actors: 'N/A', Plot: spec.overview, Awards: na(spec.awards),
    Poster: spec.bare ? 'N/A' : `https://m.media-amazon.com/images/M/${spec.imdb}.jpg`,
    imdbID: spec.imdb, Type: 'series', totalSeasons: String(show.seasons.filter((s) => s.number > 0).length), Response: 'True',
  };
}

function movie(movie: Movie) {
  const { spec } = movie;
  return {
    Title: spec.title, Year: movie.release.slice(0, 4), Rated: spec.status === 'Released' ? spec.cert : 'N/A',
    Released: released(movie.release), Runtime: spec.runtime ? `${spec.runtime} min` : 'N/A',
    ...common(spec.omdb, spec.genres, spec.lang, spec.origin),
    Director: 'N/A', Writer: 'N/A', Actors: 'N/A', Plot: spec.overview, Awards: na(spec.awards),
    Poster: `https://m.media-amazon.com/images/M/${spec.imdb}.jpg`, imdbID: spec.imdb, Type: 'movie',
    DVD: 'N/A', BoxOffice: na(spec.boxOffice), Production: 'N/A', Website: 'N/A', Response: 'True',
  };
}

export const omdb: Handler = (request) => {
  if (request.path !== '/' && request.path !== '') return falsy(404, 'Not found');
  const key = request.query.get('apikey');
  if (!key) return falsy(401, 'No API key provided.');
  if (key !== STAND_IN_OMDB_KEY) return falsy(401, 'Invalid API key!');
  const id = request.query.get('i') ?? '';
  if (!/^tt\d{7,}$/.test(id)) return falsy(200, 'Incorrect IMDb ID.');
  const { catalog } = request;
  const show = catalog.shows.find((s) => s.spec.imdb === id);
  if (show) return json(series(show, catalog.today));
  const found = catalog.movies.find((m) => m.spec.imdb === id);
  return found ? json(movie(found)) : falsy(200, 'Movie not found!');
};
