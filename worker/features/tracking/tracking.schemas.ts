import { z } from '@hono/zod-openapi';
import { EpisodeSchema, ShowSummarySchema } from '../shows/shows.schemas.ts';

const Preferences = {
  notify_new_episode: z.boolean().optional(),
  notify_new_season: z.boolean().optional(),
  notify_status_change: z.boolean().optional(),
  notify_hours_before: z
    .number()
    .int('notify_hours_before is a whole number of hours')
    .min(0, 'notify_hours_before is 0 to 168')
    .max(168, 'notify_hours_before is 0 to 168')
    .optional()
    .openapi({ description: 'Hours before the air time to notify (0 = when it airs)' }),
};

export const TrackSchema = z
  .object({ show_id: z.uuid('show_id must be a UUID'), is_favorite: z.boolean().optional(), ...Preferences })
  .strict()
  .openapi('Track');

// What was watched is not a preference: it is recorded in the history (/api/v1/history).
export const UpdateTrackingSchema = z
  .object({ ...Preferences, is_favorite: z.boolean().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one preference')
  .openapi('UpdateTracking');

export const TrackedShowSchema = z
  .object({
    show: ShowSummarySchema,
    is_favorite: z.boolean(),
    notify_new_episode: z.boolean(),
    notify_new_season: z.boolean(),
    notify_status_change: z.boolean(),
    notify_hours_before: z.number(),
    last_watched_season: z.number().nullable().openapi({
      description: 'Your highest watched regular-season episode of the show (from your history): its season; null before any',
    }),
    last_watched_episode: z.number().nullable(),
    next_episode: EpisodeSchema.nullable(),
    tracked_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('TrackedShow');

export const TrackResultSchema = TrackedShowSchema.extend({
  removed_from_watchlist: z
    .boolean()
    .openapi({ description: 'True when tracking took the title off your watchlist: starting to watch it moves it to what you track' }),
}).openapi('TrackResult');

export const TrackingListSchema = z.object({ results: z.array(TrackedShowSchema) }).openapi('TrackingList');
