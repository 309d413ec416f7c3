import { z } from '@hono/zod-openapi';
import { decodeCursor } from './up-next.cursor.ts';
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
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('UpNext');

export const UPNEXT_PAGE_DEFAULT = 20;
export const UPNEXT_PAGE_MAX = 100;

const CURSOR_REFUSED = 'cursor is not one this API wrote: start again without it';

export const UpNextQuerySchema = z.object({
  limit: z.coerce
    .number({ message: `limit is a whole number from 1 to ${UPNEXT_PAGE_MAX}` })
    .int(`limit is a whole number from 1 to ${UPNEXT_PAGE_MAX}`)
    .min(1, `limit is a whole number from 1 to ${UPNEXT_PAGE_MAX}`)
    .max(UPNEXT_PAGE_MAX, `limit is a whole number from 1 to ${UPNEXT_PAGE_MAX}`)
    .default(UPNEXT_PAGE_DEFAULT)
    .openapi({ description: `Shows per page (default ${UPNEXT_PAGE_DEFAULT}, at most ${UPNEXT_PAGE_MAX})`, example: 20 }),
  cursor: z
    .string()
    .max(2048, CURSOR_REFUSED)
    .transform((value, ctx) => {
      const after = decodeCursor(value);
      if (!after) ctx.addIssue({ code: 'custom', message: CURSOR_REFUSED });
      return after ?? z.NEVER;
    })
    .optional()
    .openapi({ type: 'string', description: 'The `next_cursor` of the previous page' }),
});

export const MarkNextResultSchema = z
  .object({
    watch: WatchSchema.openapi({ description: 'The watch just recorded (or, when it was already watched, your latest watch of it)' }),
    up_next: UpNextItemSchema.nullable().openapi({ description: 'The show’s Up Next item now; null when nothing aired is left and no premiere is near' }),
  })
  .openapi('MarkNextResult');
