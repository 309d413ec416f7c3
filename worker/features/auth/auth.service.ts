// Accounts and sessions: register, sign in, rotate and revoke refresh tokens.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { refreshTokens, users } from '../../db/schema/index.ts';
import { unauthorized } from '../../lib/errors.ts';
import { rethrowUserConflict, toUser } from '../users/users.service.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password.ts';
import {
  countAttempt,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_ADDRESS,
  REGISTER_PER_ACCOUNT,
  REGISTER_PER_ADDRESS,
  resetAttempts,
} from './throttle.ts';
import {
  hashRefreshToken,
  newRefreshToken,
  REFRESH_REUSE_GRACE_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
  signAccessToken,
} from './tokens.ts';

export interface SessionContext {
  jwtSecret: string;
  clientAddress: string;
  /** Per-address limits: REGISTER_RATE_LIMIT and LOGIN_RATE_LIMIT, as the config read them (defaults there). */
  addressLimits: { register: number; login: number };
  userAgent: string | undefined;
}

export interface Session {
  user: ReturnType<typeof toUser>;
  accessToken: string;
  refreshToken: string;
}

interface Family {
  familyId: string;
  /** The sign-in's time, carried from token to token (undefined: a new sign-in, now). */
  familyStartedAt?: Date;
}

async function issueRefreshToken(db: Db, userId: string, family: Family, userAgent: string | undefined) {
  const token = newRefreshToken();
  await db.insert(refreshTokens).values({
    userId,
    familyId: family.familyId,
    ...(family.familyStartedAt ? { familyStartedAt: family.familyStartedAt } : {}),
    tokenHash: await hashRefreshToken(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    userAgent: userAgent?.slice(0, 512) ?? null,
  });
  return token;
}

async function startSession(db: Db, user: typeof users.$inferSelect, context: SessionContext): Promise<Session> {
  const familyId = crypto.randomUUID();
  return {
    user: toUser(user),
    accessToken: await signAccessToken(user.id, context.jwtSecret, Date.now(), familyId),
    refreshToken: await issueRefreshToken(db, user.id, { familyId }, context.userAgent),
  };
}

export async function register(
  db: Db,
  input: { email: string; username: string; password: string; timezone?: string },
  context: SessionContext,
): Promise<Session> {
  await countAttempt(db, { ...REGISTER_PER_ADDRESS, limit: context.addressLimits.register }, context.clientAddress);
  await countAttempt(db, REGISTER_PER_ACCOUNT, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ email: input.email, username: input.username, passwordHash, timezone: input.timezone ?? 'UTC' })
      .returning();
    return await startSession(db, user!, context);
  } catch (error) {
    rethrowUserConflict(error);
  }
}

export async function login(
  db: Db,
  input: { email: string; password: string },
  context: SessionContext,
): Promise<Session> {
  await countAttempt(db, { ...LOGIN_PER_ADDRESS, limit: context.addressLimits.login }, context.clientAddress);
  await countAttempt(db, LOGIN_PER_ACCOUNT, input.email);
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  if (!user) {
    await burnPasswordCheck(input.password);
    throw unauthorized('Email or password is incorrect.', 'invalid_credentials');
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    throw unauthorized('Email or password is incorrect.', 'invalid_credentials');
  }
  await resetAttempts(db, LOGIN_PER_ACCOUNT, input.email);
  if (needsRehash(user.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, user.id));
  }
  return startSession(db, user, context);
}

/**
 * Rotates a refresh token. A token that was already used means it was copied:
 * the whole family (every token descended from that sign-in) is revoked,
 * unless it was used within REFRESH_REUSE_GRACE_SECONDS, which is the owner
 * racing themselves (two tabs, an aborted reload) and gets a sibling token.
 */
export async function refresh(db: Db, token: string, context: SessionContext): Promise<Session> {
  const tokenHash = await hashRefreshToken(token);
  const [claimed] = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId, familyStartedAt: refreshTokens.familyStartedAt });
  const grant = claimed ?? (await reuseWithinGrace(db, tokenHash));
  const [user] = await db.select().from(users).where(eq(users.id, grant.userId));
  if (!user) throw unauthorized('This account no longer exists.');
  return {
    user: toUser(user),
    accessToken: await signAccessToken(user.id, context.jwtSecret, Date.now(), grant.familyId),
    refreshToken: await issueRefreshToken(db, user.id, grant, context.userAgent),
  };
}

/**
 * A token that could not be claimed: the owner's second use within the grace
 * (granted, in the same family), a replay (the family revoked, 401), or a dead
 * token (401).
 */
async function reuseWithinGrace(db: Db, tokenHash: string): Promise<{ userId: string } & Required<Family>> {
  const [known] = await db
    .select({
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
      familyStartedAt: refreshTokens.familyStartedAt,
      usedAt: refreshTokens.usedAt,
      live: sql<boolean>`${refreshTokens.revokedAt} IS NULL AND ${refreshTokens.expiresAt} > now()`,
      withinGrace: sql<boolean>`${refreshTokens.usedAt} > now() - make_interval(secs => ${REFRESH_REUSE_GRACE_SECONDS})`,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash));
  if (known?.usedAt && known.live && known.withinGrace) return known;
  if (known?.usedAt && known.live) {
    await revokeFamily(db, known.familyId);
    throw unauthorized('This refresh token was already used; every session from that sign-in is now signed out.', 'refresh_token_reused');
  }
  throw unauthorized('The refresh token is invalid, expired or revoked. Sign in again.');
}

export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Ends the sign-in the token belongs to. Unknown tokens are ignored: logging out is idempotent. */
export async function logout(db: Db, token: string): Promise<void> {
  const [known] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await hashRefreshToken(token)));
  if (known) await revokeFamily(db, known.familyId);
}

