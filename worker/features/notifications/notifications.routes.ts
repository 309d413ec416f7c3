// /api/v1/notifications: the person's notification history, unread badge, and
// "watched" from a notification (which a push message's action token allows).
import { createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requestDataDeps } from '../metadata/request-deps.ts';
import { cachedForPerson } from '../../lib/person-state.http.ts';
import { requireUser, requireUserOrActionToken } from '../auth/auth.middleware.ts';
import { InboxQuerySchema, InboxSchema, NotificationSchema, UnreadCountSchema, WatchedSchema } from './notifications.schemas.ts';
import { listInbox, markAllRead, markRead, markWatched, unreadCount } from './notifications.service.ts';

const security = [{ bearer: [] }];
const accessOrActionToken: Record<string, string[]>[] = [{ bearer: [] }, { pushAction: [] }];
const errors = { ...authErrors, ...commonErrors };
// Per route, not router-wide: the watched route takes an action token too.
const middleware = requireUser;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['notifications'],
  summary: 'Notification history, newest first',
  description:
    'With hide_spoilers on (PATCH /api/v1/me), a notification about an episode you have not watched has the episode code (S02E05) ' +
    'as its body instead of the episode title, including notifications stored before the setting was turned on; with it off, or ' +
    'once the episode is watched, the title is back. Push messages leave the title out the same way.',
  middleware,
  security,
  request: { query: InboxQuerySchema },
  responses: { 200: jsonResponse(InboxSchema, 'A page of 30.'), ...errors },
});

const readRoute = createRoute({
  method: 'patch',
  path: '/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one notification read',
  middleware,
  security,
  request: { params: z.object({ id: UuidParam('id') }) },
  responses: {
    200: jsonResponse(NotificationSchema, 'Marked read (idempotent).'),
    404: errorResponse('No such notification of yours.'),
    409: errorResponse('Not sent yet.'),
    ...errors,
  },
});

const readAllRoute = createRoute({
  method: 'post',
  path: '/read-all',
  tags: ['notifications'],
  summary: 'Mark every notification read',
  middleware,
  security,
  responses: { 200: jsonResponse(z.object({ marked: z.number() }), 'How many changed.'), ...errors },
});

const unreadRoute = createRoute({
  method: 'get',
  path: '/unread-count',
  tags: ['notifications'],
  summary: 'The unread badge count',
  middleware,
  security,
  responses: { 200: jsonResponse(UnreadCountSchema, 'Counted now, so it agrees with the inbox.'), ...errors },
});

const watchedRoute = createRoute({
  method: 'post',
  path: '/{id}/watched',
  tags: ['notifications'],
  summary: "Mark a notification's episode watched (and the notification read)",
  description:
    "Records a watch of the notification's episode in your history (source `push`; nothing is added when you already watched it) and marks the notification read; `progress` is your highest watched episode of the show after it. Idempotent, and whether you still track the show or not. Takes your access token, or the `actions_token` of the push message, which is good for 14 days for this action on this notification only; the service worker sends it with no body.",
  security: accessOrActionToken,
  middleware: requireUserOrActionToken('watched'),
  request: { params: z.object({ id: UuidParam('id') }) },
  responses: {
    200: jsonResponse(WatchedSchema, 'Watched, and read.'),
    401: errorResponse('Missing, invalid or expired token, or an action token for another notification.'),
    404: errorResponse('No such notification of yours, or its episode is no longer listed.'),
    409: errorResponse('Not sent yet.'),
    422: errorResponse('`not_an_episode`: the notification is about a movie or a status change; `not_aired`: the episode has not aired yet.'),
    ...commonErrors,
  },
});

export const notificationsRoutes = createRouter()
  .openapi(unreadRoute, async (c) =>
    c.json(
      await cachedForPerson(c, {
        name: 'unread-count',
        ttlSeconds: 60,
        read: () => unreadCount(c.var.db, c.var.userId),
      }),
      200,
    ),
  )
  .openapi(readAllRoute, async (c) => c.json(await markAllRead(c.var.db, c.var.userId), 200))
  .openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    // From the edge cache by the person's state version (lib/person-state.ts); a push sent moves their version on.
    const inbox = await cachedForPerson(c, {
      name: `notifications:${query.status ?? 'delivered'}:${query.page}`,
      ttlSeconds: 60,
      read: () => listInbox(c.var.db, c.var.userId, query),
    });
    return c.json(inbox, 200);
  })
  .openapi(readRoute, async (c) => c.json(await markRead(c.var.db, c.var.userId, c.req.valid('param').id), 200))
  .openapi(watchedRoute, async (c) =>
    c.json(await markWatched(requestDataDeps(c), c.var.userId, c.req.valid('param').id), 200),
  );

notificationsRoutes.openAPIRegistry.registerComponent('securitySchemes', 'pushAction', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "A push message's actions_token (typ action+jwt): one action on one notification, for 14 days.",
});
