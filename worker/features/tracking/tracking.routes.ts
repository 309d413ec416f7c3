// /api/v1/tracking: what the signed-in person follows, with preferences and (from their history) progress.
import { $, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { requestSyncDeps } from '../metadata/request-deps.ts';
import { cachedForPerson } from '../../lib/person-state.http.ts';
import { TIMELINE_EPOCH_KEY } from '../timeline/timeline.cache.ts';
import { TrackedShowSchema, TrackingListSchema, TrackResultSchema, TrackSchema, UpdateTrackingSchema } from './tracking.schemas.ts';
import { listTracking, toggleFavorite, trackShow, untrackShow, updateTracking } from './tracking.service.ts';

const deps = requestSyncDeps;

/** The list from the edge cache by the person's state version (lib/person-state.ts); a sync's epoch retires it too. */
const cachedList = (c: Context<AppEnv>, favoritesOnly: boolean) =>
  cachedForPerson(c, {
    name: favoritesOnly ? 'tracking:favorites' : 'tracking:all',
    ttlSeconds: 5 * 60,
    epochKey: TIMELINE_EPOCH_KEY,
    read: () => listTracking(c.var.db, c.var.userId, { favoritesOnly }),
  });

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const notTracked = { 404: errorResponse('Not tracked by you, or no such show.') };
const showParams = z.object({ show_id: UuidParam('show_id') });

// Generic, so each route keeps its own literal path in the app's type (AppType).
const listRoute = <P extends '/' | '/favorites'>(path: P, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['tracking'],
    summary,
    security,
    responses: { 200: jsonResponse(TrackingListSchema, 'Tracked shows, favorites first, with what airs next.'), ...errors },
  });

const trackRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['tracking'],
  summary: 'Track a show or movie (idempotent)',
  description: 'Starting to watch a title takes it off your watchlist, in the same transaction (`removed_from_watchlist`).',
  security,
  request: jsonBody(TrackSchema),
  responses: {
    201: jsonResponse(TrackResultSchema, 'Now tracked (and off your watchlist).'),
    200: jsonResponse(TrackResultSchema, 'Already tracked; the preferences sent are not applied. Off your watchlist either way.'),
    404: errorResponse('No such show.'),
    ...errors,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/{show_id}',
  tags: ['tracking'],
  summary: 'Change notification preferences or favorite',
  description: 'What you watched is recorded in your history (`/api/v1/history`), not here.',
  security,
  request: { params: showParams, ...jsonBody(UpdateTrackingSchema) },
  responses: { 200: jsonResponse(TrackedShowSchema, 'Updated.'), ...notTracked, ...errors },
});

const untrackRoute = createRoute({
  method: 'delete',
  path: '/{show_id}',
  tags: ['tracking'],
  summary: 'Stop tracking (pending notifications for it are dropped; your history of it stays)',
  security,
  request: { params: showParams },
  responses: { 204: { description: 'Untracked.' }, ...notTracked, ...errors },
});

const favoriteRoute = createRoute({
  method: 'post',
  path: '/{show_id}/favorite',
  tags: ['tracking'],
  summary: 'Toggle favorite',
  security,
  request: { params: showParams },
  responses: { 200: jsonResponse(TrackedShowSchema, 'The new state.'), ...notTracked, ...errors },
});

export const trackingRoutes = $(createRouter().use('*', requireUser))
  .openapi(listRoute('/', 'Everything the person tracks'), async (c) => c.json(await cachedList(c, false), 200))
  .openapi(listRoute('/favorites', 'Favorites only'), async (c) => c.json(await cachedList(c, true), 200))
  .openapi(trackRoute, async (c) => {
    const { tracked, created } = await trackShow(deps(c), c.var.userId, c.req.valid('json'));
    return c.json(tracked, created ? 201 : 200);
  })
  .openapi(updateRoute, async (c) =>
    c.json(await updateTracking(deps(c), c.var.userId, c.req.valid('param').show_id, c.req.valid('json')), 200),
  )
  .openapi(untrackRoute, async (c) => {
    await untrackShow(deps(c), c.var.userId, c.req.valid('param').show_id);
    return c.body(null, 204);
  })
  .openapi(favoriteRoute, async (c) => c.json(await toggleFavorite(deps(c), c.var.userId, c.req.valid('param').show_id), 200));
