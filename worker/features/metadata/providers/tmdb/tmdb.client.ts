// The TMDB v3 client (primary source): search, details, seasons, changes,
// trending, popular, find by external id, release dates.
import { z } from 'zod';
import type { MediaType, MovieDetail, Page, SeasonDetail, SeasonSummary, TitleSummary, TvDetail } from '../types.ts';
import { readJson, type ReadContext } from '../parse.ts';
import {
  TmdbChanges,
  TmdbFind,
  TmdbFoundEpisode,
  TmdbListItem,
  TmdbMovie,
  TmdbPage,
  TmdbReleaseDates,
  TmdbSeason,
  TmdbSeasonSummary,
  TmdbTv,
} from './tmdb.schemas.ts';

/** TMDB embeds at most 20 sub-requests in one append_to_response. */
const MAX_APPENDED_SEASONS = 19;

export interface TmdbConfig {
  baseUrl: string;
  /** TMDB's image CDN (`https://image.tmdb.org/t/p`) or a stand-in for it. */
  imageBase: string;
  token: string;
}

/** An image URL on the CDN: `${base}/${size}${file_path}`, TMDB's own recipe. */
export type ImageUrl = (path: string | null | undefined, size: 'w342' | 'w500' | 'w780') => string | null;

export const imageUrls = (base: string): ImageUrl => (path, size) =>
  path ? `${base.replace(/\/$/, '')}/${size}${path}` : null;

type ListItem = z.infer<typeof TmdbListItem>;
type Season = z.infer<typeof TmdbSeason>;

export function toSummary(item: ListItem, image: ImageUrl, fallbackType?: MediaType): TitleSummary | null {
  const mediaType = item.media_type ?? fallbackType;
  if (mediaType !== 'tv' && mediaType !== 'movie') return null; // "person" results are not titles
  const title = mediaType === 'tv' ? (item.name ?? item.title) : (item.title ?? item.name);
  if (!title) return null;
  return {
    tmdbId: item.id,
    mediaType,
    title,
    originalTitle: (mediaType === 'tv' ? item.original_name : item.original_title) ?? null,
    overview: item.overview ?? null,
    posterUrl: image(item.poster_path, 'w500'),
    backdropUrl: image(item.backdrop_path, 'w780'),
    premiereDate: (mediaType === 'tv' ? item.first_air_date : item.release_date) ?? null,
    popularity: item.popularity ?? null,
    voteAverage: item.vote_average ?? null,
  };
}

function toSeasonSummary(season: z.infer<typeof TmdbSeasonSummary>, image: ImageUrl): SeasonSummary {
  return {
    tmdbId: season.id ?? null,
    seasonNumber: season.season_number,
    name: season.name ?? null,
    overview: season.overview ?? null,
    airDate: season.air_date ?? null,
    episodeCount: season.episode_count ?? null,
    posterUrl: image(season.poster_path, 'w500'),
  };
}

function toSeason(season: Season, image: ImageUrl): SeasonDetail {
  return {
    ...toSeasonSummary(season, image),
    episodeCount: season.episode_count ?? season.episodes.length,
    episodes: season.episodes.map((episode) => ({
      tmdbId: episode.id ?? null,
      seasonNumber: episode.season_number,
      episodeNumber: episode.episode_number,
      title: episode.name ?? null,
      overview: episode.overview ?? null,
      airDate: episode.air_date ?? null,
      runtime: episode.runtime ?? null,
      stillUrl: image(episode.still_path, 'w342'),
      episodeType: episode.episode_type ?? null,
    })),
  };
}

