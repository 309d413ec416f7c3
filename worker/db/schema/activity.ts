// What people follow and what happens to it: tracking, timeline events,
// notifications and the sync audit log.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { episodes, shows } from './catalog.ts';
import { timestamps } from './columns.ts';
import { userDevices, users } from './users.ts';
import { timelineEventTypes } from '../../lib/event-types.ts';

export const userTrackedShows = pgTable(
  'user_tracked_shows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    isFavorite: boolean('is_favorite').notNull().default(false),
    notifyNewEpisode: boolean('notify_new_episode').notNull().default(true),
    notifyNewSeason: boolean('notify_new_season').notNull().default(true),
    notifyStatusChange: boolean('notify_status_change').notNull().default(true),
    notifyHoursBefore: integer('notify_hours_before').notNull().default(0),
    /** The import batch that added this row (migration 0015): undoing the batch removes it. */
    importBatchId: uuid('import_batch_id'),
    ...timestamps,
  },
  (t) => [
    unique().on(t.userId, t.showId),
    index('idx_tracked_user').on(t.userId),
    index('idx_tracked_show').on(t.showId),
    index('idx_tracked_favorite').on(t.isFavorite).where(sql`is_favorite = TRUE`),
  ],
);

export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    eventType: text('event_type', { enum: timelineEventTypes }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    eventDate: timestamp('event_date', { withTimezone: true }).notNull(),
    seasonNumber: integer('season_number'),
    episodeNumber: integer('episode_number'),
    episodeId: uuid('episode_id').references(() => episodes.id, { onDelete: 'set null' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().default({}),
    /** Only the day is known: an all-day event on `airDate` in each person's zone. */
    allDay: boolean('all_day').notNull().default(false),
    airDate: date('air_date'),
    /** Bumped each time the event moves, for calendar clients. */
    sequence: integer('sequence').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('idx_timeline_event_date').on(t.eventDate),
    index('idx_timeline_show_id').on(t.showId),
    index('idx_timeline_type').on(t.eventType),
    uniqueIndex('uq_timeline_episode').on(t.episodeId).where(sql`episode_id IS NOT NULL`),
    uniqueIndex('uq_timeline_movie_release').on(t.showId).where(sql`event_type = 'movie_release'`),
    index('idx_timeline_show_date').on(t.showId, t.eventDate),
    index('idx_timeline_show_air_date').on(t.showId, t.airDate).where(sql`all_day`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    timelineEventId: uuid('timeline_event_id').references(() => timelineEvents.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    payload: jsonb('payload').default({}),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'read'] })
      .notNull()
      .default('pending'),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /** A dispatcher's claim; once past, anyone may claim the notification again. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    claimToken: uuid('claim_token'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('idx_notifications_user').on(t.userId),
    index('idx_notifications_status').on(t.status).where(sql`status = 'pending'`),
    index('idx_notifications_scheduled').on(t.scheduledFor).where(sql`status = 'pending'`),
    uniqueIndex('uq_notifications_user_event').on(t.userId, t.timelineEventId),
  ],
);

export const syncLog = pgTable(
  'sync_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    showId: uuid('show_id').references(() => shows.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    recordsUpdated: integer('records_updated').default(0),
    errorMessage: text('error_message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('idx_sync_log_started').on(t.startedAt)],
);

/** Every device a notification was tried on, and how it went. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => userDevices.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['delivered', 'gone', 'rejected', 'retry'] }).notNull(),
    httpStatus: integer('http_status'),
    attempts: integer('attempts').notNull().default(1),
    lastError: text('last_error'),
    ...timestamps,
  },
  (t) => [unique().on(t.notificationId, t.deviceId), index('idx_notification_deliveries_device').on(t.deviceId)],
);
