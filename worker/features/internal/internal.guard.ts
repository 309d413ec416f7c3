// Every /api/internal/* route is for admins and services holding
// INTERNAL_API_TOKEN. Both sides are hashed before a constant-time compare,
// so neither the token's content nor its length leaks through timing.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env.ts';
import { ApiError } from '../../lib/errors.ts';

const encoder = new TextEncoder();
const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

export async function tokensMatch(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(presented), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const requireInternalToken = createMiddleware<AppEnv>(async (c, next) => {
  const presented = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!presented || !(await tokensMatch(presented, c.var.config.INTERNAL_API_TOKEN))) {
    throw new ApiError(401, 'unauthorized', 'This route needs the internal service token.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="internal"' },
    });
  }
  await next();
});
