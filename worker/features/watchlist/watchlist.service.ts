// The watchlist: titles a person wants to watch later, apart from what they
// track (docs/design.md#watchlist). Adding resolves the title as tracking
// does; starting to watch it takes it off the list (leave-watchlist.ts).
// Every query is scoped by the person's id.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { shows, watchlistItems } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import type { MediaType } from '../metadata/providers/types.ts';
import { toShowSummary } from '../shows/shows.presenter.ts';
import { resolveShow, type CatalogDeps } from '../shows/shows.service.ts';
import { leaveWatchlist } from './leave-watchlist.ts';
import type { AddToWatchlistSchema, WatchlistItemSchema, WatchlistStatusSchema } from './watchlist.schemas.ts';

type ItemRow = typeof watchlistItems.$inferSelect;
type ShowRow = typeof shows.$inferSelect;

const NOT_ON_WATCHLIST = 'This title is not on your watchlist.';

const present = (item: ItemRow, show: ShowRow): z.infer<typeof WatchlistItemSchema> => ({
  show: toShowSummary(show),
  note: item.note,
  added_at: item.addedAt.toISOString(),
});

/** An empty (or all-space) note is no note. */
const noteValue = (note: string | null | undefined) => note || null;

const mine = (userId: string, showId: string) => and(eq(watchlistItems.userId, userId), eq(watchlistItems.showId, showId));

export async function listWatchlist(db: Db, userId: string, options: { type: MediaType | 'all' }) {
  const rows = await db
    .select({ item: watchlistItems, show: shows })
    .from(watchlistItems)
    .innerJoin(shows, eq(shows.id, watchlistItems.showId))
    .where(and(eq(watchlistItems.userId, userId), options.type === 'all' ? undefined : eq(shows.mediaType, options.type)))
    .orderBy(desc(watchlistItems.addedAt), desc(watchlistItems.id));
  return { results: rows.map((row) => present(row.item, row.show)) };
}

async function itemOf(db: Db, userId: string, showId: string) {
  const [row] = await db
    .select({ item: watchlistItems, show: shows })
    .from(watchlistItems)
    .innerJoin(shows, eq(shows.id, watchlistItems.showId))
    .where(mine(userId, showId));
  return row ? present(row.item, row.show) : undefined;
}

/** Puts a title on the list; adding it again changes nothing and answers with the item as it is. */
export async function addToWatchlist(deps: CatalogDeps, userId: string, input: z.infer<typeof AddToWatchlistSchema>) {
  const show = await resolveShow(deps, input.show_id, 'watchlist');
  const inserted = await deps.db
    .insert(watchlistItems)
    .values({ userId, showId: show.id, note: noteValue(input.note) })
    .onConflictDoNothing({ target: [watchlistItems.userId, watchlistItems.showId] })
    .returning({ id: watchlistItems.id });
  // Read back with the show as it is now: resolving it may have just fetched its details.
  const item = await itemOf(deps.db, userId, show.id);
  // Only when a concurrent remove (or tracking) took it off between the two statements.
  if (!item) throw notFound(NOT_ON_WATCHLIST);
  return { item, created: inserted.length > 0 };
}

/** Whether one title is on the person's list, for a show page: 404 only when there is no such title. */
export async function watchlistStatus(db: Db, userId: string, showId: string): Promise<z.infer<typeof WatchlistStatusSchema>> {
  const [row] = await db
    .select({ id: shows.id, item: watchlistItems })
    .from(shows)
    .leftJoin(watchlistItems, and(eq(watchlistItems.showId, shows.id), eq(watchlistItems.userId, userId)))
    .where(eq(shows.id, showId));
  if (!row) throw notFound('No show or movie with this id.');
  return {
    show_id: row.id,
    on_watchlist: row.item !== null,
    note: row.item?.note ?? null,
    added_at: row.item?.addedAt.toISOString() ?? null,
  };
}

export async function updateWatchlistNote(db: Db, userId: string, showId: string, note: string | null) {
  const updated = await db
    .update(watchlistItems)
    .set({ note: noteValue(note), updatedAt: sql`now()` })
    .where(mine(userId, showId))
    .returning({ id: watchlistItems.id });
  if (updated.length === 0) throw notFound(NOT_ON_WATCHLIST);
  const item = await itemOf(db, userId, showId);
  if (!item) throw notFound(NOT_ON_WATCHLIST);
  return item;
}

export async function removeFromWatchlist(db: Db, userId: string, showId: string): Promise<void> {
  if (!(await leaveWatchlist(db, userId, showId))) throw notFound(NOT_ON_WATCHLIST);
}
