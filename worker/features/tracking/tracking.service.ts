// What a person follows. Tracking bumps the show's sync priority, fetches it
// when only its summary is stored, schedules the notifications for its
// already-known upcoming events and takes it off the watchlist; untracking
// removes the notifications. What the person watched is their history
// (features/history), apart from tracking: untracking keeps it, and the
// progress shown here is derived from it. Every query is scoped by the
// person's id.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { episodes, shows, userTrackedShows } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import { progressFor, type Progress } from '../history/history.service.ts';
import type { SyncDeps } from '../metadata/sync.service.ts';
import { dropPending, fanOut } from '../notifications/fan-out.ts';
import { toEpisode, toShowSummary } from '../shows/shows.presenter.ts';
import { resolveShow } from '../shows/shows.service.ts';
import { leaveWatchlist } from '../watchlist/leave-watchlist.ts';
import type { TrackSchema, TrackedShowSchema, UpdateTrackingSchema } from './tracking.schemas.ts';

type TrackedRow = typeof userTrackedShows.$inferSelect;
type ShowRow = typeof shows.$inferSelect;

const NOT_TRACKED = 'You do not track this show.';

async function nextEpisodes(db: Db, showIds: string[]) {
  if (showIds.length === 0) return new Map<string, ReturnType<typeof toEpisode>>();
  // One row per show: its first episode still to come.
  const rows = await db
    .selectDistinctOn([episodes.showId])
    .from(episodes)
    .where(
      and(
        inArray(episodes.showId, showIds),
        sql`(${episodes.airsAt} >= now() OR (${episodes.airsAt} IS NULL AND ${episodes.airDate} >= (now() AT TIME ZONE 'Pacific/Kiritimati')::date))`,
      ),
    )
    .orderBy(episodes.showId, sql`COALESCE(${episodes.airsAt}, ${episodes.airDate}::timestamptz)`);
  return new Map(rows.map((row) => [row.showId, toEpisode(row)]));
}

