import { z } from '@hono/zod-openapi';
import { LocalDaySchema } from '../../lib/local-day.schema.ts';

const WeekdaySchema = z.number().int().min(1).max(7);

const weekdaysProblem = (days: number[]) =>
  new Set(days).size !== days.length ? 'List each weekday once' : null;

/** "1,3,6" in a query string: ISO weekdays, Monday 1 … Sunday 7. */
const WeekdaysQuerySchema = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',').map((part) => part.trim());
    const days = parts.map(Number);
    if (parts.some((part) => !/^[1-7]$/.test(part))) {
      ctx.addIssue({ code: 'custom', message: 'Use ISO weekdays 1 (Monday) to 7 (Sunday), comma-separated' });
      return z.NEVER;
    }
    const problem = weekdaysProblem(days);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return days.sort();
  })
  .openapi({ description: 'The weekdays you watch on, comma-separated: 1 (Monday) to 7 (Sunday).', example: '3,6' });

const PerWeekQuerySchema = z
  .string()
  .regex(/^[1-7]$/, 'Use a whole number of sessions a week from 1 to 7')
  .transform(Number)
  .openapi({ description: 'Sessions a week (1-7), on weekdays spread over the week; `weekdays` picks them yourself.', example: '2' });

export const CatchUpQuerySchema = z
  .object({
    by: LocalDaySchema.optional().openapi({
      format: 'date',
      description: 'The local day to be ready by. Default: your saved plan’s, else the next season’s premiere.',
      example: '2027-01-15',
    }),
    per_week: PerWeekQuerySchema.optional(),
    weekdays: WeekdaysQuerySchema.optional(),
  })
  .refine((query) => query.per_week === undefined || query.weekdays === undefined, {
    path: ['weekdays'],
    message: 'Give per_week or weekdays, not both',
  });

const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time as HH:MM')
  .openapi({ example: '20:30', description: 'Local start time of each session (HH:MM); null: all-day sessions' });

export const CatchUpPlanInputSchema = z
  .object({
    by: LocalDaySchema.nullable()
      .optional()
      .openapi({ format: 'date', description: 'The day to be ready by; null or absent: the next season’s premiere, whenever it moves to' }),
    per_week: z.number().int().min(1).max(7).optional().openapi({ description: 'Sessions a week, spread over the week' }),
    weekdays: z
      .array(WeekdaySchema)
      .min(1)
      .max(7)
      .optional()
      .openapi({ description: 'The weekdays you watch on, 1 (Monday) to 7 (Sunday). Default: every day' }),
    time: TimeOfDaySchema.nullable().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.per_week !== undefined && input.weekdays !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'Give per_week or weekdays, not both' });
    }
    const problem = input.weekdays && weekdaysProblem(input.weekdays);
    if (problem) ctx.addIssue({ code: 'custom', path: ['weekdays'], message: problem });
  })
  .openapi('CatchUpPlanInput');

const SessionEpisodeSchema = z.object({
  id: z.uuid(),
  season_number: z.number(),
  episode_number: z.number(),
  runtime_minutes: z.number().nullable().openapi({ description: "The episode's runtime, else the show's" }),
});

export const CatchUpSessionSchema = z
  .object({
    date: z.string().openapi({ format: 'date', description: 'Your local day' }),
    starts_at: z.string().nullable().openapi({ format: 'date-time', description: 'UTC start with a time of day; null: all day' }),
    local_time: z.string().nullable().openapi({ example: '20:30' }),
    label: z.string().openapi({ example: 'S01E04–S01E06' }),
    minutes: z.number().openapi({ description: 'Known runtime of its episodes' }),
    episodes: z.array(SessionEpisodeSchema),
  })
  .openapi('CatchUpSession');

export const CatchUpPlanSchema = z
  .object({
    by: z.string().nullable().openapi({ format: 'date', description: 'null: the next season’s premiere' }),
    weekdays: z.array(z.number()),
    time: z.string().nullable(),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CatchUpPlan');

export const CatchUpSchema = z
  .object({
    show: z.object({ id: z.uuid(), title: z.string() }),
    timezone: z.string(),
    today: z.string().openapi({ format: 'date', description: 'Your local today' }),
    target: z
      .object({
        date: z.string().openapi({ format: 'date' }),
        source: z.enum(['premiere', 'picked']).openapi({ description: 'The next season’s premiere, or a day picked (here or in your plan)' }),
      })
      .nullable()
      .openapi({ description: 'null only when you are caught up and no premiere is known' }),
    next_premiere: z
      .object({ date: z.string().openapi({ format: 'date' }), season_number: z.number() })
      .nullable()
      .openapi({ description: 'The next season’s first episode still to air, on your local day' }),
    episodes_left: z.number().openapi({ description: 'Aired regular-season episodes after your highest watched one (as Up Next counts them)' }),
    minutes_left: z.number(),
    episodes_without_runtime: z.number().openapi({ description: 'Of those, how many have no runtime and are left out of the minutes' }),
    days_left: z.number().nullable().openapi({ description: 'Days from today to the target, today counted' }),
    weeks_left: z.number().nullable(),
    episodes_per_week: z.number().openapi({ description: 'Episodes a week to be ready by the target, rounded up; 0 when caught up' }),
    minutes_per_week: z.number(),
    weekdays: z.array(z.number()).openapi({ description: 'The weekdays the sessions fall on (1 Monday … 7 Sunday)' }),
    time: z.string().nullable().openapi({ description: 'Local start time of the sessions; null: all day' }),
    sessions: z
      .array(CatchUpSessionSchema)
      .openapi({ description: 'From today up to the day before the target; empty when caught up or no chosen weekday falls before it' }),
    plan: CatchUpPlanSchema.nullable().openapi({ description: 'Your saved plan for this show, whose sessions are on your timeline and calendar feed' }),
  })
  .openapi('CatchUp');

export type CatchUp = z.infer<typeof CatchUpSchema>;
export type CatchUpPlanInput = z.infer<typeof CatchUpPlanInputSchema>;
