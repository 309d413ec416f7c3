// /api/v1/catch-up/{show_id}: the catch-up planner (issue 12). How many
// episodes a week close the gap to a day (the next season's premiere, or one
// picked), the sessions that does it, and the saved plan whose sessions go
// on the timeline and in the calendar feed.
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requestDataDeps } from '../metadata/request-deps.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { CatchUpPlanInputSchema, CatchUpQuerySchema, CatchUpSchema } from './catch-up.schemas.ts';
import { deletePlan, getCatchUp, savePlan } from './catch-up.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const params = z.object({ show_id: UuidParam('show_id') });
const noShow = { 404: errorResponse('No TV show with this id.') };
const noTarget = {
  422: errorResponse(
    '`no_target_date`: episodes are left and no day to be ready by is known (no premiere date for the next season, and none picked), or the day is not after your today, or more than 730 days away. Pick one with `by`.',
  ),
};

const HOW =
  'Episodes left are the aired regular-season episodes after your highest watched one, as Up Next counts them (a show you have not started counts from its first). Days are your local days in the time zone of your profile. Sessions run from your today up to the day before the target, on the chosen weekdays, and share the episodes out evenly; episodes a week is the episodes left over the days left, times 7, rounded up.';

const getRoute = createRoute({
  method: 'get',
  path: '/{show_id}',
  tags: ['catch-up'],
  summary: 'How many episodes a week to be caught up on a show by a day',
  description: `${HOW}\n\nThe day is \`by\`, else your saved plan's, else the next season's premiere. The weekdays are \`weekdays\` (or \`per_week\`), else your plan's, else every day. Answers the same whether or not you track the show; your plan, if any, is in \`plan\`.`,
  security,
  request: { params, query: CatchUpQuerySchema },
  responses: { 200: jsonResponse(CatchUpSchema, 'The catch-up; `episodes_left: 0` and no sessions when you are caught up.'), ...noShow, ...noTarget, ...errors },
});

const putRoute = createRoute({
  method: 'put',
  path: '/{show_id}',
  tags: ['catch-up'],
  summary: 'Save your catch-up plan for a show',
  description: `Replaces your plan for the show. Its sessions are on your timeline and in your calendar feed as \`catch_up\` events ("Catch up: S01E04–S01E06"), recomputed from your history on every read: mark episodes watched and the later sessions shift. With \`by\` null or absent the plan follows the next season's premiere.\n\n${HOW}`,
  security,
  request: { params, ...jsonBody(CatchUpPlanInputSchema) },
  responses: { 200: jsonResponse(CatchUpSchema, 'Saved; the catch-up the plan makes.'), ...noShow, ...noTarget, ...errors },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{show_id}',
  tags: ['catch-up'],
  summary: 'Remove your catch-up plan for a show',
  description: 'Its sessions leave your timeline and calendar feed.',
  security,
  request: { params },
  responses: { 204: { description: 'Removed.' }, 404: errorResponse('You have no plan for this show.'), ...errors },
});


export const catchUpRoutes = $(createRouter().use('*', requireUser))
  .openapi(getRoute, async (c) =>
    c.json(await getCatchUp(c.var.db, c.var.userId, c.req.valid('param').show_id, c.req.valid('query'), new Date()), 200),
  )
  .openapi(putRoute, async (c) =>
    c.json(await savePlan(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id, c.req.valid('json'), new Date()), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await deletePlan(requestDataDeps(c), c.var.userId, c.req.valid('param').show_id);
    return c.body(null, 204);
  });