function present(
  row: TrackedRow,
  show: ShowRow,
  next: ReturnType<typeof toEpisode> | undefined,
  progress: Progress | undefined,
): z.infer<typeof TrackedShowSchema> {
  return {
    show: toShowSummary(show),
    is_favorite: row.isFavorite,
    notify_new_episode: row.notifyNewEpisode,
    notify_new_season: row.notifyNewSeason,
    notify_status_change: row.notifyStatusChange,
    notify_hours_before: row.notifyHoursBefore,
    last_watched_season: progress?.last_watched_season ?? null,
    last_watched_episode: progress?.last_watched_episode ?? null,
    next_episode: next ?? null,
    tracked_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listTracking(db: Db, userId: string, options: { favoritesOnly: boolean }) {
  const rows = await db
    .select({ tracked: userTrackedShows, show: shows })
    .from(userTrackedShows)
    .innerJoin(shows, eq(shows.id, userTrackedShows.showId))
    .where(and(eq(userTrackedShows.userId, userId), options.favoritesOnly ? eq(userTrackedShows.isFavorite, true) : undefined))
    .orderBy(desc(userTrackedShows.isFavorite), asc(shows.title));
  const showIds = rows.map((row) => row.show.id);
  // In parallel: one-shot statements are HTTP requests (db/client.ts), not a connection each.
  const [next, progress] = await Promise.all([nextEpisodes(db, showIds), progressFor(db, userId, showIds)]);
  return { results: rows.map((row) => present(row.tracked, row.show, next.get(row.show.id), progress.get(row.show.id))) };
}

async function trackedOne(db: Db, userId: string, showId: string) {
  const [row] = await db
    .select({ tracked: userTrackedShows, show: shows })
    .from(userTrackedShows)
    .innerJoin(shows, eq(shows.id, userTrackedShows.showId))
    .where(and(eq(userTrackedShows.userId, userId), eq(userTrackedShows.showId, showId)));
  if (!row) throw notFound(NOT_TRACKED);
  const next = await nextEpisodes(db, [showId]);
  const progress = await progressFor(db, userId, [showId]);
  return present(row.tracked, row.show, next.get(showId), progress.get(showId));
}

const preferences = (input: Partial<z.infer<typeof TrackSchema>>) => ({
  ...(input.notify_new_episode !== undefined ? { notifyNewEpisode: input.notify_new_episode } : {}),
  ...(input.notify_new_season !== undefined ? { notifyNewSeason: input.notify_new_season } : {}),
  ...(input.notify_status_change !== undefined ? { notifyStatusChange: input.notify_status_change } : {}),
  ...(input.notify_hours_before !== undefined ? { notifyHoursBefore: input.notify_hours_before } : {}),
  ...(input.is_favorite !== undefined ? { isFavorite: input.is_favorite } : {}),
});

/** Tracks a show; tracking it again changes nothing and answers as the first time did. */
export async function trackShow(deps: SyncDeps, userId: string, input: z.infer<typeof TrackSchema>) {
  // Tracked even when TMDB is down: the next sync fetches it. The person is not punished for TMDB's outage.
  const show = await resolveShow(deps, input.show_id, 'tracking');
  const { created, removedFromWatchlist } = await deps.db.transaction(async (tx) => {
    // Starting to watch a title takes it off the watchlist (docs/design.md#watchlist).
    const removedFromWatchlist = await leaveWatchlist(tx, userId, show.id);
    const inserted = await tx
      .insert(userTrackedShows)
      .values({ userId, showId: show.id, ...preferences(input) })
      .onConflictDoNothing({ target: [userTrackedShows.userId, userTrackedShows.showId] })
      .returning({ id: userTrackedShows.id });
    if (inserted.length === 0) return { created: false, removedFromWatchlist };
    await tx.update(shows).set({ syncPriority: sql`${shows.syncPriority} + 1` }).where(eq(shows.id, show.id));
    await fanOut(tx, { showId: show.id, userId });
    return { created: true, removedFromWatchlist };
  });
  return { tracked: { ...(await trackedOne(deps.db, userId, show.id)), removed_from_watchlist: removedFromWatchlist }, created };
}

export async function updateTracking(deps: SyncDeps, userId: string, showId: string, input: z.infer<typeof UpdateTrackingSchema>) {
  const prefsChanged = ['notify_new_episode', 'notify_new_season', 'notify_status_change', 'notify_hours_before'].some(
    (key) => key in input,
  );
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(userTrackedShows)
      .set({
        ...preferences(input),
        updatedAt: sql`now()`,
      })
      .where(and(eq(userTrackedShows.userId, userId), eq(userTrackedShows.showId, showId)))
      .returning({ id: userTrackedShows.id });
    if (updated.length === 0) throw notFound(NOT_TRACKED);
    if (prefsChanged) {
      // Recomputed from scratch: simpler than diffing, and sent ones stay sent.
      await dropPending(tx, userId, showId);
      await fanOut(tx, { showId, userId });
    }
  });
  return trackedOne(deps.db, userId, showId);
}

export async function untrackShow(deps: SyncDeps, userId: string, showId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(userTrackedShows)
      .where(and(eq(userTrackedShows.userId, userId), eq(userTrackedShows.showId, showId)))
      .returning({ id: userTrackedShows.id });
    if (deleted.length === 0) throw notFound(NOT_TRACKED);
    await dropPending(tx, userId, showId);
    await tx
      .update(shows)
      .set({ syncPriority: sql`GREATEST(0, ${shows.syncPriority} - 1)` })
      .where(eq(shows.id, showId));
  });
}

export async function toggleFavorite(deps: SyncDeps, userId: string, showId: string) {
  const updated = await deps.db
    .update(userTrackedShows)
    .set({ isFavorite: sql`NOT ${userTrackedShows.isFavorite}`, updatedAt: sql`now()` })
    .where(and(eq(userTrackedShows.userId, userId), eq(userTrackedShows.showId, showId)))
    .returning({ id: userTrackedShows.id });
  if (updated.length === 0) throw notFound(NOT_TRACKED);
  return trackedOne(deps.db, userId, showId);
}
