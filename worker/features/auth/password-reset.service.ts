// Password reset by e-mail: a one-time link, 30 minutes, stored only as a
// SHA-256 hash. Asking for one answers the same whether or not the address
// has an account; using one sets the password and signs out everywhere.
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { passwordResetTokens, refreshTokens, users } from '../../db/schema/index.ts';
import { ApiError } from '../../lib/errors.ts';
import type { Outbox } from '../mail/mailer.ts';
import { passwordResetMail } from '../mail/messages.ts';
import { hashPassword } from './password.ts';
import { countAttempt, LOGIN_PER_ACCOUNT, PASSWORD_RESET_PER_ACCOUNT, PASSWORD_RESET_PER_ADDRESS, resetAttempts } from './throttle.ts';
import { hashRefreshToken, newRefreshToken } from './tokens.ts';

export const RESET_TOKEN_TTL_MINUTES = 30;

export interface ResetRequestContext {
  clientAddress: string;
  /** The PWA's origin: the link is `${appOrigin}/reset-password?token=…`. */
  appOrigin: string;
  outbox: Outbox;
}

/**
 * Mails a reset link if the address has an account. Either way the same
 * work is done up to one statement (a token is made and hashed, and one
 * INSERT … SELECT stores it only when the address has an account), and the
 * mail goes out after the answer, so neither the answer nor its time tells
 * whether the address is registered.
 */
export async function requestPasswordReset(db: Db, email: string, context: ResetRequestContext): Promise<void> {
  await countAttempt(db, PASSWORD_RESET_PER_ADDRESS, context.clientAddress);
  await countAttempt(db, PASSWORD_RESET_PER_ACCOUNT, email);
  const token = newRefreshToken();
  const tokenHash = await hashRefreshToken(token);
  const stored = await db.execute<{ email: string; username: string }>(sql`
    WITH person AS (SELECT id, email, username FROM users WHERE email = ${email}),
    stored AS (
      INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
      SELECT id, ${tokenHash}, now() + make_interval(mins => ${RESET_TOKEN_TTL_MINUTES}) FROM person
      RETURNING user_id)
    SELECT person.email, person.username FROM person JOIN stored ON stored.user_id = person.id`);
  const person = stored.rows[0];
  if (!person) return;
  context.outbox(
    passwordResetMail({
      to: person.email,
      username: person.username,
      link: `${context.appOrigin}/reset-password?token=${encodeURIComponent(token)}`,
      validMinutes: RESET_TOKEN_TTL_MINUTES,
    }),
  );
}

const invalidToken = () =>
  new ApiError(400, 'invalid_reset_token', 'This reset link is invalid, used or expired. Ask for a new one.', {
    fields: { token: 'Invalid, used or expired' },
  });

/**
 * Spends the token and sets the new password: every other reset link of the
 * person stops working and every session (refresh-token family) is revoked.
 */
export async function confirmPasswordReset(db: Db, input: { token: string; password: string }): Promise<void> {
  const tokenHash = await hashRefreshToken(input.token);
  // A link that cannot work is refused before the costly password hash: junk tokens cost no PBKDF2.
  const [usable] = await db
    .select({ id: passwordResetTokens.id })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)));
  if (!usable) throw invalidToken();
  // Hashed before the transaction, so it does not hold a connection for the PBKDF2 time.
  // The transaction checks the token again: two confirms racing spend it once.
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`)))
      .returning({ id: passwordResetTokens.id, userId: passwordResetTokens.userId });
    if (!spent) throw invalidToken();
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, spent.userId), isNull(passwordResetTokens.usedAt), ne(passwordResetTokens.id, spent.id)));
    const [person] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, spent.userId))
      .returning({ email: users.email });
    await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.userId, spent.userId), isNull(refreshTokens.revokedAt)));
    // The person proved they own the address: the sign-in attempts counted against it start again.
    if (person) await resetAttempts(tx, LOGIN_PER_ACCOUNT, person.email);
  });
}
