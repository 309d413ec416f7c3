// Imports (migration 0015): batches, the titles they name and their parsed
// records; and what only imports bring so far: ratings and named lists.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { shows } from './catalog.ts';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

export const importStatuses = ['matching', 'ready', 'committing', 'committed', 'undoing', 'undone', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const titleMatchStatuses = ['pending', 'matched', 'ambiguous', 'unmatched', 'skipped'] as const;
export type TitleMatchStatus = (typeof titleMatchStatuses)[number];

/**
 * What a commit added, by kind; and what it did not: already there, its title
 * not matched (or left unchosen), its episode not found on the show.
 */
export type ImportAdded = Partial<
  Record<'watches' | 'follows' | 'watchlist' | 'ratings' | 'list_entries' | 'already_there' | 'not_matched' | 'not_placed', number>
>;

export interface MatchCandidate {
  show_id: string;
  title: string;
  year: number | null;
  media_type: 'tv' | 'movie';
  poster_url: string | null;
  confidence: number;
}

export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256').notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('matching'),
    totalRecords: integer('total_records').notNull(),
    totalTitles: integer('total_titles').notNull(),
    matchedTitles: integer('matched_titles').notNull().default(0),
    committedRecords: integer('committed_records').notNull().default(0),
    added: jsonb('added').$type<ImportAdded>().notNull().default({}),
    notices: text('notices').array().notNull().default(sql`'{}'`),
    error: text('error'),
    ...timestamps,
    committedAt: timestamp('committed_at', { withTimezone: true }),
    /** When the write stage began (migration 0017). */
    commitStartedAt: timestamp('commit_started_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('idx_import_batches_user').on(t.userId, t.createdAt.desc())],
);

export const importTitles = pgTable(
  'import_titles',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    titleKey: text('title_key').notNull(),
    mediaType: text('media_type', { enum: ['tv', 'movie'] }).notNull(),
    ref: jsonb('ref').notNull(),
    status: text('status', { enum: titleMatchStatuses }).notNull().default('pending'),
    showId: uuid('show_id').references(() => shows.id, { onDelete: 'set null' }),
    how: text('how'),
    confidence: real('confidence'),
    candidates: jsonb('candidates').$type<MatchCandidate[]>().notNull().default([]),
    records: integer('records').notNull(),
    /** Of `records`, how many of each kind (migration 0017): the preview's counts by kind. */
    kinds: jsonb('kinds').$type<Partial<Record<string, number>>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.titleKey] })],
);

export const importRecords = pgTable(
  'import_records',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    titleKey: text('title_key').notNull(),
    record: jsonb('record').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.position] }), index('idx_import_records_title').on(t.batchId, t.titleKey)],
);

export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    seasonNumber: integer('season_number'),
    episodeNumber: integer('episode_number'),
    rating: smallint('rating').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    ratedOn: date('rated_on'),
    importBatchId: uuid('import_batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    check('ratings_scale', sql`rating BETWEEN 1 AND 10`),
    uniqueIndex('idx_ratings_user_title').on(t.userId, t.showId, sql`COALESCE(season_number, -1)`, sql`COALESCE(episode_number, -1)`),
    index('idx_ratings_show').on(t.showId),
  ],
);

export const userLists = pgTable(
  'user_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    importBatchId: uuid('import_batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('idx_user_lists_name').on(t.userId, sql`lower(name)`)],
);

export const userListItems = pgTable(
  'user_list_items',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => userLists.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    importBatchId: uuid('import_batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.listId, t.showId] }), index('idx_user_list_items_show').on(t.showId)],
);
