// The watchlist: what a person wants to watch later, apart from what they track.
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { shows } from './catalog.ts';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

export const watchlistItems = pgTable(
  'watchlist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    /** The person's own reminder, 1 to 200 characters. */
    note: text('note'),
    /** When the title went on the list; the list is newest first by it. */
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    /** The import batch that added this row (migration 0015): undoing the batch removes it. */
    importBatchId: uuid('import_batch_id'),
    ...timestamps,
  },
  (t) => [unique().on(t.userId, t.showId), index('idx_watchlist_user_added').on(t.userId, t.addedAt.desc())],
);
