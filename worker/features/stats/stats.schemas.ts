import { z } from '@hono/zod-openapi';
import { LocalDaySchema } from '../../lib/local-day.schema.ts';

export const StatsQuerySchema = z
  .object({
    from: LocalDaySchema.optional().openapi({
      format: 'date',
      description: 'First local day (YYYY-MM-DD) in your time zone, included. Without from and to: your whole history.',
      example: '2026-01-01',
    }),
    to: LocalDaySchema.optional().openapi({ format: 'date', description: 'Last local day, included', example: '2026-12-31' }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'to is on or after from' });

const Count = (description: string) => z.number().openapi({ description });

export const StatsSchema = z
  .object({
    from: z.string().nullable().openapi({ format: 'date', description: 'As asked; null when open' }),
    to: z.string().nullable().openapi({ format: 'date' }),
    timezone: z.string().openapi({ description: 'Your time zone: the days and months are yours' }),
    episodes: z.object({
      watches: Count('Episode watches, rewatches included'),
      distinct: Count('Different episodes watched'),
    }),
    movies: z.object({ watches: Count('Movie watches, rewatches included'), distinct: Count('Different movies watched') }),
    minutes: Count("Time watched: each watch's runtime (the episode's, else the show's; a movie's own)"),
    hours: Count('The same in hours, to one decimal'),
    watches_without_runtime: Count('Watches with no runtime known, left out of minutes'),
    undated_watches: Count(
      'Watches whose day you did not give: in the totals of your whole history (no from or to), never in a month or a range',
    ),
    by_month: z
      .array(
        z.object({
          month: z.string().openapi({ example: '2026-03', description: 'YYYY-MM in your time zone' }),
          episodes: z.number(),
          movies: z.number(),
          minutes: z.number(),
        }),
      )
      .openapi({ description: 'Months with a dated watch, oldest first' }),
    by_genre: z
      .array(z.object({ genre: z.string(), watches: z.number(), minutes: z.number() }))
      .openapi({ description: "Each genre of the shows and movies watched (a watch counts in every genre of its title), most watched first; titles without genres are left out" }),
  })
  .openapi('Stats');
