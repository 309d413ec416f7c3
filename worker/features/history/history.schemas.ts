import { z } from '@hono/zod-openapi';
import { watchSources } from '../../db/schema/index.ts';
import { addDays, isCalendarDate } from '../../lib/local-time.ts';
import { MediaTypeSchema } from '../shows/shows.schemas.ts';

// A minute of leeway for a client clock slightly ahead of ours.
const CLOCK_SKEW_MS = 60_000;

const Instant = z
  .iso.datetime({ offset: true, message: 'watched_at is an ISO 8601 instant with a zone, e.g. 2026-05-01T20:30:00Z' })
  .refine((value) => Date.parse(value) <= Date.now() + CLOCK_SKEW_MS, 'watched_at cannot be in the future')
  .refine((value) => Date.parse(value) >= Date.parse('1900-01-01T00:00:00Z'), 'watched_at is after 1900')
  .openapi({ format: 'date-time', example: '2026-05-01T20:30:00Z' });

// No zone's today is later than UTC's tomorrow.
const Day = z
  .string()
  .refine(isCalendarDate, 'watched_on is a real calendar day as YYYY-MM-DD')
  .refine((day) => day >= '1900-01-01', 'watched_on is after 1900')
  .refine((day) => day <= addDays(new Date().toISOString().slice(0, 10), 1), 'watched_on cannot be in the future')
  .openapi({ format: 'date', example: '2026-05-01' });

export const whenChoices = ['now', 'air_time', 'unknown'] as const;

/** When a watch happened: one of `when`, `watched_at` or `watched_on`. */
const WhenFields = {
  when: z.enum(whenChoices).optional().openapi({
    description:
      '`now` (the default when nothing is sent), `air_time` (the episode’s exact air instant, else its air day; a movie’s release day) or `unknown` (you do not remember when). Or send `watched_at` or `watched_on` instead.',
  }),
  watched_at: Instant.optional().openapi({ description: 'The exact instant you watched it; answered back in UTC' }),
  watched_on: Day.optional().openapi({ description: 'Only the day you watched it (YYYY-MM-DD)' }),
};

const oneWhen = (body: { when?: unknown; watched_at?: unknown; watched_on?: unknown }) =>
  [body.when, body.watched_at, body.watched_on].filter((value) => value !== undefined).length <= 1;
const ONE_WHEN = 'Send at most one of when, watched_at and watched_on';

const rewatch = z.boolean().optional().openapi({
  description: 'Record a new watch even of what you already watched (a rewatch). Without it, what you already watched is left as it is.',
});

export const MarkSchema = z
  .object({ ...WhenFields, rewatch })
  .strict()
  .refine(oneWhen, ONE_WHEN)
  .openapi('Mark');

const number = (name: string, min: number) =>
  z.number().int(`${name} is a whole number`).min(min, `${name} is at least ${min}`).max(10_000, `${name} is at most 10000`);

export const MarkUpToSchema = z
  .object({ season_number: number('season_number', 0), episode_number: number('episode_number', 1), ...WhenFields, rewatch })
  .strict()
  .refine(oneWhen, ONE_WHEN)
  .openapi('MarkUpTo');

export const EditWatchSchema = z
  .object(WhenFields)
  .strict()
  .refine((body) => Object.keys(body).length === 1, 'Send one of when, watched_at and watched_on')
  .openapi('EditWatch');

export const DeleteShowHistorySchema = z
  .object({
    confirm: z.boolean().optional().openapi({ description: 'Must be true: without it nothing is deleted and the 400 says what would be' }),
  })
  .strict()
  .openapi('DeleteShowHistory');

export const HistoryQuerySchema = z.object({
  show_id: z.uuid('show_id must be a UUID').optional().openapi({ description: 'Only the watches of this show or movie' }),
  page: z.coerce.number().int('page is a whole number').min(1).max(10_000).default(1),
});

export const WatchSchema = z
  .object({
    id: z.uuid(),
    show_id: z.uuid(),
    episode_id: z.uuid().nullable().openapi({ description: 'Null for a movie, or while the catalog no longer lists the episode' }),
    season_number: z.number().nullable().openapi({ description: 'Null for a movie' }),
    episode_number: z.number().nullable(),
    watched_at: z.string().nullable().openapi({ format: 'date-time', description: 'The instant, in UTC; null when only the day is known, or nothing' }),
    watched_on: z.string().nullable().openapi({ format: 'date', description: 'The day, when only the day is known' }),
    source: z.enum(watchSources).openapi({ description: '`app`, `push` (a notification’s "Mark watched") or `import`' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Watch');

export const HistoryEntrySchema = WatchSchema.extend({
  show: z.object({ id: z.uuid(), title: z.string(), media_type: MediaTypeSchema, poster_url: z.string().nullable() }),
  episode_title: z.string().nullable(),
}).openapi('HistoryEntry');

export const HistoryPageSchema = z
  .object({
    page: z.number(),
    page_size: z.number(),
    has_more: z.boolean(),
    watches: z.array(HistoryEntrySchema),
  })
  .openapi('HistoryPage');

const ProgressFields = {
  last_watched_season: z.number().nullable().openapi({ description: 'Your highest watched regular-season episode of the show: its season' }),
  last_watched_episode: z.number().nullable(),
};

export const MarkResultSchema = z
  .object({
    show_id: z.uuid(),
    added: z.number().openapi({ description: 'Watches recorded' }),
    already_watched: z.number().openapi({ description: 'Aired episodes left as they were: already watched, and not a rewatch' }),
    not_aired: z.number().openapi({ description: 'Episodes not marked because they have not aired yet' }),
    notice: z.string().nullable().openapi({ description: 'Says what was skipped and when the next one airs; null when nothing was' }),
    ...ProgressFields,
  })
  .openapi('MarkResult');

export const UnmarkResultSchema = z
  .object({ removed: z.number().openapi({ description: 'Watches deleted' }), ...ProgressFields })
  .openapi('UnmarkResult');

export const RemovedSchema = z.object({ removed: z.number() }).openapi('Removed');

const LatestFields = {
  plays: z.number().openapi({ description: 'How many times you watched it' }),
  last_watched_at: z.string().nullable().openapi({ format: 'date-time', description: 'When your latest watch was, in UTC' }),
  last_watched_on: z.string().nullable().openapi({ format: 'date', description: 'Or its day, when only the day is known' }),
};

export const WatchStateSchema = z
  .object({
    show_id: z.uuid(),
    media_type: MediaTypeSchema,
    ...ProgressFields,
    movie: z.object(LatestFields).nullable().openapi({ description: 'A movie you watched; null otherwise' }),
    episodes: z
      .array(
        z.object({
          episode_id: z.uuid().nullable(),
          season_number: z.number(),
          episode_number: z.number(),
          ...LatestFields,
        }),
      )
      .openapi({ description: 'Each episode you watched, in order; episodes you have not watched are left out' }),
  })
  .openapi('WatchState');
