// /api/v1/stats: what the signed-in person watched, counted: episodes and
// movies, time, by month in their zone and by genre.
import { $, createRoute } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, jsonResponse } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { StatsQuerySchema, StatsSchema } from './stats.schemas.ts';
import { watchStats } from './stats.service.ts';

const statsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['stats'],
  summary: 'Your watching statistics',
  description:
    'From your watch history: episode and movie watches (rewatches included) and how many different ones, time watched, by month in your time zone and by genre. `from` and `to` are local days, included; without them, your whole history, watches with no day included in the totals.',
  security: [{ bearer: [] }],
  request: { query: StatsQuerySchema },
  responses: { 200: jsonResponse(StatsSchema, 'Your statistics.'), ...authErrors, ...commonErrors },
});

export const statsRoutes = $(createRouter().use('*', requireUser)).openapi(statsRoute, async (c) =>
  c.json(await watchStats(c.var.db, c.var.userId, c.req.valid('query')), 200),
);
