// Sessions: each sign-in is a refresh-token family, alive while it has a
// token that is unused, unrevoked and unexpired (its head). Every query is
// scoped by the signed-in person's id; another person's session is a 404.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { refreshTokens } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import { describeUserAgent } from './user-agent.ts';

const live = (userId: string) =>
  and(eq(refreshTokens.userId, userId), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, sql`now()`));

/** The person's live sessions, the most recently used first; `current` marks the one the access token belongs to. */
export async function listSessions(db: Db, userId: string, currentSessionId: string | undefined) {
  // A head's creation is the family's last refresh; two heads (the reuse grace) count once, the newest.
  const heads = await db
    .selectDistinctOn([refreshTokens.familyId], {
      id: refreshTokens.familyId,
      startedAt: refreshTokens.familyStartedAt,
      lastUsedAt: refreshTokens.createdAt,
      userAgent: refreshTokens.userAgent,
    })
    .from(refreshTokens)
    .where(live(userId))
    .orderBy(refreshTokens.familyId, desc(refreshTokens.createdAt));
  return heads
    .sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())
    .map((head) => ({
      id: head.id,
      created_at: head.startedAt.toISOString(),
      last_used_at: head.lastUsedAt.toISOString(),
      user_agent: head.userAgent,
      label: describeUserAgent(head.userAgent),
      current: head.id === currentSessionId,
    }));
}

/**
 * Signs one session out; 404 when the person has no such live session. The
 * whole family is revoked, used tokens too, so none of them can still be
 * presented within the reuse grace for a sibling.
 */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<void> {
  const [head] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(live(userId), eq(refreshTokens.familyId, sessionId)))
    .limit(1);
  if (!head) throw notFound('No such session.');
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), eq(refreshTokens.familyId, sessionId), isNull(refreshTokens.revokedAt)));
}

/** Signs out every session of the person, this one included. */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
