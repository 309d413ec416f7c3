// The stand-ins' one source of truth: the shipped descriptors expanded into
// shows, seasons and episodes with dates placed relative to `today`. Every
// provider renders its own JSON from this model, so the four always agree.
import { MOVIES, PEOPLE, type MovieSpec, type PersonSpec } from './catalog/movies.ts';
import { NETWORKS, type Network } from './catalog/networks.ts';
import { US_SHOWS } from './catalog/shows-us.ts';
import { WORLD_SHOWS } from './catalog/shows-world.ts';
import type { SeasonSpec, ShowSpec, TmdbShowStatus } from './catalog/spec.ts';
import { addDays, hash, localToUtc } from './time.ts';

export interface Ids {
  tmdb: number;
  tvdb: number;
  tvmaze: number;
}

export interface Episode {
  season: number;
  number: number;
  name: string;
  /** Network-local air date; null when no provider knows it. */
  date: string | null;
  /** TMDB's air_date is null and TVmaze does not list it: only TheTVDB knows the date. */
  tvdbOnly: boolean;
  /** Local air time (HH:MM) in the network's zone; null = no time (streaming drop). */
  time: string | null;
  runtime: number;
  midSeasonFinale: boolean;
  ids: Ids;
}

export interface Season {
  number: number;
  ids: Ids;
  episodes: Episode[];
}

export interface Show {
  spec: ShowSpec;
  network: Network;
  status: TmdbShowStatus;
  seasons: Season[];
}

export interface Movie {
  spec: MovieSpec;
  release: string;
}

export interface Catalog {
  today: string;
  shows: Show[];
  movies: Movie[];
  people: PersonSpec[];
  /** tmdb id -> days on which a mutation changed it (reported by /tv/changes). */
  mutated: Map<number, Set<string>>;
}

/** Provider-scoped ids that stay put across restarts and catalog edits. */
export const stableId = (key: string): number => 10_000_000 + (hash(key) % 1_000_000_000);

const dateFrom = (at: string | number, today: string): string => (typeof at === 'number' ? addDays(today, at) : at);

export function makeEpisode(show: Pick<Show, 'spec'>, season: number, number: number, date: string | null): Episode {
  const key = `${show.spec.tmdb}:${season}:${number}`;
  return {
    season,
    number,
    name: show.spec.titles?.[`${season}x${number}`] ?? (season === 0 ? `Special ${number}` : `Episode ${number}`),
    date,
    tvdbOnly: false,
    time: show.spec.time,
    runtime: show.spec.runtime,
    midSeasonFinale: false,
    ids: { tmdb: stableId(`tmdb-ep:${key}`), tvdb: stableId(`tvdb-ep:${key}`), tvmaze: stableId(`tvmaze-ep:${key}`) },
  };
}

export function makeSeason(show: Pick<Show, 'spec'>, number: number): Season {
  const key = `${show.spec.tmdb}:${number}`;
  return {
    number,
    ids: { tmdb: stableId(`tmdb-season:${key}`), tvdb: stableId(`tvdb-season:${key}`), tvmaze: stableId(`tvmaze-season:${key}`) },
    episodes: [],
  };
}

function expandSeason(show: Pick<Show, 'spec'>, number: number, spec: SeasonSpec, today: string): Season {
  const season = makeSeason(show, number);
  const first = dateFrom(spec.at, today);
  for (let n = 1; n <= spec.eps; n++) {
    const afterBreak = spec.mid !== undefined && n > spec.mid ? (spec.breakDays ?? 0) : 0;
    const episode = makeEpisode(show, number, n, addDays(first, (n - 1) * (spec.every ?? 7) + afterBreak));
    episode.midSeasonFinale = n === spec.mid;
    episode.tvdbOnly = spec.tvdbOnly?.includes(n) ?? false;
    season.episodes.push(episode);
  }
  return season;
}

function buildShow(spec: ShowSpec, today: string): Show {
  const show: Show = { spec, network: NETWORKS[spec.network], status: spec.status, seasons: [] };
  // Specials come first, as TMDB lists them.
  if (spec.specials) show.seasons.push(expandSeason(show, 0, spec.specials, today));
  spec.seasons.forEach((season, i) => show.seasons.push(expandSeason(show, i + 1, season, today)));
  if (spec.announced) show.seasons.push(makeSeason(show, spec.seasons.length + 1));
  return show;
}

/** The shipped catalog; `extraShows` (e.g. a benchmark's synthetic shows) are served after it, expanded the same way. */
export function buildCatalog(today: string, extraShows: readonly ShowSpec[] = []): Catalog {
  return {
    today,
    shows: [...US_SHOWS, ...WORLD_SHOWS, ...extraShows].map((spec) => buildShow(spec, today)),
    movies: MOVIES.map((spec) => ({ spec, release: dateFrom(spec.release, today) })),
    people: PEOPLE,
    mutated: new Map(),
  };
}

export const episodesOf = (show: Show): Episode[] => show.seasons.flatMap((season) => season.episodes);
export const regularEpisodes = (show: Show): Episode[] => episodesOf(show).filter((ep) => ep.season > 0);

/** The date TMDB shows for an episode (null for the ones only TheTVDB knows). */
export const tmdbDate = (ep: Episode): string | null => (ep.tvdbOnly ? null : ep.date);

export const isEnded = (show: Show): boolean => show.status === 'Ended' || show.status === 'Canceled';

export function finaleOf(show: Show, ep: Episode): 'season' | 'midseason' | 'series' | null {
  if (ep.midSeasonFinale) return 'midseason';
  const season = show.seasons.find((s) => s.number === ep.season)!;
  if (ep.season === 0 || season.episodes.at(-1) !== ep) return null;
  const lastRegular = show.seasons.filter((s) => s.episodes.length > 0).at(-1);
  return show.status === 'Ended' && lastRegular === season ? 'series' : 'season';
}

/** The UTC instant an episode airs, when a time is known. */
export function airInstant(show: Show, ep: Episode): Date | null {
  if (!ep.date || !ep.time) return null;
  return localToUtc(ep.date, ep.time, show.network.zone);
}

export const findShow = (catalog: Catalog, tmdbId: number): Show | undefined =>
  catalog.shows.find((show) => show.spec.tmdb === tmdbId);

export function markChanged(catalog: Catalog, tmdbId: number): void {
  const days = catalog.mutated.get(tmdbId) ?? new Set<string>();
  days.add(catalog.today);
  catalog.mutated.set(tmdbId, days);
}
