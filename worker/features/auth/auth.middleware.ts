// Guards routes that need a signed-in person: verifies the bearer access token
// and puts its user id on the context.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env.ts';
import { unauthorized } from '../../lib/errors.ts';
import { verifyAccessToken } from './tokens.ts';

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) throw unauthorized('Send an access token: "Authorization: Bearer <token>".');
  c.set('userId', await verifyAccessToken(match[1]!, c.var.config.JWT_SECRET));
  await next();
});
