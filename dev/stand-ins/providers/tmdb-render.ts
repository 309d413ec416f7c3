// TMDB's JSON for the model's shows, movies and people: list items, details,
// seasons and episodes, with TMDB's own quirks (empty-string dates in lists,
// null runtimes before airing, specials first, announced empty seasons).
import {
  type Catalog, type Episode, type Movie, type Season, type Show,
  finaleOf, isEnded, regularEpisodes, tmdbDate,
} from '../model.ts';
import type { PersonSpec } from '../catalog/movies.ts';
import { addDays, hash } from '../time.ts';

const TV_GENRES: Record<number, string> = {
  10759: 'Action & Adventure', 16: 'Animation', 35: 'Comedy', 80: 'Crime', 99: 'Documentary', 18: 'Drama',
  10751: 'Family', 10762: 'Kids', 9648: 'Mystery', 10764: 'Reality', 10765: 'Sci-Fi & Fantasy', 10767: 'Talk',
  10768: 'War & Politics', 37: 'Western',
};
const MOVIE_GENRES: Record<number, string> = {
  28: 'Action', 12: 'Adventure', 16: 'Animation', 35: 'Comedy', 80: 'Crime', 18: 'Drama', 10751: 'Family',
  14: 'Fantasy', 36: 'History', 878: 'Science Fiction', 53: 'Thriller',
};

export const imagePath = (kind: string, id: number | string): string => `/${hash(`${kind}:${id}`).toString(36)}st.jpg`;
const poster = (show: Show): string | null => (show.spec.bare ? null : imagePath('poster', show.spec.tmdb));
const voteCount = (id: number, vote: number): number => (vote === 0 ? 0 : 500 + (hash(`votes:${id}`) % 20_000));

const byDate = (a: Episode, b: Episode) => (tmdbDate(a) ?? '').localeCompare(tmdbDate(b) ?? '') || a.number - b.number;

export function firstAirDate(show: Show): string | null {
  const dated = regularEpisodes(show).filter((ep) => tmdbDate(ep) !== null).sort(byDate);
  return dated[0] ? tmdbDate(dated[0]) : null;
}

export function tvItem(show: Show, mediaType: boolean) {
  const { spec } = show;
  return {
    adult: false,
    backdrop_path: spec.bare ? null : imagePath('backdrop', spec.tmdb),
    genre_ids: spec.genres,
    id: spec.tmdb,
    ...(mediaType ? { media_type: 'tv' } : {}),
    origin_country: [spec.origin],
    original_language: spec.lang,
    original_name: spec.original ?? spec.name,
    overview: spec.overview,
    popularity: spec.popularity,
    poster_path: poster(show),
    // Lists write an unknown date as "", details as null.
    first_air_date: firstAirDate(show) ?? '',
    name: spec.name,
    vote_average: spec.vote,
    vote_count: voteCount(spec.tmdb, spec.vote),
  };
}

export function movieItem(movie: Movie, mediaType: boolean) {
  const { spec } = movie;
  return {
    adult: false,
    backdrop_path: imagePath('backdrop', -spec.tmdb),
    genre_ids: spec.genres,
    id: spec.tmdb,
    ...(mediaType ? { media_type: 'movie' } : {}),
    original_language: spec.lang,
    original_title: spec.original ?? spec.title,
    overview: spec.overview,
    popularity: spec.popularity,
    poster_path: imagePath('poster', -spec.tmdb),
    release_date: movie.release,
    title: spec.title,
    video: false,
    vote_average: spec.vote,
    vote_count: voteCount(spec.tmdb, spec.vote),
  };
}

export function personItem(person: PersonSpec, catalog: Catalog) {
  const knownFor = person.knownFor.flatMap((id): object[] => {
    const show = id > 0 ? catalog.shows.find((s) => s.spec.tmdb === id) : undefined;
    const movie = id < 0 ? catalog.movies.find((m) => m.spec.tmdb === -id) : undefined;
    return show ? [tvItem(show, true)] : movie ? [movieItem(movie, true)] : [];
  });
  return {
    adult: false, gender: 2, id: person.tmdb, known_for_department: 'Acting', media_type: 'person', name: person.name,
    original_name: person.name, popularity: person.popularity, profile_path: imagePath('profile', person.tmdb), known_for: knownFor,
  };
}

export function episodeJson(show: Show, ep: Episode, today: string, full: boolean) {
  const date = tmdbDate(ep);
  const aired = date !== null && date < today;
  const finale = finaleOf(show, ep);
  return {
    air_date: date,
    episode_number: ep.number,
    episode_type: finale === 'midseason' ? 'mid_season' : finale ? 'finale' : 'standard',
    id: ep.ids.tmdb,
    name: ep.name,
    overview: aired ? `${show.spec.name}, season ${ep.season}, episode ${ep.number}.` : '',
    production_code: '',
    runtime: aired ? ep.runtime : null,
    season_number: ep.season,
    show_id: show.spec.tmdb,
    still_path: aired ? imagePath('still', ep.ids.tmdb) : null,
    vote_average: aired ? 7.5 : 0,
    vote_count: aired ? 20 : 0,
    ...(full ? { crew: [], guest_stars: [] } : {}),
  };
}

