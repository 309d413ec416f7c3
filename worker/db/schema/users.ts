// Accounts: people, their push devices, refresh tokens, password reset tokens and auth throttling.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    /** Leave unwatched episodes' titles and overviews out of push, the notification list and the calendar feed (docs/design.md#spoilers). */
    hideSpoilers: boolean('hide_spoilers').notNull().default(false),
    /** Bumped by triggers with every change to what this person sees (migration 0014; worker/lib/person-state.ts). */
    stateVersion: bigint('state_version', { mode: 'number' }).notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('idx_users_username_lower').on(sql`lower(${t.username})`)],
);

/** A Web Push subscription; `deviceToken` is its endpoint URL. */
export const userDevices = pgTable(
  'user_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceToken: text('device_token').notNull(),
    platform: text('platform').notNull(),
    p256dh: text('p256dh').notNull(),
    authSecret: text('auth_secret').notNull(),
    contentEncodings: text('content_encodings').array().notNull().default(sql`ARRAY['aes128gcm']`),
    userAgent: text('user_agent'),
    isActive: boolean('is_active').notNull().default(true),
    deactivatedReason: text('deactivated_reason'),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique().on(t.userId, t.deviceToken),
    uniqueIndex('idx_user_devices_endpoint').on(t.deviceToken),
    index('idx_user_devices_active').on(t.userId).where(sql`is_active`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
    /** When the family's first token was issued: the session's sign-in (migration 0016). */
    familyStartedAt: timestamp('family_started_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('idx_refresh_tokens_family').on(t.familyId),
    index('idx_refresh_tokens_user').on(t.userId),
    index('idx_refresh_tokens_expires').on(t.expiresAt),
  ],
);

/** A password reset link's token, stored as its SHA-256 hash: 30 minutes, good once (migration 0016). */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('idx_password_reset_tokens_user').on(t.userId), index('idx_password_reset_tokens_expires').on(t.expiresAt)],
);

export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('idx_auth_throttle_window').on(t.windowStart)],
);
