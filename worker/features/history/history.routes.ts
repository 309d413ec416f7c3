// /api/v1/history: what the signed-in person watched, one watch per row:
// marking episodes, seasons, whole shows, "up to here" and movies, unmarking,
// editing and removing a watch, the history itself and one show's state.
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { requestDataDeps, requestSyncDeps } from '../metadata/request-deps.ts';
import { resolveShow } from '../shows/shows.service.ts';
import {
  DeleteShowHistorySchema,
  EditWatchSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  MarkResultSchema,
  MarkSchema,
  MarkUpToSchema,
  RemovedSchema,
  UnmarkResultSchema,
  WatchSchema,
  WatchStateSchema,
} from './history.schemas.ts';
import {
  deleteShowHistory,
  editWatch,
  listHistory,
  markEpisode,
  markMany,
  markMovie,
  removeWatch,
  unmarkEpisode,
  watchState,
} from './history.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const episodeParams = z.object({ episode_id: UuidParam('episode_id') });
const showParams = z.object({ show_id: UuidParam('show_id') });
const watchParams = z.object({ watch_id: UuidParam('watch_id') });
const notAired = { 422: errorResponse('`not_aired`: it has not aired (or been released) yet; the message says when it does.') };

/** A body that may be left out entirely: `{}` then, so `now`, not a rewatch. */
const optionalBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: false },
});

const WHEN =
  'When: `now` unless the body says otherwise (`when`: `air_time` or `unknown`, or `watched_at`, an instant, or `watched_on`, a day; never in the future).';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['history'],
  summary: 'Your watches, newest first',
  description: 'Newest first by when you watched (an instant, else the day); watches whose day is unknown come last. 50 a page.',
  security,
  request: { query: HistoryQuerySchema },
  responses: { 200: jsonResponse(HistoryPageSchema, 'A page of 50.'), ...errors },
});

const markEpisodeRoute = createRoute({
  method: 'post',
  path: '/episodes/{episode_id}',
  tags: ['history'],
  summary: 'Mark one episode watched',
  description: `${WHEN} Already watched: nothing is added and your latest watch answers (200), unless \`rewatch\` is true. Your pending notifications for the episode are dropped.`,
  security,
  request: { params: episodeParams, ...optionalBody(MarkSchema) },
  responses: {
    201: jsonResponse(WatchSchema, 'Recorded.'),
    200: jsonResponse(WatchSchema, 'Already watched; nothing added. Your latest watch of it.'),
    404: errorResponse('No such episode.'),
    ...notAired,
    ...errors,
  },
});

const unmarkEpisodeRoute = createRoute({
  method: 'delete',
  path: '/episodes/{episode_id}',
  tags: ['history'],
  summary: 'Unmark one episode (every watch of it goes)',
  security,
  request: { params: episodeParams },
  responses: {
    200: jsonResponse(UnmarkResultSchema, 'How many watches went (0 when it was not watched), and your progress now.'),
    404: errorResponse('No such episode.'),
    ...errors,
  },
});

const MANY =
  'One statement over the episodes: only those that have aired are marked (how many were not, and when the next airs, is in `not_aired` and `notice`; that is not an error), and, unless `rewatch` is true, only those you have not watched. Your pending notifications for them are dropped.';

const markShowRoute = createRoute({
  method: 'post',
  path: '/shows/{show_id}',
  tags: ['history'],
  summary: 'Mark a whole show watched (its regular seasons)',
  description: `${MANY} ${WHEN} \`air_time\` gives each episode its own.`,
  security,
  request: { params: showParams, ...optionalBody(MarkSchema) },
  responses: {
    200: jsonResponse(MarkResultSchema, 'What was marked and skipped.'),
    404: errorResponse('No such show.'),
    ...errors,
  },
});

const markSeasonRoute = createRoute({
  method: 'post',
  path: '/shows/{show_id}/seasons/{season_number}',
  tags: ['history'],
  summary: 'Mark a whole season watched',
  description: `${MANY} ${WHEN}`,
  security,
  request: {
    params: showParams.extend({
      season_number: z.coerce
        .number()
        .int('season numbers are whole numbers')
        .min(0)
        .max(10_000)
        .openapi({ param: { name: 'season_number', in: 'path' } }),
    }),
    ...optionalBody(MarkSchema),
  },
  responses: {
    200: jsonResponse(MarkResultSchema, 'What was marked and skipped.'),
    404: errorResponse('No such show, or no such season of it.'),
    ...errors,
  },
});

const markUpToRoute = createRoute({
  method: 'post',
  path: '/shows/{show_id}/up-to',
  tags: ['history'],
  summary: 'Mark watched everything up to an episode',
  description: `Every regular-season episode up to and including \`season_number\` × \`episode_number\` (up to a special, season 0: the specials up to it). ${MANY} ${WHEN}`,
  security,
  request: { params: showParams, ...jsonBody(MarkUpToSchema) },
  responses: {
    200: jsonResponse(MarkResultSchema, 'What was marked and skipped.'),
    404: errorResponse('No such show.'),
    ...errors,
  },
});