const seasonName = (n: number) => (n === 0 ? 'Specials' : `Season ${n}`);
const seasonDate = (season: Season): string | null =>
  season.episodes.map(tmdbDate).filter((d): d is string => d !== null).sort()[0] ?? null;

export function seasonJson(show: Show, season: Season, today: string) {
  return {
    _id: hash(`season-oid:${season.ids.tmdb}`).toString(16).padStart(24, '5'),
    air_date: seasonDate(season),
    episodes: season.episodes.map((ep) => episodeJson(show, ep, today, true)),
    name: seasonName(season.number),
    overview: '',
    id: season.ids.tmdb,
    poster_path: show.spec.bare ? null : imagePath('season', season.ids.tmdb),
    season_number: season.number,
    vote_average: 0,
  };
}

export function tvExternalIds(show: Show) {
  return {
    imdb_id: show.spec.imdb, freebase_mid: null, freebase_id: null, tvdb_id: show.spec.tvdb, tvrage_id: null,
    wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null,
  };
}

export function tvDetail(show: Show, today: string) {
  const { spec, network } = show;
  const dated = regularEpisodes(show).filter((ep) => tmdbDate(ep) !== null).sort(byDate);
  const last = dated.filter((ep) => tmdbDate(ep)! < today).at(-1);
  const next = dated.find((ep) => tmdbDate(ep)! >= today);
  const item = tvItem(show, false);
  return {
    ...item,
    first_air_date: firstAirDate(show),
    created_by: [],
    episode_run_time: spec.runtime ? [spec.runtime] : [],
    genres: spec.genres.map((id) => ({ id, name: TV_GENRES[id] ?? 'Drama' })),
    homepage: '',
    in_production: !isEnded(show),
    languages: [spec.lang],
    last_air_date: last ? tmdbDate(last) : null,
    last_episode_to_air: last ? episodeJson(show, last, today, false) : null,
    next_episode_to_air: next ? episodeJson(show, next, today, false) : null,
    networks: [{ id: network.tmdbId, logo_path: imagePath('logo', network.tmdbId), name: network.name, origin_country: network.country }],
    number_of_episodes: regularEpisodes(show).length,
    number_of_seasons: show.seasons.filter((s) => s.number > 0).length,
    production_companies: [],
    production_countries: [],
    seasons: show.seasons.map((season) => ({
      air_date: seasonDate(season),
      episode_count: season.episodes.length,
      id: season.ids.tmdb,
      name: seasonName(season.number),
      overview: '',
      poster_path: show.spec.bare ? null : imagePath('season', season.ids.tmdb),
      season_number: season.number,
      vote_average: 0,
    })),
    spoken_languages: [],
    status: show.status,
    tagline: '',
    type: spec.type ?? 'Scripted',
  };
}

export function movieDetail(movie: Movie) {
  const { spec } = movie;
  return {
    ...movieItem(movie, false),
    belongs_to_collection: null,
    budget: 0,
    genres: spec.genres.map((id) => ({ id, name: MOVIE_GENRES[id] ?? 'Drama' })),
    homepage: '',
    imdb_id: spec.imdb,
    origin_country: [spec.origin],
    production_companies: [],
    production_countries: [],
    revenue: 0,
    runtime: spec.runtime,
    spoken_languages: [],
    status: spec.status,
    tagline: '',
  };
}

const GB_CERT = { G: 'U', PG: 'PG', 'PG-13': '12A', R: '15' } as const;

/** Several countries and types: premiere, theatrical, digital, physical (released films only). */
export function releaseDates(movie: Movie) {
  const { spec, release } = movie;
  const entry = (type: number, date: string, certification: string) => ({
    certification, descriptors: [], iso_639_1: '', note: '', release_date: `${date}T00:00:00.000Z`, type,
  });
  const released = spec.status === 'Released';
  const us = [entry(3, release, spec.cert)];
  if (released) {
    us.unshift(entry(1, addDays(release, -10), ''));
    us.push(entry(4, addDays(release, 45), spec.cert), entry(5, addDays(release, 90), spec.cert));
  }
  const results = [
    { iso_3166_1: 'US', release_dates: us },
    { iso_3166_1: 'GB', release_dates: [entry(3, addDays(release, 2), GB_CERT[spec.cert])] },
  ];
  if (spec.origin !== 'US') results.push({ iso_3166_1: spec.origin, release_dates: [entry(3, release, '15')] });
  return { id: spec.tmdb, results };
}
