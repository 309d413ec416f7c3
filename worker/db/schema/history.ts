// Watch history: one row per watch of an episode or a movie (migration 0008).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { episodes, shows } from './catalog.ts';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

export const watchSources = ['app', 'push', 'import'] as const;

/**
 * When a watch happened, as history orders it: the instant, else the day at
 * 00:00 UTC; null (unknown) sorts last. The same expression as the index
 * idx_watches_user_recent, so newest-first reads walk that index.
 */
export const watchTime = sql`COALESCE(watched_at, watched_on::timestamp AT TIME ZONE 'UTC')`;

export const watches = pgTable(
  'watches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** For a movie, the movie's own row. */
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    /** Null for a movie, or while a sync has dropped the episode (the numbers stay). */
    episodeId: uuid('episode_id').references(() => episodes.id, { onDelete: 'set null' }),
    seasonNumber: integer('season_number'),
    episodeNumber: integer('episode_number'),
    /** An exact instant, or only the day; neither when the day is unknown. */
    watchedAt: timestamp('watched_at', { withTimezone: true }),
    watchedOn: date('watched_on'),
    source: text('source', { enum: watchSources }).notNull(),
    importBatchId: uuid('import_batch_id'),
    ...timestamps,
  },
  (t) => [
    check('watches_one_when', sql`watched_at IS NULL OR watched_on IS NULL`),
    check('watches_episode_numbers', sql`(season_number IS NULL) = (episode_number IS NULL)`),
    check('watches_linked_episode', sql`episode_id IS NULL OR season_number IS NOT NULL`),
    // Migration 0013 adds INCLUDE (watched_at, watched_on, episode_id, created_at, id): index-only reads per show.
    index('idx_watches_user_show').on(t.userId, t.showId, t.seasonNumber, t.episodeNumber),
    index('idx_watches_episode_user').on(t.episodeId, t.userId),
    index('idx_watches_user_recent').on(t.userId, sql`${watchTime} DESC NULLS LAST`, t.createdAt.desc(), t.id.desc()),
    index('idx_watches_unlinked').on(t.showId, t.seasonNumber, t.episodeNumber).where(sql`episode_id IS NULL`),
  ],
);
