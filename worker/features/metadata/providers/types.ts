// The clean domain values the provider clients return, whatever the wire said.

export type MediaType = 'tv' | 'movie';

export interface TitleSummary {
  tmdbId: number;
  mediaType: MediaType;
  title: string;
  originalTitle: string | null;
  overview: string | null;
  /** Absolute image URLs, built on TMDB_IMAGE_BASE. */
  posterUrl: string | null;
  backdropUrl: string | null;
  premiereDate: string | null;
  popularity: number | null;
  voteAverage: number | null;
}

export interface Page<T> {
  page: number;
  totalPages: number;
  totalResults: number;
  results: T[];
}

export interface EpisodeDetail {
  tmdbId: number | null;
  seasonNumber: number;
  episodeNumber: number;
  title: string | null;
  overview: string | null;
  airDate: string | null;
  runtime: number | null;
  stillUrl: string | null;
  /** "standard" | "mid_season" | "finale" on TMDB. */
  episodeType: string | null;
}

export interface SeasonSummary {
  tmdbId: number | null;
  seasonNumber: number;
  name: string | null;
  overview: string | null;
  airDate: string | null;
  episodeCount: number | null;
  posterUrl: string | null;
}

export interface SeasonDetail extends SeasonSummary {
  episodes: EpisodeDetail[];
}

export interface TvDetail {
  tmdbId: number;
  title: string;
  originalTitle: string | null;
  /** TMDB's words: "Returning Series", "Ended", "Canceled", "In Production", "Planned", "Pilot". */
  status: string | null;
  overview: string | null;
  posterUrl: string | null;
  backdropUrl: string | null;
  premiereDate: string | null;
  lastAirDate: string | null;
  inProduction: boolean;
  genres: string[];
  network: { name: string; country: string | null } | null;
  popularity: number | null;
  seasons: SeasonSummary[];
  externalIds: { imdbId: string | null; tvdbId: number | null };
  /** Seasons embedded with append_to_response, by number. */
  embeddedSeasons: Map<number, SeasonDetail>;
}

export interface MovieDetail {
  tmdbId: number;
  title: string;
  originalTitle: string | null;
  status: string | null;
  overview: string | null;
  posterUrl: string | null;
  backdropUrl: string | null;
  releaseDate: string | null;
  runtime: number | null;
  imdbId: string | null;
  genres: string[];
  popularity: number | null;
}

export interface Ratings {
  imdbRating: number | null;
  imdbVotes: number | null;
  rottenTomatoes: number | null;
  metacritic: number | null;
  awards: string | null;
}

/** One episode as a time source knows it. */
export interface EpisodeAirTime {
  seasonNumber: number;
  episodeNumber: number;
  airDate: string | null;
  /** UTC instant, or null when only the day is known (e.g. a streaming drop). */
  airsAt: string | null;
}