export function createTmdbClient(config: TmdbConfig, context: ReadContext) {
  const headers = { Authorization: `Bearer ${config.token}`, Accept: 'application/json' };
  const image = imageUrls(config.imageBase);
  const get = <S extends z.ZodType>(path: string, params: Record<string, string | number | undefined>, schema: S) => {
    const url = new URL(`${config.baseUrl.replace(/\/$/, '')}${path}`);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    return readJson(context, 'tmdb', url.toString(), schema, { headers });
  };

  async function list(path: string, params: Record<string, string | number | undefined>, type?: MediaType) {
    const page = await get(path, params, TmdbPage);
    if (!page) return { page: 1, totalPages: 0, totalResults: 0, results: [] } satisfies Page<TitleSummary>;
    const results = page.results.flatMap((raw) => {
      const item = TmdbListItem.safeParse(raw);
      const summary = item.success ? toSummary(item.data, image, type) : null;
      return summary ? [summary] : [];
    });
    return {
      page: page.page,
      totalPages: page.total_pages ?? 0,
      totalResults: page.total_results ?? 0,
      results,
    } satisfies Page<TitleSummary>;
  }

  return {
    search(query: string, type: MediaType | undefined, page = 1) {
      const path = type ? `/search/${type}` : '/search/multi';
      return list(path, { query, page: Math.min(page, 500), include_adult: 'false' }, type);
    },

    trending(type: MediaType | 'all' = 'all', window: 'day' | 'week' = 'week') {
      return list(`/trending/${type}/${window}`, {}, type === 'all' ? undefined : type);
    },

    popular(type: MediaType) {
      return list(`/${type}/popular`, {}, type);
    },

    /** Show detail with external ids and up to 19 seasons embedded. */
    async tv(tmdbId: number, seasonNumbers: number[] = []): Promise<TvDetail | null> {
      const appended = seasonNumbers.slice(0, MAX_APPENDED_SEASONS).map((number) => `season/${number}`);
      const raw = await get(`/tv/${tmdbId}`, { append_to_response: ['external_ids', ...appended].join(',') }, TmdbTv);
      if (!raw) return null;
      const embeddedSeasons = new Map<number, SeasonDetail>();
      for (const key of appended) {
        const season = TmdbSeason.safeParse((raw as Record<string, unknown>)[key]);
        if (season.success) embeddedSeasons.set(season.data.season_number, toSeason(season.data, image));
      }
      const network = raw.networks?.[0];
      return {
        tmdbId: raw.id,
        title: raw.name,
        originalTitle: raw.original_name ?? null,
        status: raw.status ?? null,
        overview: raw.overview ?? null,
        posterUrl: image(raw.poster_path, 'w500'),
        backdropUrl: image(raw.backdrop_path, 'w780'),
        premiereDate: raw.first_air_date ?? null,
        lastAirDate: raw.last_air_date ?? null,
        inProduction: raw.in_production ?? false,
        genres: (raw.genres ?? []).map((genre) => genre.name),
        network: network ? { name: network.name, country: network.origin_country ?? null } : null,
        popularity: raw.popularity ?? null,
        seasons: (raw.seasons ?? []).map((season) => toSeasonSummary(season, image)),
        externalIds: {
          imdbId: raw.external_ids?.imdb_id ?? null,
          tvdbId: raw.external_ids?.tvdb_id ?? null,
        },
        embeddedSeasons,
      };
    },

    async season(tmdbId: number, seasonNumber: number): Promise<SeasonDetail | null> {
      const raw = await get(`/tv/${tmdbId}/season/${seasonNumber}`, {}, TmdbSeason);
      return raw ? toSeason(raw, image) : null;
    },

    async movie(tmdbId: number): Promise<MovieDetail | null> {
      const raw = await get(`/movie/${tmdbId}`, {}, TmdbMovie);
      if (!raw) return null;
      return {
        tmdbId: raw.id,
        title: raw.title,
        originalTitle: raw.original_title ?? null,
        status: raw.status ?? null,
        overview: raw.overview ?? null,
        posterUrl: image(raw.poster_path, 'w500'),
        backdropUrl: image(raw.backdrop_path, 'w780'),
        releaseDate: raw.release_date ?? null,
        runtime: raw.runtime ?? null,
        imdbId: raw.imdb_id ?? null,
        genres: (raw.genres ?? []).map((genre) => genre.name),
        popularity: raw.popularity ?? null,
      };
    },

    /** Release dates by country and type (1 premiere … 3 theatrical, 4 digital, 5 physical, 6 TV). */
    async releaseDates(tmdbId: number) {
      const raw = await get(`/movie/${tmdbId}/release_dates`, {}, TmdbReleaseDates);
      return (raw?.results ?? []).flatMap((country) =>
        country.release_dates.map((release) => ({
          country: country.iso_3166_1,
          type: release.type,
          date: release.release_date,
          certification: release.certification ?? null,
        })),
      );
    },

    /** One page of ids changed between two days (at most 14 days apart). */
    async changes(type: MediaType, startDate: string, endDate: string, page = 1) {
      const raw = await get(`/${type}/changes`, { start_date: startDate, end_date: endDate, page }, TmdbChanges);
      return { page: raw?.page ?? page, totalPages: raw?.total_pages ?? 0, ids: (raw?.results ?? []).map((item) => item.id) };
    },

    async find(externalId: string, source: 'imdb_id' | 'tvdb_id'): Promise<TitleSummary[]> {
      const raw = await get(`/find/${encodeURIComponent(externalId)}`, { external_source: source }, TmdbFind);
      if (!raw) return [];
      const parse = (items: unknown[], type: MediaType) =>
        items.flatMap((item) => {
          const parsed = TmdbListItem.safeParse(item);
          const summary = parsed.success ? toSummary(parsed.data, image, type) : null;
          return summary ? [summary] : [];
        });
      return [...parse(raw.tv_results, 'tv'), ...parse(raw.movie_results, 'movie')];
    },

    /** An episode by its own TVDB or IMDb id: TMDB's show and numbering for it (TVDB's and TMDB's differ for anime, specials, long runs). */
    async findEpisode(externalId: string, source: 'imdb_id' | 'tvdb_id'): Promise<{ showTmdbId: number; seasonNumber: number; episodeNumber: number }[]> {
      const raw = await get(`/find/${encodeURIComponent(externalId)}`, { external_source: source }, TmdbFind);
      return (raw?.tv_episode_results ?? []).flatMap((item) => {
        const parsed = TmdbFoundEpisode.safeParse(item);
        return parsed.success
          ? [{ showTmdbId: parsed.data.show_id, seasonNumber: parsed.data.season_number, episodeNumber: parsed.data.episode_number }]
          : [];
      });
    },
  };
}

export type TmdbClient = ReturnType<typeof createTmdbClient>;
