import { z } from '@hono/zod-openapi';
import { TypesSchema, type TimelineEventType } from '../timeline/timeline.schemas.ts';

export const FeedUrlSchema = z
  .object({
    url: z.string().openapi({
      format: 'uri',
      example: 'https://showtracker.example/cal/3q2-7wEjUxZ3Zt3l0m8c7kQhYdW5vJ1rYkS0cA2bXfE.ics',
      description: 'The private feed. Anyone with this URL can read your calendar: treat it like a password.',
    }),
    webcal_url: z.string().openapi({
      example: 'webcal://showtracker.example/cal/3q2-7wEjUxZ3Zt3l0m8c7kQhYdW5vJ1rYkS0cA2bXfE.ics',
      description: 'The same feed as webcal://, which opens the subscribe dialog of Apple Calendar and Outlook',
    }),
    google_url: z.string().openapi({
      format: 'uri',
      description: "Google Calendar's add-by-URL page for this feed",
    }),
    created_at: z.string().openapi({ format: 'date-time' }),
    rotated_at: z.string().nullable().openapi({ format: 'date-time', description: 'When the URL was last replaced; null if never' }),
  })
  .openapi('CalendarFeedUrl');

const FlagSchema = (description: string) =>
  z.enum(['0', '1'], { message: 'Use 0 or 1' }).transform((value) => value === '1').openapi({ description });

export const FeedQuerySchema = z.object({
  types: TypesSchema.optional(),
  favorites: FlagSchema('1: only your favorite shows').optional(),
  alarms: FlagSchema('0: no reminders (VALARM); default 1, a reminder where the show notifies you').optional(),
});

export interface FeedOptions {
  types: TimelineEventType[] | null;
  favoritesOnly: boolean;
  alarms: boolean;
}

export const FeedParamSchema = z.object({
  feed: z.string().openapi({
    param: { name: 'feed', in: 'path' },
    description: 'The secret token followed by `.ics`, as in the URL from GET /api/v1/calendar/feed-url',
  }),
});

export type FeedUrl = z.infer<typeof FeedUrlSchema>;
