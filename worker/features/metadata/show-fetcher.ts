// Assembles everything the providers know about one title: TMDB's detail and
// seasons, exact air times from TVmaze or TheTVDB, missing dates from
// TheTVDB, ratings from OMDb. Only TMDB is required; a secondary provider
// that fails makes the bundle partial, never the fetch.
import { ProviderError } from '../../lib/http.ts';
import type { Logger } from '../../lib/logger.ts';
import { episodeKey, resolveAirTime, zoneForCountry, type AirTimeSources, type ResolvedAirTime } from './air-times.ts';
import type { Providers } from './providers/index.ts';
import type { TvdbSeries } from './providers/tvdb/tvdb.client.ts';
import type { TvmazeShow } from './providers/tvmaze/tvmaze.client.ts';
import type { MovieDetail, Ratings, SeasonDetail, TvDetail } from './providers/types.ts';

const SEASONS_PER_CALL = 19;

export interface TvBundle {
  kind: 'tv';
  detail: TvDetail;
  seasons: SeasonDetail[];
  /** By "season:episode". */
  airTimes: Map<string, ResolvedAirTime>;
  /** TheTVDB's finale markers by "season:episode" ("season" | "midseason" | "series"). */
  finales: Map<string, string>;
  tvmaze: TvmazeShow | null;
  tvdb: TvdbSeries | null;
  airsTime: string | null;
  networkTimezone: string | null;
  ratings: Ratings | null;
  /** Secondary providers that could not be reached. */
  partial: string[];
}

export interface MovieBundle {
  kind: 'movie';
  detail: MovieDetail;
  ratings: Ratings | null;
  partial: string[];
}

export class TitleNotFound extends Error {}

async function secondary<T>(name: string, partial: string[], logger: Logger, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    logger.warn('secondary provider failed; continuing without it', { provider: name, error: error.message });
    partial.push(name);
    return null;
  }
}

export async function fetchTvBundle(
  providers: Providers,
  tmdbId: number,
  logger: Logger,
  options: { withRatings: boolean; syncPriority?: number },
): Promise<TvBundle> {
  if (!providers.tmdb) throw new ProviderError('tmdb', 'unavailable', 'no TMDB_API_TOKEN configured');
  const tmdb = providers.tmdb;
  const detail = await tmdb.tv(tmdbId);
  if (!detail) throw new TitleNotFound(`TMDB has no TV show ${tmdbId}`);

  const seasons: SeasonDetail[] = [];
  const numbers = detail.seasons.map((season) => season.seasonNumber);
  for (let start = 0; start < numbers.length; start += SEASONS_PER_CALL) {
    const chunk = numbers.slice(start, start + SEASONS_PER_CALL);
    const withSeasons = await tmdb.tv(tmdbId, chunk);
    for (const number of chunk) {
      const season = withSeasons?.embeddedSeasons.get(number) ?? (await tmdb.season(tmdbId, number));
      if (season) seasons.push(season);
    }
  }

  const partial: string[] = [];
  const { imdbId, tvdbId } = detail.externalIds;
  const tvmaze = await secondary('tvmaze', partial, logger, () => providers.tvmaze.lookup({ tvdbId, imdbId }));
  const tvmazeEpisodes = tvmaze ? await secondary('tvmaze', partial, logger, () => providers.tvmaze.episodes(tvmaze.tvmazeId)) : null;

  // TheTVDB fills what TMDB and TVmaze leave open: an air time for shows TVmaze
  // does not know, dates TMDB lacks, and finale markers.
  let tvdb: TvdbSeries | null = null;
  let tvdbSource: AirTimeSources['tvdb'] = null;
  const finales = new Map<string, string>();
  if (providers.tvdb && tvdbId) {
    const client = providers.tvdb;
    tvdb = await secondary('tvdb', partial, logger, () => client.series(tvdbId));
    const episodes = tvdb ? await secondary('tvdb', partial, logger, () => client.episodes(tvdbId)) : null;
    if (tvdb) {
      const airDates = new Map<string, string | null>();
      for (const episode of episodes ?? []) {
        const key = episodeKey(episode.seasonNumber, episode.episodeNumber);
        airDates.set(key, episode.airDate);
        if (episode.finaleType) finales.set(key, episode.finaleType);
      }
      tvdbSource = { airDates, airsTime: tvdb.airsTime, zone: zoneForCountry(tvdb.country) };
    }
  }

  const airTimes = new Map<string, ResolvedAirTime>();
  const sources: AirTimeSources = { tvmaze: tvmazeEpisodes, tvdb: tvdbSource };
  for (const season of seasons) {
    for (const episode of season.episodes) {
      airTimes.set(episodeKey(episode.seasonNumber, episode.episodeNumber), resolveAirTime(episode, sources));
    }
  }

  const omdb = providers.omdb;
  const ratings =
    options.withRatings && omdb && imdbId ? await secondary('omdb', partial, logger, () => omdb.ratings(imdbId, options.syncPriority)) : null;

  return {
    kind: 'tv',
    detail,
    seasons,
    airTimes,
    finales,
    tvmaze,
    tvdb,
    airsTime: tvdb?.airsTime ?? null,
    networkTimezone: tvmaze?.timezone ?? tvdbSource?.zone ?? null,
    ratings,
    partial: [...new Set(partial)],
  };
}

export async function fetchMovieBundle(
  providers: Providers,
  tmdbId: number,
  logger: Logger,
  options: { withRatings: boolean; syncPriority?: number },
): Promise<MovieBundle> {
  if (!providers.tmdb) throw new ProviderError('tmdb', 'unavailable', 'no TMDB_API_TOKEN configured');
  const detail = await providers.tmdb.movie(tmdbId);
  if (!detail) throw new TitleNotFound(`TMDB has no movie ${tmdbId}`);
  const partial: string[] = [];
  const omdb = providers.omdb;
  const imdbId = detail.imdbId;
  const ratings =
    options.withRatings && omdb && imdbId ? await secondary('omdb', partial, logger, () => omdb.ratings(imdbId, options.syncPriority)) : null;
  return { kind: 'movie', detail, ratings, partial };
}
