// The notification inbox (docs/design.md#notification-inbox): history newest
// first, marking read (or watched: a watch of the episode goes into the
// person's history), and the unread badge count. Every query is scoped by the
// person's id: another person's notification is a 404.
//
// The count is read from Postgres on every request, never cached in KV. A KV
// copy "until invalidated" let the badge disagree with the inbox: KV is
// eventually consistent (a delete by the dispatcher, often elsewhere, is not
// seen at the person's location for up to a minute, and a count read there
// is cached again), and a count computed just before a read or a delivery
// and stored just after it outlived the delete that should have dropped it.
// Counting one person's unread rows is a lookup on their index.
//
// With hide spoilers on, a notification about an episode the person has not
// watched answers the episode code as its body instead of the episode's title
// (docs/design.md#spoilers), decided on each read (spoilers.ts).
import { and, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Db, Executor } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import { ApiError, conflict, notFound } from '../../lib/errors.ts';
import { markNotifiedEpisode } from '../history/history.service.ts';
import { episodeCode } from '../metadata/events.ts';
import type { NotificationSchema } from './notifications.schemas.ts';
import { spoilerIds } from './spoilers.ts';

const PAGE_SIZE = 30;
const UNREAD_STATUSES = ['sent', 'failed'] as const;

type Row = typeof notifications.$inferSelect;

type Notification = z.infer<typeof NotificationSchema>;

/** `hidden`: the body is the episode's title, which the person does not want to see yet. */
function toNotification(row: Row, hidden: boolean): Notification {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const episode = hidden ? episodeOf(row) : null;
  return {
    id: row.id,
    title: row.title,
    body: episode ? episodeCode(episode.season, episode.episode) : row.body,
    status: row.status,
    event_type: text(payload.event_type),
    show_id: text(payload.show_id),
    url: text(payload.url),
    scheduled_for: row.scheduledFor.toISOString(),
    sent_at: row.sentAt?.toISOString() ?? null,
    read_at: row.readAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** The rows as the person may see them now. */
async function present(db: Executor, rows: Row[]): Promise<Notification[]> {
  const hidden = await spoilerIds(db, rows.map((row) => row.id));
  return rows.map((row) => toNotification(row, hidden.has(row.id)));
}

async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.status, [...UNREAD_STATUSES])));
  return row?.unread ?? 0;
}

export async function listInbox(db: Db, userId: string, input: { status?: Row['status']; page: number }) {
  const filter = input.status
    ? eq(notifications.status, input.status)
    : and(inArray(notifications.status, ['sent', 'failed', 'read']), lte(notifications.scheduledFor, sql`now()`));
  // One snapshot for the page and the count: a delivery or a read between two
  // separate statements would make the badge the PWA takes from this answer
  // disagree with the rows it lists.
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), filter))
        .orderBy(desc(notifications.scheduledFor), desc(notifications.createdAt))
        .limit(PAGE_SIZE + 1)
        .offset((input.page - 1) * PAGE_SIZE);
      return {
        page: input.page,
        page_size: PAGE_SIZE,
        has_more: rows.length > PAGE_SIZE,
        unread: await countUnread(tx, userId),
        notifications: await present(tx, rows.slice(0, PAGE_SIZE)),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The episode a notification is about, or null (a movie, a status change). */
export function episodeOf(row: Pick<Row, 'payload'>): { showId: string; season: number; episode: number } | null {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const { show_id: showId, season_number: season, episode_number: episode } = payload;
  if (typeof showId !== 'string' || !Number.isInteger(season) || !Number.isInteger(episode)) return null;
  return { showId, season: season as number, episode: episode as number };
}

/** The person's own notification, already sent; 404 for anyone else's, so ids reveal nothing. */
async function sentOne(db: Db, userId: string, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw notFound('No such notification.');
  if (row.status === 'pending') throw conflict('This notification has not been sent yet.');
  return row;
}

async function markRowRead(db: Db, row: Row): Promise<Notification> {
  if (row.status === 'read') return (await present(db, [row]))[0]!;
  const [updated] = await db
    .update(notifications)
    .set({ status: 'read', readAt: sql`now()` })
    .where(and(eq(notifications.id, row.id), eq(notifications.userId, row.userId)))
    .returning();
  return (await present(db, [updated!]))[0]!;
}

export async function markRead(db: Db, userId: string, id: string) {
  return markRowRead(db, await sentOne(db, userId, id));
}

/**
 * "Watched" from a notification (its push action, or the inbox): a watch of
 * the notification's episode (source push; none added when it was already
 * watched), and the notification is read. Answers the progress on the show,
 * derived from the history. Idempotent.
 */
export async function markWatched(deps: { db: Db; cache: KVNamespace }, userId: string, id: string) {
  const row = await sentOne(deps.db, userId, id);
  const episode = episodeOf(row);
  if (!episode) {
    throw new ApiError(422, 'not_an_episode', 'This notification is not about an episode, so there is nothing to mark watched.');
  }
  const progress = await markNotifiedEpisode(deps, userId, episode);
  return { notification: await markRowRead(deps.db, row), progress: { show_id: episode.showId, ...progress } };
}

export async function markAllRead(db: Db, userId: string): Promise<{ marked: number }> {
  const updated = await db
    .update(notifications)
    .set({ status: 'read', readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), inArray(notifications.status, [...UNREAD_STATUSES])))
    .returning({ id: notifications.id });
  return { marked: updated.length };
}

export async function unreadCount(db: Db, userId: string): Promise<{ unread: number }> {
  return { unread: await countUnread(db, userId) };
}
