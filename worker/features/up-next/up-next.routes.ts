// /api/v1/up-next: what to watch next of each show the signed-in person is
// watching, and the one-tap "watched" that answers the episode after it.
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requestDataDeps } from '../metadata/request-deps.ts';
import { cachedForPerson } from '../../lib/person-state.http.ts';
import { TIMELINE_EPOCH_KEY } from '../timeline/timeline.cache.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { MarkNextResultSchema, UpNextQuerySchema, UpNextSchema } from './up-next.schemas.ts';
import { listUpNext, markNextWatched } from './up-next.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['up-next'],
  summary: 'The next episode of each show you are watching',
  description:
    'Shows you track, and shows you watched in the last 90 days, where you have watched a regular-season episode and an aired one after your highest watched is left (`state: next`), most recently watched first. Shows you are caught up on appear only when their next season premieres within 7 days (`state: upcoming`). Episodes not aired yet are never offered. Paged: `limit` shows at a time, and `next_cursor` for the next page.',
  security,
  request: { query: UpNextQuerySchema },
  responses: { 200: jsonResponse(UpNextSchema, 'Your Up Next; `{ shows: [] }` when nothing is.'), ...errors },
});

const markNextRoute = createRoute({
  method: 'post',
  path: '/{show_id}/watched',
  tags: ['up-next'],
  summary: 'Mark the show’s next episode watched, and get the one after',
  description:
    'Records a watch, now, of the episode the show’s Up Next item offers (as POST /api/v1/history/episodes/{episode_id} does), and answers the show’s Up Next item after it.',
  security,
  request: { params: z.object({ show_id: UuidParam('show_id') }) },
  responses: {
    200: jsonResponse(MarkNextResultSchema, 'Marked; the show’s Up Next now.'),
    404: errorResponse('The show is not in your Up Next (or does not exist).'),
    409: errorResponse('You are caught up: the show is in your Up Next only for its premiere, which has not aired.'),
    ...errors,
  },
});


export const upNextRoutes = $(createRouter().use('*', requireUser))
  .openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    // From the edge cache by the person's state version (lib/person-state.ts): watching, tracking and syncs retire it,
    // and an episode airing shows within the entry's 5 minutes.
    const page = await cachedForPerson(c, {
      name: `up-next:${limit}:${c.req.query('cursor') ?? ''}`,
      ttlSeconds: 5 * 60,
      epochKey: TIMELINE_EPOCH_KEY,
      read: () => listUpNext(c.var.db, c.var.userId, { limit, after: cursor ?? null }),
    });
    return c.json(page, 200);
  })
  .openapi(markNextRoute, async (c) => c.json(await markNextWatched(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id), 200));
