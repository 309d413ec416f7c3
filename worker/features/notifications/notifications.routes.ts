// /api/v1/notifications: the person's notification history and unread badge.
import { createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { InboxQuerySchema, InboxSchema, NotificationSchema, UnreadCountSchema } from './notifications.schemas.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './notifications.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['notifications'],
  summary: 'Notification history, newest first',
  security,
  request: { query: InboxQuerySchema },
  responses: { 200: jsonResponse(InboxSchema, 'A page of 30.'), ...errors },
});

const readRoute = createRoute({
  method: 'patch',
  path: '/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one notification read',
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
  security,
  responses: { 200: jsonResponse(z.object({ marked: z.number() }), 'How many changed.'), ...errors },
});

const unreadRoute = createRoute({
  method: 'get',
  path: '/unread-count',
  tags: ['notifications'],
  summary: 'The unread badge count',
  security,
  responses: { 200: jsonResponse(UnreadCountSchema, 'Cached until something changes it.'), ...errors },
});

export const notificationsRoutes = createRouter();
notificationsRoutes.use('*', requireUser);
notificationsRoutes
  .openapi(unreadRoute, async (c) => c.json(await unreadCount(c.var.db, c.env.CACHE, c.var.userId), 200))
  .openapi(readAllRoute, async (c) => c.json(await markAllRead(c.var.db, c.env.CACHE, c.var.userId), 200))
  .openapi(listRoute, async (c) => c.json(await listInbox(c.var.db, c.var.userId, c.req.valid('query')), 200))
  .openapi(readRoute, async (c) => c.json(await markRead(c.var.db, c.env.CACHE, c.var.userId, c.req.valid('param').id), 200));
