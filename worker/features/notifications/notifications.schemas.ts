import { z } from '@hono/zod-openapi';
import { notifications } from '../../db/schema/index.ts';

const NOTIFICATION_STATUSES = notifications.status.enumValues;

export const InboxQuerySchema = z.object({
  status: z
    .enum(NOTIFICATION_STATUSES)
    .optional()
    .openapi({ description: 'Only this status. Without it: everything already due (sent, failed, read), newest first.' }),
  page: z.coerce.number().int('page is a whole number').min(1).max(10_000).default(1),
});

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string().openapi({
      description: 'For an episode, its title; the episode code instead when you hide spoilers and have not watched it.',
    }),
    status: z.enum(NOTIFICATION_STATUSES),
    event_type: z.string().nullable(),
    show_id: z.string().nullable(),
    url: z.string().nullable(),
    scheduled_for: z.string(),
    sent_at: z.string().nullable(),
    read_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Notification');

export const InboxSchema = z
  .object({
    page: z.number(),
    page_size: z.number(),
    has_more: z.boolean(),
    unread: z.number().openapi({
      description: 'Unread notifications on every page (the badge count), counted in the same snapshot as this page.',
    }),
    notifications: z.array(NotificationSchema),
  })
  .openapi('Inbox');

export const UnreadCountSchema = z.object({ unread: z.number() }).openapi('UnreadCount');

export const WatchedSchema = z
  .object({
    notification: NotificationSchema,
    progress: z
      .object({ show_id: z.uuid(), last_watched_season: z.number().nullable(), last_watched_episode: z.number().nullable() })
      .openapi({ description: 'Your progress on the show now, from your history: the episode, or a later one you had already watched.' }),
  })
  .openapi('Watched');
