// GET /api/v1/timeline | /today | /week | /upcoming: the signed-in person's
// events in their time zone.
import { $, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { authErrors, commonErrors, createRouter, jsonResponse } from '../../lib/openapi.ts';
import { jsonOnce } from '../../lib/json-once.ts';
import { atVersion, claimedVersion, personCacheDeps } from '../../lib/person-state.http.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { RangeQuerySchema, ShortcutQuerySchema, TimelineSchema } from './timeline.schemas.ts';
import { getTimeline } from './timeline.service.ts';
import { MAX_RANGE_DAYS, type TimelineView } from './timeline.window.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const ok = jsonResponse(TimelineSchema, 'The events, by local day; within a day all-day events first, then by start time.');

const COMMON =
  'Only shows you track, and the sessions of your catch-up plans (`catch_up`, PUT /api/v1/catch-up/{show_id}). Days are your local days in the time zone of your profile (PATCH /api/v1/me): a timed event is on the day its instant falls in your zone, an all-day event (only its day is known) on that day in every zone. Within a day, all-day events come first, then timed ones by start. `watched` says whether your history has a watch of the episode (or movie). Served from the edge cache by your state version: the answer\'s `X-ShowTracker-State` header says which version it reflects, and a request that sends back the highest version its device has seen is never answered from an older entry, so your own changes always show. Catalog changes from a sync show at once, changes from your other devices within about a minute.';

const rangeRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['timeline'],
  summary: 'Your events between two local days',
  description: `${COMMON}\n\n\`from\` defaults to your today and \`to\` to \`from\` + 30 days; both days are included, and the range may cover at most ${MAX_RANGE_DAYS} days. \`from\` after \`to\`, a longer range, an impossible day or an unknown type is a 400.`,
  security,
  request: { query: RangeQuerySchema },
  responses: { 200: ok, ...errors },
});

// Generic, so each route keeps its own literal path in the app's type (AppType).
const shortcut = <P extends '/today' | '/week' | '/upcoming'>(path: P, summary: string, detail: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['timeline'],
    summary,
    description: `${COMMON}\n\n${detail}`,
    security,
    request: { query: ShortcutQuerySchema },
    responses: { 200: ok, ...errors },
  });

const todayRoute = shortcut('/today', "Today's events", '`from` and `to` are your local today (23 or 25 hours long on a DST change).');
const weekRoute = shortcut(
  '/week',
  "This week's events",
  'This ISO week in your zone: Monday to Sunday, containing your local today; `from` is the Monday and `to` the Sunday.',
);
const upcomingRoute = shortcut(
  '/upcoming',
  'The next 30 days',
  'Timed events starting from now until now + 30 days, and all-day events from your today to the local day of now + 30 days; `from` and `to` are those local days. Events that already started today are left out.',
);

const view = async (c: Context<AppEnv>, request: TimelineView) =>
  atVersion(c, await getTimeline(personCacheDeps(c), c.var.userId, claimedVersion(c), request, new Date()));

export const timelineRoutes = $(createRouter().use('*', requireUser))
  .openapi(rangeRoute, async (c) => {
    const { from, to, type } = c.req.valid('query');
    return jsonOnce(c, await view(c, { kind: 'range', from, to, types: type }));
  })
  .openapi(todayRoute, async (c) => jsonOnce(c, await view(c, { kind: 'today', types: c.req.valid('query').type })))
  .openapi(weekRoute, async (c) => jsonOnce(c, await view(c, { kind: 'week', types: c.req.valid('query').type })))
  .openapi(upcomingRoute, async (c) => jsonOnce(c, await view(c, { kind: 'upcoming', types: c.req.valid('query').type })));
