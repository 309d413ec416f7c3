// Starting to watch a title takes it off the person's watchlist
// (docs/design.md#watchlist). A module of its own, like fan-out.ts: tracking
// and watch history call it inside their own transactions, and importing it
// brings in nothing of the catalog's fetching.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { watchlistItems } from '../../db/schema/index.ts';

/** Returns whether the title was on the list; a title that was not is no error. */
export async function leaveWatchlist(db: Executor, userId: string, showId: string): Promise<boolean> {
  const removed = await db
    .delete(watchlistItems)
    .where(and(eq(watchlistItems.userId, userId), eq(watchlistItems.showId, showId)))
    .returning({ id: watchlistItems.id });
  return removed.length > 0;
}
