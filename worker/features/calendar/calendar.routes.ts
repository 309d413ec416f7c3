// GET /api/v1/calendar/feed-url, POST /api/v1/calendar/feed-url/rotate (signed
// in), and the feed itself, GET /cal/{token}.ics, whose token is its only
// credential.
import { $, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { authErrors, commonErrors, createRouter, errorResponse, jsonResponse } from '../../lib/openapi.ts';
import { requestDataDeps } from '../metadata/request-deps.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import type { RenderedFeed } from './calendar.cache.ts';
import { FeedParamSchema, FeedQuerySchema, FeedUrlSchema } from './calendar.schemas.ts';
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK, getFeed, getFeedUrl, rotateFeedUrl } from './calendar.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const FEED_SUFFIX = '.ics';

const feedUrlRoute = createRoute({
  method: 'get',
  path: '/feed-url',
  tags: ['calendar'],
  summary: 'Your private calendar feed URL',
  description:
    'The address of your iCalendar feed (created on first request), as https, as webcal:// for Apple Calendar and Outlook, and as a Google Calendar add-by-URL link. The same URL every time until you rotate it. Anyone who has it can read your calendar, with no other sign-in.',
  security,
  responses: { 200: jsonResponse(FeedUrlSchema, 'The feed URL'), ...errors },
});

const rotateRoute = createRoute({
  method: 'post',
  path: '/feed-url/rotate',
  tags: ['calendar'],
  summary: 'Replace your calendar feed URL',
  description: 'Issues a new feed URL; the old one answers 404 from now on, so every calendar subscribed to it stops updating.',
  security,
  responses: { 200: jsonResponse(FeedUrlSchema, 'The new feed URL'), ...errors },
});

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;

export const calendarRoutes = $(createRouter().use('*', requireUser))
  .openapi(feedUrlRoute, async (c) =>
    c.json(await getFeedUrl(c.var.db, c.var.config.JWT_SECRET, c.var.userId, origin(c)), 200),
  )
  .openapi(rotateRoute, async (c) =>
    c.json(await rotateFeedUrl(c.var.db, c.var.config.JWT_SECRET, c.var.userId, origin(c)), 200),
  );

const feedRoute = createRoute({
  method: 'get',
  path: '/{feed}',
  tags: ['calendar'],
  summary: 'Your calendar feed (iCalendar)',
  description: `Subscribe to this URL (from GET /api/v1/calendar/feed-url); the token in it is the only credential. One event per timeline event of the shows you track, from ${FEED_DAYS_BACK} days back to ${FEED_DAYS_AHEAD} days ahead: timed events at their UTC instant, lasting the episode's runtime; date-only events as all-day events. UIDs stay the same across syncs; SEQUENCE and LAST-MODIFIED advance when an episode moves. Reminders (VALARM) follow each show's notify_hours_before where its notifications are on. With hide_spoilers on (PATCH /api/v1/me), an episode you have not watched has the show and episode code as its SUMMARY ("Severance S02E05") and no episode title or overview; the JSON API keeps them for the app to hide behind tap to reveal. Answers If-None-Match and If-Modified-Since with 304. An unknown, replaced or malformed token is a 404.`,
  request: { params: FeedParamSchema, query: FeedQuerySchema },
  responses: {
    200: { description: 'The calendar', content: { 'text/calendar': { schema: z.string() } } },
    304: { description: 'Not modified since the ETag / date the client has' },
    404: errorResponse('No feed at this address'),
    400: commonErrors[400],
    500: commonErrors[500],
  },
});

/** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only counts without it. */
function notModified(c: Context<AppEnv>, feed: RenderedFeed): boolean {
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === feed.etag);
  }
  const since = Date.parse(c.req.header('If-Modified-Since') ?? '');
  return !Number.isNaN(since) && feed.lastModified <= since;
}

export const feedRoutes = createRouter().openapi(feedRoute, async (c) => {
  const { feed: file } = c.req.valid('param');
  const query = c.req.valid('query');
  const token = file.endsWith(FEED_SUFFIX) ? file.slice(0, -FEED_SUFFIX.length) : '';
  const options = { types: query.types ?? null, favoritesOnly: query.favorites ?? false, alarms: query.alarms ?? true };
  const feed = await getFeed(requestDataDeps(c), token, options, origin(c), new Date());
  const headers = {
    ETag: feed.etag,
    'Last-Modified': new Date(feed.lastModified).toUTCString(),
    'Cache-Control': 'private, max-age=300',
    // The URL is a secret: keep it out of search engines and Referer headers.
    'X-Robots-Tag': 'noindex',
    'Referrer-Policy': 'no-referrer',
  };
  if (notModified(c, feed)) return c.body(null, 304, headers);
  return c.body(feed.body, 200, {
    ...headers,
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': 'inline; filename="showtracker.ics"',
  });
});
