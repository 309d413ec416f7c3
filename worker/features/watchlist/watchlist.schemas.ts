import { z } from '@hono/zod-openapi';
import { ShowSummarySchema } from '../shows/shows.schemas.ts';

const NOTE_MAX = 200;

const note = z
  .string()
  .trim()
  .max(NOTE_MAX, `note is at most ${NOTE_MAX} characters`)
  .nullable()
  .openapi({ description: `Your own reminder (at most ${NOTE_MAX} characters); empty or null for none`, example: 'Recommended by Sam' });

export const WatchlistQuerySchema = z.object({
  type: z
    .enum(['tv', 'movie', 'all'])
    .default('all')
    .openapi({ description: 'Only TV shows or only movies' }),
});

export const AddToWatchlistSchema = z
  .object({ show_id: z.uuid('show_id must be a UUID'), note: note.optional() })
  .strict()
  .openapi('AddToWatchlist');

export const UpdateWatchlistItemSchema = z.object({ note }).strict().openapi('UpdateWatchlistItem');

export const WatchlistItemSchema = z
  .object({
    show: ShowSummarySchema,
    note: z.string().nullable(),
    added_at: z.string().openapi({ description: 'When it went on your list' }),
  })
  .openapi('WatchlistItem');

export const WatchlistSchema = z.object({ results: z.array(WatchlistItemSchema) }).openapi('Watchlist');

export const WatchlistStatusSchema = z
  .object({
    show_id: z.uuid(),
    on_watchlist: z.boolean(),
    note: z.string().nullable(),
    added_at: z.string().nullable(),
  })
  .openapi('WatchlistStatus');
