// Changes that need the password again: a new password, a new e-mail
// address, deleting the account. Every query is scoped by the signed-in
// person's id.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { refreshTokens, users } from '../../db/schema/index.ts';
import { ApiError, unauthorized } from '../../lib/errors.ts';
import type { Outbox } from '../mail/mailer.ts';
import { emailChangedMail } from '../mail/messages.ts';
import { rethrowUserConflict, toUser } from '../users/users.service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { countAttempt, CURRENT_PASSWORD_PER_ACCOUNT, resetAttempts } from './throttle.ts';

/**
 * The person's row, once `password` is shown to be theirs. Wrong is a 403
 * (not 401: the session is fine, and a client must not take it for an ended
 * one), and counted: five wrong in 15 minutes is a 429.
 */
export async function checkCurrentPassword(db: Db, userId: string, password: string) {
  await countAttempt(db, CURRENT_PASSWORD_PER_ACCOUNT, userId);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw unauthorized('This account no longer exists.');
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new ApiError(403, 'wrong_password', 'That is not your current password.', { fields: { current_password: 'Not your current password' } });
  }
  await resetAttempts(db, CURRENT_PASSWORD_PER_ACCOUNT, userId);
  return user;
}

/** Sets a new password and signs out every other session; the one that asked stays signed in. */
export async function changePassword(
  db: Db,
  userId: string,
  sessionId: string | undefined,
  input: { current_password: string; new_password: string },
): Promise<void> {
  await checkCurrentPassword(db, userId, input.current_password);
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(refreshTokens.userId, userId),
          isNull(refreshTokens.revokedAt),
          ...(sessionId ? [ne(refreshTokens.familyId, sessionId)] : []),
        ),
      );
  });
}

/** Moves the account to a new address (409 when it is taken) and tells the old one. */
export async function changeEmail(
  db: Db,
  userId: string,
  input: { current_password: string; email: string },
  outbox: Outbox,
) {
  const before = await checkCurrentPassword(db, userId, input.current_password);
  if (before.email === input.email) return toUser(before);
  try {
    const [row] = await db.update(users).set({ email: input.email, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
    if (!row) throw unauthorized('This account no longer exists.');
    outbox(emailChangedMail({ to: before.email, username: row.username, newEmail: row.email }));
    return toUser(row);
  } catch (error) {
    rethrowUserConflict(error);
  }
}
