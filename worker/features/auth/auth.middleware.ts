// Guards routes that need a signed-in person: verifies the bearer token and
// puts its user id on the context.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env.ts';
import { unauthorized } from '../../lib/errors.ts';
import { looksLikeActionToken, verifyAccessSession, verifyAccessToken, verifyActionToken, type PushAction } from './tokens.ts';

function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  if (!match) throw unauthorized('Send an access token: "Authorization: Bearer <token>".');
  return match[1]!;
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const { userId, sessionId } = await verifyAccessSession(bearerToken(c.req.header('Authorization')), c.var.config.JWT_SECRET);
  c.set('userId', userId);
  c.set('sessionId', sessionId);
  await next();
});

/**
 * For a push notification's action: the person's access token, or the action
 * token their push message carried, which is good only for this action on the
 * notification named by the path's `id`.
 */
export const requireUserOrActionToken = (action: PushAction) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    const secret = c.var.config.JWT_SECRET;
    c.set(
      'userId',
      looksLikeActionToken(token)
        ? await verifyActionToken(token, secret, { notificationId: c.req.param('id') ?? '', action })
        : await verifyAccessToken(token, secret),
    );
    await next();
  });