const stateRoute = createRoute({
  method: 'get',
  path: '/shows/{show_id}',
  tags: ['history'],
  summary: "What you watched of one show or movie (for its page)",
  description: 'Each episode you watched, with how many times and when last; for a movie, its plays. One indexed query.',
  security,
  request: { params: showParams },
  responses: { 200: jsonResponse(WatchStateSchema, 'Your watched state.'), 404: errorResponse('No such show.'), ...errors },
});

const deleteShowRoute = createRoute({
  method: 'delete',
  path: '/shows/{show_id}',
  tags: ['history'],
  summary: "Delete your whole history of one show or movie",
  description:
    'Deletes every watch of it, for good, only when the body is `{ "confirm": true }`; without it nothing is deleted and the 400 says how many watches would be. Tracking is not affected.',
  security,
  request: { params: showParams, ...optionalBody(DeleteShowHistorySchema) },
  responses: {
    200: jsonResponse(RemovedSchema, 'Deleted.'),
    404: errorResponse('No such show.'),
    ...errors,
    400: errorResponse('Not confirmed (the message says what would be deleted), or a malformed request.'),
  },
});

const markMovieRoute = createRoute({
  method: 'post',
  path: '/movies/{show_id}',
  tags: ['history'],
  summary: 'Mark a movie watched',
  description: `${WHEN} \`air_time\` is its release day. Already watched: nothing is added and your latest watch answers (200), unless \`rewatch\` is true.`,
  security,
  request: { params: showParams, ...optionalBody(MarkSchema) },
  responses: {
    201: jsonResponse(WatchSchema, 'Recorded.'),
    200: jsonResponse(WatchSchema, 'Already watched; nothing added. Your latest watch of it.'),
    404: errorResponse('No such movie.'),
    ...notAired,
    ...errors,
  },
});

const editRoute = createRoute({
  method: 'patch',
  path: '/watches/{watch_id}',
  tags: ['history'],
  summary: 'Change when a watch happened',
  description: 'One of `when` (`now`, `air_time`, `unknown`), `watched_at` (an instant) or `watched_on` (a day).',
  security,
  request: { params: watchParams, ...jsonBody(EditWatchSchema) },
  responses: { 200: jsonResponse(WatchSchema, 'The watch now.'), 404: errorResponse('No such watch of yours.'), ...errors },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/watches/{watch_id}',
  tags: ['history'],
  summary: 'Remove one watch',
  security,
  request: { params: watchParams },
  responses: { 204: { description: 'Removed.' }, 404: errorResponse('No such watch of yours.'), ...errors },
});


export const historyRoutes = $(createRouter().use('*', requireUser))
  .openapi(listRoute, async (c) => c.json(await listHistory(c.var.db, c.var.userId, c.req.valid('query')), 200))
  .openapi(markEpisodeRoute, async (c) => {
    const { watch, created } = await markEpisode(requestDataDeps(c), c.var.userId, c.req.valid('param').episode_id, c.req.valid('json'));
    return c.json(watch, created ? 201 : 200);
  })
  .openapi(unmarkEpisodeRoute, async (c) => c.json(await unmarkEpisode(requestDataDeps(c), c.var.userId, c.req.valid('param').episode_id), 200))
  .openapi(markShowRoute, async (c) =>
    c.json(await markMany(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id, { kind: 'show' }, c.req.valid('json')), 200),
  )
  .openapi(markSeasonRoute, async (c) => {
    const { show_id: showId, season_number: season } = c.req.valid('param');
    return c.json(await markMany(requestDataDeps(c), c.var.userId, showId, { kind: 'season', season }, c.req.valid('json')), 200);
  })
  .openapi(markUpToRoute, async (c) => {
    const { season_number: season, episode_number: episode, ...input } = c.req.valid('json');
    return c.json(await markMany(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id, { kind: 'up_to', season, episode }, input), 200);
  })
  .openapi(stateRoute, async (c) => c.json(await watchState(c.var.db, c.var.userId, c.req.valid('param').show_id), 200))
  .openapi(deleteShowRoute, async (c) =>
    c.json(await deleteShowHistory(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id, c.req.valid('json').confirm), 200),
  )
  .openapi(markMovieRoute, async (c) => {
    const showId = c.req.valid('param').show_id;
    // A movie marked straight from search has only search's fields: its details (the runtime
    // the statistics count, the release day "aired" is judged by) are fetched first, once.
    await resolveShow(requestSyncDeps(c), showId, 'history');
    const { watch, created } = await markMovie(requestDataDeps(c), c.var.userId, showId, c.req.valid('json'));
    return c.json(watch, created ? 201 : 200);
  })
  .openapi(editRoute, async (c) => c.json(await editWatch(requestDataDeps(c), c.var.userId, c.req.valid('param').watch_id, c.req.valid('json')), 200))
  .openapi(removeRoute, async (c) => {
    await removeWatch(requestDataDeps(c), c.var.userId, c.req.valid('param').watch_id);
    return c.body(null, 204);
  });
