import { z } from '@hono/zod-openapi';
import { allEventTypes as timelineEventTypes, type TimelineEventType } from '../../lib/event-types.ts';
import { LocalDaySchema } from '../../lib/local-day.schema.ts';
import { rangeProblem } from './timeline.window.ts';

export const EventTypeSchema = z.enum(timelineEventTypes);
export type { TimelineEventType };

export const TypesSchema = z
  .string()
  .transform((value, ctx) => {
    const types = [...new Set(value.split(',').map((type) => type.trim()))].filter(Boolean);
    const unknown = types.filter((type) => !(timelineEventTypes as readonly string[]).includes(type));
    if (types.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown.length ? `Unknown event type ${unknown.map((type) => JSON.stringify(type)).join(', ')}` : 'No event type given'}; use any of ${timelineEventTypes.join(', ')}`,
      });
      return z.NEVER;
    }
    return types.sort() as TimelineEventType[];
  })
  .openapi({
    description: `Only these event types, comma-separated: ${timelineEventTypes.join(', ')}.`,
    example: 'new_episode,season_premiere',
  });

export const ShortcutQuerySchema = z.object({ type: TypesSchema.optional() });

export const RangeQuerySchema = z
  .object({
    from: LocalDaySchema.optional().openapi({
      format: 'date',
      description: 'First local day (YYYY-MM-DD), in your time zone. Default: your today.',
      example: '2026-04-01',
    }),
    to: LocalDaySchema.optional().openapi({
      format: 'date',
      description: 'Last local day, included. Default: `from` + 30 days.',
      example: '2026-04-30',
    }),
    type: TypesSchema.optional(),
  })
  .superRefine((query, ctx) => {
    if (!query.from || !query.to) return;
    const problem = rangeProblem(query.from, query.to);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const TimelineEventSchema = z
  .object({
    id: z.uuid(),
    event_type: EventTypeSchema,
    title: z.string().openapi({ example: 'Severance S02E05' }),
    description: z.string().nullable().openapi({ description: 'The episode title, or what changed' }),
    show: z.object({
      id: z.uuid(),
      title: z.string(),
      media_type: z.enum(['tv', 'movie']),
      poster_url: z.string().nullable(),
    }),
    season_number: z.number().nullable(),
    episode_number: z.number().nullable(),
    episode_id: z.uuid().nullable(),
    all_day: z.boolean().openapi({ description: 'Only the day is known: the event is on `date` in every time zone' }),
    starts_at: z.string().nullable().openapi({ format: 'date-time', description: 'The UTC instant; null for all-day events' }),
    date: z.string().openapi({ description: 'Your local day (YYYY-MM-DD); for all-day events the air day itself' }),
    local_time: z.string().nullable().openapi({ example: '21:00', description: 'Your local wall-clock time; null for all-day events' }),
    watched: z.boolean().nullable().openapi({
      description:
        'You watched this episode (or, for a movie_release, the movie): your history has a watch of it; null for events that are neither',
    }),
  })
  .openapi('TimelineEvent');

export const TimelineSchema = z
  .object({
    timezone: z.string().openapi({ example: 'Europe/London' }),
    from: z.string().openapi({ description: 'First local day covered' }),
    to: z.string().openapi({ description: 'Last local day covered, included' }),
    events: z.array(TimelineEventSchema),
  })
  .openapi('Timeline');

export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
/** An event as cached: everything but the per-person `watched` flag, computed on each read. */
export type CachedEvent = Omit<TimelineEvent, 'watched'>;
export type Timeline = z.infer<typeof TimelineSchema>;
