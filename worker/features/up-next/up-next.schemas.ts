import { z } from '@hono/zod-openapi';
import { WatchSchema } from '../history/history.schemas.ts';
import { EpisodeSchema, ShowSummarySchema } from '../shows/shows.schemas.ts';

const Common = {
  show: ShowSummarySchema,
  last_watched_season: z.number().openapi({ description: 'Your highest watched regular-season episode: its season' }),
  last_watched_episode: z.number(),
  last_watched_at: z
    .string()
    .nullable()
    .openapi({ format: 'date-time', description: 'Your latest watch of the show, in UTC; null when only its day is known, or no day at all' }),
  last_watched_on: z.string().nullable().openapi({ format: 'date', description: 'The day of your latest watch, when only the day is known' }),
};

export const UpNextItemSchema = z
  .discriminatedUnion('state', [
    z
      .object({
        state: z.literal('next').openapi({ description: 'An aired episode is waiting for you' }),
        ...Common,
        next_episode: EpisodeSchema.openapi({ description: 'The first aired episode after your highest watched one' }),
        episodes_left: z.number().openapi({ description: 'Aired regular-season episodes from the next one on, it included' }),
        minutes_left: z.number().openapi({ description: "Their runtime: each episode's, else the show's" }),
        episodes_without_runtime: z
          .number()
          .openapi({ description: 'Of those, how many have no runtime (neither theirs nor the show’s) and are left out of minutes_left' }),
      })
      .openapi('UpNextEpisode'),
    z
      .object({
        state: z.literal('upcoming').openapi({ description: 'You are caught up; the next season premieres within 7 days' }),
        ...Common,
        premiere: EpisodeSchema.openapi({ description: 'The next season’s first episode you have not watched' }),
      })
      .openapi('UpNextPremiere'),
  ])
  .openapi('UpNextItem');

export const UpNextSchema = z
  .object({
    shows: z.array(UpNextItemSchema).openapi({ description: 'Most recently watched first; shows whose latest watch has no day last' }),
  })
  .openapi('UpNext');

export const MarkNextResultSchema = z
  .object({
    watch: WatchSchema.openapi({ description: 'The watch just recorded (or, when it was already watched, your latest watch of it)' }),
    up_next: UpNextItemSchema.nullable().openapi({ description: 'The show’s Up Next item now; null when nothing aired is left and no premiere is near' }),
  })
  .openapi('MarkNextResult');
