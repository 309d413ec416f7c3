// Sign-in, sign-up, password reset and re-entered password throttling: fixed-window counters in Postgres (one
// atomic upsert per check, consistent across isolates, unlike KV).
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { authThrottle } from '../../db/schema/index.ts';
import { rateLimited } from '../../lib/errors.ts';

export interface ThrottleRule {
  /** What is counted, e.g. "login:account". */
  scope: string;
  limit: number;
  windowSeconds: number;
  message: string;
}

export const LOGIN_PER_ACCOUNT: ThrottleRule = {
  scope: 'login:account',
  limit: 5,
  windowSeconds: 15 * 60,
  message: 'Too many sign-in attempts for this account. Try again later.',
};
/** A per-address rule; its limit is configuration (env.ts holds the defaults). */
export type AddressRule = Omit<ThrottleRule, 'limit'>;

export const LOGIN_PER_ADDRESS: AddressRule = {
  scope: 'login:address',
  windowSeconds: 15 * 60,
  message: 'Too many sign-in attempts from this network. Try again later.',
};
export const REGISTER_PER_ACCOUNT: ThrottleRule = {
  scope: 'register:account',
  limit: 5,
  windowSeconds: 60 * 60,
  message: 'Too many sign-up attempts for this email. Try again later.',
};
export const REGISTER_PER_ADDRESS: AddressRule = {
  scope: 'register:address',
  windowSeconds: 60 * 60,
  message: 'Too many sign-ups from this network. Try again later.',
};

/** Counts one attempt; throws 429 with Retry-After once the window's limit is passed. */
export async function countAttempt(db: Db, rule: ThrottleRule, subject: string): Promise<void> {
  const key = `${rule.scope}:${subject}`;
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const result = await db.execute<{ attempts: number; retry_after: number }>(sql`
    INSERT INTO auth_throttle (key, window_start, attempts) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN auth_throttle.window_start + ${window} <= now() THEN 1 ELSE auth_throttle.attempts + 1 END,
      window_start = CASE WHEN auth_throttle.window_start + ${window} <= now() THEN now() ELSE auth_throttle.window_start END
    RETURNING attempts, EXTRACT(EPOCH FROM (window_start + ${window} - now()))::float8 AS retry_after`);
  const row = result.rows[0];
  if (row && row.attempts > rule.limit) throw rateLimited(row.retry_after, rule.message);
}

export async function resetAttempts(db: Executor, rule: ThrottleRule, subject: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, `${rule.scope}:${subject}`));
}

/** Reset links per address asked for: each one is an e-mail sent. */
export const PASSWORD_RESET_PER_ACCOUNT: ThrottleRule = {
  scope: 'password-reset:account',
  limit: 3,
  windowSeconds: 60 * 60,
  message: 'Too many reset links asked for this email. Try again later.',
};
export const PASSWORD_RESET_PER_ADDRESS: ThrottleRule = {
  scope: 'password-reset:address',
  limit: 10,
  windowSeconds: 60 * 60,
  message: 'Too many reset links asked for from this network. Try again later.',
};
/** Re-entered passwords (change password or e-mail, delete the account): a stolen access token must not become a way to guess. */
export const CURRENT_PASSWORD_PER_ACCOUNT: ThrottleRule = {
  scope: 'current-password:account',
  limit: 5,
  windowSeconds: 15 * 60,
  message: 'Too many wrong passwords. Try again later.',
};
