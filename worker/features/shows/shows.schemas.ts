import { z } from '@hono/zod-openapi';

export const MediaTypeSchema = z.enum(['tv', 'movie']);

export const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'Search for at least 2 characters')
    .max(100, 'Search for at most 100 characters')
    .openapi({ example: 'severance' }),
  type: MediaTypeSchema.optional().openapi({ description: 'Only TV shows or only movies' }),
  page: z.coerce.number().int('page is a whole number').min(1).max(500).default(1),
});

export const ListQuerySchema = z.object({
  type: z.enum(['tv', 'movie', 'all']).default('all'),
});

export const EpisodesQuerySchema = z.object({
  upcoming: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1')
    .openapi({ description: 'Only episodes that have not aired yet' }),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const RatingsSchema = z
  .object({
    imdb_rating: z.number().nullable(),
    imdb_votes: z.number().nullable(),
    rotten_tomatoes: z.number().nullable(),
    metacritic: z.number().nullable(),
    awards: z.string().nullable(),
  })
  .openapi('Ratings');

export const ShowSummarySchema = z
  .object({
    id: z.uuid(),
    tmdb_id: z.number().nullable(),
    media_type: MediaTypeSchema,
    title: z.string(),
    original_title: z.string().nullable(),
    overview: z.string().nullable(),
    status: z.string().nullable(),
    premiere_date: z.string().nullable(),
    poster_url: z.string().nullable(),
    backdrop_url: z.string().nullable(),
    popularity: z.number().nullable(),
  })
  .openapi('ShowSummary');

export const EpisodeSchema = z
  .object({
    id: z.uuid(),
    season_number: z.number(),
    episode_number: z.number(),
    title: z.string().nullable(),
    overview: z.string().nullable(),
    air_date: z.string().nullable().openapi({ description: 'The air day (YYYY-MM-DD) as the providers give it' }),
    airs_at: z.string().nullable().openapi({ description: 'The exact UTC instant, when a source knows it' }),
    airs_at_source: z.enum(['tvmaze', 'thetvdb', 'date_only']).nullable(),
    runtime_minutes: z.number().nullable(),
    still_url: z.string().nullable(),
    episode_type: z.string().nullable(),
  })
  .openapi('Episode');

export const SeasonSummarySchema = z
  .object({
    season_number: z.number(),
    name: z.string().nullable(),
    overview: z.string().nullable(),
    air_date: z.string().nullable(),
    episode_count: z.number().nullable(),
    poster_url: z.string().nullable(),
  })
  .openapi('SeasonSummary');

const Degraded = {
  incomplete: z.boolean().openapi({ description: 'True when a provider could not be reached and the answer may be missing data' }),
  notice: z.string().optional(),
};

export const ShowDetailSchema = ShowSummarySchema.extend({
  imdb_id: z.string().nullable(),
  thetvdb_id: z.number().nullable(),
  genres: z.array(z.string()),
  network: z.string().nullable(),
  network_timezone: z.string().nullable(),
  airs_time: z.string().nullable(),
  last_air_date: z.string().nullable(),
  runtime_minutes: z.number().nullable(),
  ratings: RatingsSchema.nullable(),
  seasons: z.array(SeasonSummarySchema),
  next_episode: EpisodeSchema.nullable(),
  last_synced_at: z.string().nullable(),
  ...Degraded,
}).openapi('ShowDetail');

export const SeasonDetailSchema = SeasonSummarySchema.extend({
  show_id: z.uuid(),
  episodes: z.array(EpisodeSchema),
  ...Degraded,
}).openapi('SeasonDetail');

export const SearchResultSchema = z
  .object({
    query: z.string(),
    type: MediaTypeSchema.nullable(),
    page: z.number(),
    results: z.array(ShowSummarySchema),
    ...Degraded,
  })
  .openapi('SearchResult');

export const ShowListSchema = z.object({ results: z.array(ShowSummarySchema), ...Degraded }).openapi('ShowList');

export const EpisodeListSchema = z
  .object({ show_id: z.uuid(), page: z.number(), episodes: z.array(EpisodeSchema), ...Degraded })
  .openapi('EpisodeList');
