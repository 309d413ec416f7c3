// /api/v1/watchlist: what the signed-in person wants to watch later, apart
// from what they track. Tracking a title takes it off.
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { requestSyncDeps } from '../metadata/request-deps.ts';
import {
  AddToWatchlistSchema,
  UpdateWatchlistItemSchema,
  WatchlistItemSchema,
  WatchlistQuerySchema,
  WatchlistSchema,
  WatchlistStatusSchema,
} from './watchlist.schemas.ts';
import { addToWatchlist, listWatchlist, removeFromWatchlist, updateWatchlistNote, watchlistStatus } from './watchlist.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const notOnList = { 404: errorResponse('Not on your watchlist, or no such show.') };
const showParams = z.object({ show_id: UuidParam('show_id') });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['watchlist'],
  summary: 'Your watchlist, newest first',
  security,
  request: { query: WatchlistQuerySchema },
  responses: { 200: jsonResponse(WatchlistSchema, 'What you want to watch later, the latest addition first.'), ...errors },
});

const addRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['watchlist'],
  summary: 'Put a show or movie on your watchlist (idempotent)',
  description:
    'A title found by search is fetched as tracking fetches it. Adding a title already on the list changes nothing (its note included) and answers 200 with the item as it is.',
  security,
  request: jsonBody(AddToWatchlistSchema),
  responses: {
    201: jsonResponse(WatchlistItemSchema, 'Now on your watchlist.'),
    200: jsonResponse(WatchlistItemSchema, 'Already on your watchlist; nothing changed.'),
    404: errorResponse('No such show.'),
    ...errors,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/{show_id}',
  tags: ['watchlist'],
  summary: 'Whether one show or movie is on your watchlist',
  security,
  request: { params: showParams },
  responses: {
    200: jsonResponse(WatchlistStatusSchema, 'On your list or not; the note and when it was added when it is.'),
    404: errorResponse('No such show.'),
    ...errors,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/{show_id}',
  tags: ['watchlist'],
  summary: "Change an item's note",
  security,
  request: { params: showParams, ...jsonBody(UpdateWatchlistItemSchema) },
  responses: { 200: jsonResponse(WatchlistItemSchema, 'Updated.'), ...notOnList, ...errors },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/{show_id}',
  tags: ['watchlist'],
  summary: 'Take a show or movie off your watchlist',
  security,
  request: { params: showParams },
  responses: { 204: { description: 'Removed.' }, ...notOnList, ...errors },
});

export const watchlistRoutes = $(createRouter().use('*', requireUser))
  .openapi(listRoute, async (c) => c.json(await listWatchlist(c.var.db, c.var.userId, c.req.valid('query')), 200))
  .openapi(addRoute, async (c) => {
    const { item, created } = await addToWatchlist(requestSyncDeps(c), c.var.userId, c.req.valid('json'));
    return c.json(item, created ? 201 : 200);
  })
  .openapi(statusRoute, async (c) => c.json(await watchlistStatus(c.var.db, c.var.userId, c.req.valid('param').show_id), 200))
  .openapi(updateRoute, async (c) =>
    c.json(await updateWatchlistNote(c.var.db, c.var.userId, c.req.valid('param').show_id, c.req.valid('json').note), 200),
  )
  .openapi(removeRoute, async (c) => {
    await removeFromWatchlist(c.var.db, c.var.userId, c.req.valid('param').show_id);
    return c.body(null, 204);
  });
