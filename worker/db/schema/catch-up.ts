// Catch-up plans (migrations/0012): one per person and show; the sessions are
// derived on read (worker/features/catch-up), never stored.
import { date, index, pgTable, primaryKey, smallint, time, uuid } from 'drizzle-orm/pg-core';
import { shows } from './catalog.ts';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

export const catchUpPlans = pgTable(
  'catch_up_plans',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    /** The day to be caught up by; null: the next season's premiere, whenever it is. */
    targetDate: date('target_date'),
    /** ISO weekdays to watch on (Monday 1 … Sunday 7), 1 to 7 of them. */
    weekdays: smallint('weekdays').array().notNull(),
    /** Local wall-clock start ("HH:MM:SS"); null: all-day sessions. */
    sessionTime: time('session_time'),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.showId] }), index('idx_catch_up_plans_show').on(t.showId)],
);
