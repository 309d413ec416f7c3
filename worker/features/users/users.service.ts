// Profiles and accounts. Every query is scoped by the signed-in user's id.
import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { shows, users, userTrackedShows } from '../../db/schema/index.ts';
import { rescheduleForPerson } from '../notifications/fan-out.ts';
import { conflict, isUniqueViolation, pgErrorOf, unauthorized } from '../../lib/errors.ts';
import type { UpdateProfileSchema, UserSchema } from './users.schemas.ts';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): z.infer<typeof UserSchema> {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    timezone: row.timezone,
    hide_spoilers: row.hideSpoilers,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Maps a unique violation on users to a 409 naming the field. */
export function rethrowUserConflict(error: unknown): never {
  if (isUniqueViolation(error)) {
    const constraint = pgErrorOf(error)?.constraint ?? '';
    if (constraint.includes('email')) throw conflict('That email is already registered.', { email: 'Already registered' });
    if (constraint.includes('username')) throw conflict('That username is taken.', { username: 'Already taken' });
    throw conflict('That account already exists.');
  }
  throw error;
}

export async function getProfile(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  // A valid token whose account was deleted: the session is over.
  if (!row) throw unauthorized('This account no longer exists.');
  return toUser(row);
}

export async function updateProfile(db: Db, userId: string, input: z.infer<typeof UpdateProfileSchema>) {
  const { hide_spoilers: hideSpoilers, ...changes } = input;
  try {
    return await db.transaction(async (tx) => {
      // The setting is read from this row on every feed request, push and
      // notification list (no copy elsewhere), so it holds from the next one on.
      const [row] = await tx
        .update(users)
        .set({ ...changes, ...(hideSpoilers === undefined ? {} : { hideSpoilers }), updatedAt: new Date() })
        .where(eq(users.id, userId))
        .returning();
      if (!row) throw unauthorized('This account no longer exists.');
      // Date-only episodes notify at the start of their day in the person's zone.
      if (changes.timezone) await rescheduleForPerson(tx, userId);
      return toUser(row);
    });
  } catch (error) {
    rethrowUserConflict(error);
  }
}

/** Deletes the account; foreign keys cascade to everything it owns. */
export async function deleteAccount(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Its tracked shows lose a tracker, as if each had been untracked.
    await tx
      .update(shows)
      .set({ syncPriority: sql`GREATEST(0, ${shows.syncPriority} - 1)` })
      .where(inArray(shows.id, tx.select({ id: userTrackedShows.showId }).from(userTrackedShows).where(eq(userTrackedShows.userId, userId))));
    await tx.delete(users).where(eq(users.id, userId));
  });
}
