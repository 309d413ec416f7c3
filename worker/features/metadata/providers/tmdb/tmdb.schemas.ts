// TMDB v3 wire shapes (docs/providers.md#tmdb), parsed leniently.
import { z } from 'zod';
import { isoDate, looseNumber, text } from '../parse.ts';

const id = z.number().int().positive();

/** A search / trending / popular item; `media_type` only in multi and trending. */
export const TmdbListItem = z.looseObject({
  id,
  media_type: z.string().optional(),
  name: text.optional(),
  title: text.optional(),
  original_name: text.optional(),
  original_title: text.optional(),
  first_air_date: isoDate.optional(),
  release_date: isoDate.optional(),
  poster_path: text.optional(),
  backdrop_path: text.optional(),
  overview: text.optional(),
  popularity: looseNumber.optional(),
  vote_average: looseNumber.optional(),
});

export const TmdbPage = z.looseObject({
  page: z.number().int(),
  results: z.array(z.unknown()),
  total_pages: looseNumber,
  total_results: looseNumber,
});

export const TmdbEpisode = z.looseObject({
  id: id.nullish(),
  episode_number: z.number().int(),
  season_number: z.number().int(),
  name: text.optional(),
  overview: text.optional(),
  air_date: isoDate.optional(),
  runtime: looseNumber.optional(),
  still_path: text.optional(),
  episode_type: text.optional(),
});

export const TmdbSeasonSummary = z.looseObject({
  id: id.nullish(),
  season_number: z.number().int(),
  name: text.optional(),
  overview: text.optional(),
  air_date: isoDate.optional(),
  episode_count: looseNumber.optional(),
  poster_path: text.optional(),
});

export const TmdbSeason = TmdbSeasonSummary.extend({ episodes: z.array(TmdbEpisode).default([]) });

const Genre = z.looseObject({ id: z.number(), name: z.string() });

export const TmdbTv = z.looseObject({
  id,
  name: z.string(),
  original_name: text.optional(),
  status: text.optional(),
  overview: text.optional(),
  poster_path: text.optional(),
  backdrop_path: text.optional(),
  first_air_date: isoDate.optional(),
  last_air_date: isoDate.optional(),
  in_production: z.boolean().nullish(),
  popularity: looseNumber.optional(),
  genres: z.array(Genre).nullish(),
  networks: z.array(z.looseObject({ name: z.string(), origin_country: text.optional() })).nullish(),
  seasons: z.array(TmdbSeasonSummary).nullish(),
  external_ids: z.looseObject({ imdb_id: text.optional(), tvdb_id: looseNumber.optional() }).nullish(),
});

export const TmdbMovie = z.looseObject({
  id,
  title: z.string(),
  original_title: text.optional(),
  status: text.optional(),
  overview: text.optional(),
  poster_path: text.optional(),
  backdrop_path: text.optional(),
  release_date: isoDate.optional(),
  runtime: looseNumber.optional(),
  imdb_id: text.optional(),
  popularity: looseNumber.optional(),
  genres: z.array(Genre).nullish(),
});

export const TmdbReleaseDates = z.looseObject({
  results: z.array(
    z.looseObject({
      iso_3166_1: z.string(),
      release_dates: z.array(z.looseObject({ type: z.number().int(), release_date: z.string(), certification: text.optional() })),
    }),
  ),
});

export const TmdbChanges = z.looseObject({
  page: z.number().int(),
  total_pages: looseNumber,
  results: z.array(z.looseObject({ id, adult: z.boolean().nullish() })),
});

export const TmdbFind = z.looseObject({
  movie_results: z.array(z.unknown()).default([]),
  tv_results: z.array(z.unknown()).default([]),
  tv_episode_results: z.array(z.unknown()).default([]),
});

/** An episode in find's answer: where TMDB numbers it, on which show. */
export const TmdbFoundEpisode = z.looseObject({
  id,
  show_id: id,
  season_number: z.number().int(),
  episode_number: z.number().int(),
});
