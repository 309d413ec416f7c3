// Database rows as the API's JSON (snake_case, ISO strings).
import type { z } from '@hono/zod-openapi';
import type { episodes, seasons, shows } from '../../db/schema/index.ts';
import type { EpisodeSchema, SeasonSummarySchema, ShowSummarySchema } from './shows.schemas.ts';

type ShowRow = typeof shows.$inferSelect;

export const toShowSummary = (row: ShowRow): z.infer<typeof ShowSummarySchema> => ({
  id: row.id,
  tmdb_id: row.tmdbId,
  media_type: row.mediaType,
  title: row.title,
  original_title: row.originalTitle,
  overview: row.overview,
  status: row.status,
  premiere_date: row.premiereDate,
  poster_url: row.posterUrl,
  backdrop_url: row.backdropUrl,
  popularity: row.popularity,
});

export const toEpisode = (row: typeof episodes.$inferSelect): z.infer<typeof EpisodeSchema> => ({
  id: row.id,
  season_number: row.seasonNumber,
  episode_number: row.episodeNumber,
  title: row.title,
  overview: row.overview,
  air_date: row.airDate,
  airs_at: row.airsAt?.toISOString() ?? null,
  airs_at_source: row.airsAtSource,
  runtime_minutes: row.runtimeMinutes,
  still_url: row.stillUrl,
  episode_type: row.episodeType,
});

export const toSeasonSummary = (row: typeof seasons.$inferSelect): z.infer<typeof SeasonSummarySchema> => ({
  season_number: row.seasonNumber,
  name: row.name,
  overview: row.overview,
  air_date: row.airDate,
  episode_count: row.episodeCount,
  poster_url: row.posterUrl,
});
