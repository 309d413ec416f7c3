// The compact descriptors the shipped catalog is written in. `model.ts`
// expands them into seasons and episodes, with dates relative to "today".
import type { NetworkKey } from './networks.ts';

export type TmdbShowStatus = 'Returning Series' | 'Planned' | 'In Production' | 'Ended' | 'Canceled' | 'Pilot';

export interface SeasonSpec {
  eps: number;
  /** First episode's air date: an ISO date, or days relative to today. */
  at: string | number;
  /** Days between episodes; 0 drops the whole season at once. Default 7. */
  every?: number;
  /** Episode number of a mid-season finale; later episodes come `breakDays` later. */
  mid?: number;
  breakDays?: number;
  /** Episodes whose air date TMDB lacks (null) and TVmaze does not list yet: only TheTVDB knows. */
  tvdbOnly?: number[];
}

export interface ShowSpec {
  tmdb: number;
  tvdb: number;
  imdb: string;
  /** null: TVmaze does not know the show (lookups answer 404). */
  tvmaze: number | null;
  name: string;
  original?: string;
  lang: string;
  /** Origin country, ISO alpha-2. */
  origin: string;
  overview: string;
  network: NetworkKey;
  /** Local air time, HH:MM in the network's zone; null = a streaming drop with no time. */
  time: string | null;
  /** What TheTVDB's `airsTime` says when it differs from `time` (e.g. ""). */
  tvdbTime?: string;
  status: TmdbShowStatus;
  type?: 'Scripted' | 'Reality' | 'Documentary' | 'Miniseries' | 'Talk Show' | 'News';
  genres: number[];
  runtime: number;
  popularity: number;
  vote: number;
  /** OMDb: IMDb rating, votes, Rotten Tomatoes %, Metacritic; null = "N/A". */
  omdb: [rating: string | null, votes: number | null, rt?: number, mc?: number];
  rated?: string;
  awards?: string;
  /** No poster, no genres: how TMDB lists barely known shows. */
  bare?: boolean;
  specials?: SeasonSpec;
  seasons: SeasonSpec[];
  /** Appends an announced season: no episodes, no date. */
  announced?: boolean;
  /** Real titles for a few episodes, keyed "season x episode" ("1x1"). */
  titles?: Record<string, string>;
}

export const weekly = (eps: number, at: string | number, extra: Partial<SeasonSpec> = {}): SeasonSpec => ({
  eps, at, every: 7, ...extra,
});
export const drop = (eps: number, at: string | number): SeasonSpec => ({ eps, at, every: 0 });
export const daily = (eps: number, at: string | number): SeasonSpec => ({ eps, at, every: 1 });

/** Long-running shows: one weekly season a year, starting on `firstDate`'s month and day. */
export function yearly(counts: number[], firstDate: string): SeasonSpec[] {
  const year = Number(firstDate.slice(0, 4));
  return counts.map((eps, i) => weekly(eps, `${year + i}${firstDate.slice(4)}`));
}
