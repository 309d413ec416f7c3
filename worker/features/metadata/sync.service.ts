// A show sync (docs/design.md#jobs): fetch what the providers say, then in ONE
// transaction write the catalog, derive the timeline events from it (new ones
// inserted, moved ones updated in place with their sequence bumped, vanished
// ones removed), record status changes, and fan the new events out to the
// trackers. A failure anywhere leaves the database as it was.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { episodes, shows, syncLog, timelineEvents } from '../../db/schema/index.ts';
import { cacheKeys } from '../../lib/cache.ts';
import type { Logger } from '../../lib/logger.ts';
import { describeError } from '../../lib/logger.ts';
import { dropPendingForEvents, fanOut, reschedule } from '../notifications/fan-out.ts';
import { normalizeStatus, writeMovieBundle, writeTvBundle } from '../shows/catalog.store.ts';
import { invalidateAllTimelines } from '../timeline/timeline.cache.ts';
import { episodeCode, episodeEventType, statusWords } from './events.ts';
import type { Providers } from './providers/index.ts';
import { fetchMovieBundle, fetchTvBundle, type MovieBundle, type TvBundle } from './show-fetcher.ts';

const RATINGS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface SyncDeps {
  db: Db;
  cache: KVNamespace;
  providers: Providers;
  logger: Logger;
}

export interface SyncResult {
  showId: string;
  episodesWritten: number;
  episodesRemoved: number;
  eventsCreated: number;
  eventsMoved: number;
  /** Renamed or retyped in place (an episode's title announced, a finale marked). */
  eventsRetitled: number;
  eventsRemoved: number;
  notificationsCreated: number;
  notificationsMoved: number;
  statusChanged: boolean;
}

type EventRow = typeof timelineEvents.$inferSelect;
type Desired = Pick<EventRow, 'eventType' | 'title' | 'description' | 'eventDate' | 'allDay' | 'airDate' | 'seasonNumber' | 'episodeNumber' | 'episodeId' | 'metadata'>;

const midnightUtc = (day: string) => new Date(`${day}T00:00:00.000Z`);
const moved = (a: Pick<EventRow, 'eventDate' | 'allDay' | 'airDate'>, b: Desired) =>
  a.eventDate.getTime() !== b.eventDate.getTime() || a.allDay !== b.allDay || a.airDate !== b.airDate;
const retitled = (a: EventRow, b: Desired) => a.eventType !== b.eventType || a.title !== b.title || a.description !== b.description;

async function desiredEpisodeEvents(tx: Executor, showId: string, title: string, status: string | null): Promise<Desired[]> {
  const rows = await tx
    .select()
    .from(episodes)
    .where(and(eq(episodes.showId, showId), isNotNull(episodes.airDate)));
  const regular = rows.filter((row) => row.seasonNumber > 0);
  const last = regular.reduce<(typeof rows)[number] | undefined>(
    (best, row) =>
      !best || row.seasonNumber > best.seasonNumber || (row.seasonNumber === best.seasonNumber && row.episodeNumber > best.episodeNumber)
        ? row
        : best,
    undefined,
  );
  const ended = status === 'ended' || status === 'canceled';
  return rows.map((row) => {
    const code = episodeCode(row.seasonNumber, row.episodeNumber);
    return {
      eventType: episodeEventType({
        seasonNumber: row.seasonNumber,
        episodeNumber: row.episodeNumber,
        episodeType: row.episodeType,
        isLastOfEndedShow: ended && row.id === last?.id,
      }),
      title: `${title} ${code}`,
      description: row.title ?? code,
      eventDate: row.airsAt ?? midnightUtc(row.airDate!),
      allDay: row.airsAt === null,
      airDate: row.airDate,
      seasonNumber: row.seasonNumber,
      episodeNumber: row.episodeNumber,
      episodeId: row.id,
      metadata: { episode_title: row.title, runtime_minutes: row.runtimeMinutes, overview: row.overview?.slice(0, 500) ?? null },
    };
  });
}

function desiredMovieEvent(showId: string, title: string, releaseDate: string | null): Desired[] {
  if (!releaseDate) return [];
  return [
    {
      eventType: 'movie_release',
      title,
      description: 'Release day',
      eventDate: midnightUtc(releaseDate),
      allDay: true,
      airDate: releaseDate,
      seasonNumber: null,
      episodeNumber: null,
      episodeId: null,
      metadata: { show_id: showId },
    },
  ];
}

/** Brings the show's episode / release events in line with the desired set. */
async function reconcileEvents(tx: Executor, showId: string, desired: Desired[]) {
  const existing = await tx
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.showId, showId), sql`${timelineEvents.eventType} <> 'status_change'`));
  const keyOf = (event: Pick<EventRow, 'episodeId' | 'eventType'>) => event.episodeId ?? event.eventType;
  const byKey = new Map(existing.map((event) => [keyOf(event), event]));
  const wanted = new Set(desired.map(keyOf));

  const toInsert = desired.filter((event) => !byKey.has(keyOf(event)));
  const movedIds: string[] = [];
  const retitledIds: string[] = [];
  for (const event of desired) {
    const current = byKey.get(keyOf(event));
    if (!current) continue;
    const isMoved = moved(current, event);
    if (!isMoved && !retitled(current, event)) continue;
    await tx
      .update(timelineEvents)
      .set({ ...event, sequence: sql`${timelineEvents.sequence} + 1`, updatedAt: sql`now()` })
      .where(eq(timelineEvents.id, current.id));
    (isMoved ? movedIds : retitledIds).push(current.id);
  }
  const removedIds = existing.filter((event) => !wanted.has(keyOf(event))).map((event) => event.id);
  if (removedIds.length) {
    await dropPendingForEvents(tx, removedIds);
    await tx.delete(timelineEvents).where(inArray(timelineEvents.id, removedIds));
  }
  const inserted = toInsert.length
    ? await tx
        .insert(timelineEvents)
        .values(toInsert.map((event) => ({ ...event, showId })))
        .returning({ id: timelineEvents.id })
    : [];
  return { createdIds: inserted.map((row) => row.id), movedIds, retitledIds, removedIds };
}

/** Writes a bundle and everything that follows from it, in one transaction. */
export async function applyBundle(db: Db, bundle: TvBundle | MovieBundle): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: shows.id, status: shows.status, detailsSyncedAt: shows.detailsSyncedAt })
      .from(shows)
      .where(and(eq(shows.mediaType, bundle.kind), eq(shows.tmdbId, bundle.detail.tmdbId)))
      .for('update');

    const written =
      bundle.kind === 'tv'
        ? await writeTvBundle(tx, bundle)
        : { ...(await writeMovieBundle(tx, bundle)), episodesWritten: 0, episodesRemoved: 0, eventsRemoved: 0 };
    const { showId } = written;
    const status = normalizeStatus(bundle.detail.status);
    const title = bundle.detail.title;

    const desired =
      bundle.kind === 'tv'
        ? await desiredEpisodeEvents(tx, showId, title, status)
        : desiredMovieEvent(showId, title, bundle.detail.releaseDate);
    const events = await reconcileEvents(tx, showId, desired);

    // A status change is news only for a show we already knew in detail.
    const statusChanged = Boolean(before?.detailsSyncedAt && before.status && status && before.status !== status);
    if (statusChanged) {
      const [event] = await tx
        .insert(timelineEvents)
        .values({
          showId,
          eventType: 'status_change',
          title,
          description: `${title} is now ${statusWords(status)} (was ${statusWords(before!.status)})`,
          eventDate: new Date(),
          metadata: { from: before!.status, to: status },
        })
        .returning({ id: timelineEvents.id });
      events.createdIds.push(event!.id);
    }

    // The show id lets the planner see how many trackers this show has.
    const notificationsCreated = await fanOut(tx, { eventIds: events.createdIds, showId });
    const notificationsMoved = await reschedule(tx, events.movedIds);
    return {
      showId,
      episodesWritten: written.episodesWritten,
      episodesRemoved: written.episodesRemoved,
      eventsCreated: events.createdIds.length,
      eventsMoved: events.movedIds.length,
      eventsRetitled: events.retitledIds.length,
      eventsRemoved: events.removedIds.length + written.eventsRemoved,
      notificationsCreated,
      notificationsMoved,
      statusChanged,
    };
  });
}

export type SyncSource = 'catalog' | 'tracking' | 'watchlist' | 'history' | 'import' | 'tracked' | 'changes' | 'manual';

/**
 * Syncs one show from the providers and records the run in sync_log, whatever
 * happens. Errors are rethrown so the queue retries with backoff.
 */
export async function syncShow(deps: SyncDeps, showId: string, source: SyncSource): Promise<SyncResult | null> {
  const [row] = await deps.db.select().from(shows).where(eq(shows.id, showId));
  if (!row || row.tmdbId === null) return null;
  const startedAt = new Date();
  const options = {
    withRatings: !row.ratingsSyncedAt || Date.now() - row.ratingsSyncedAt.getTime() > RATINGS_MAX_AGE_MS,
    syncPriority: row.syncPriority,
  };
  try {
    const bundle =
      row.mediaType === 'tv'
        ? await fetchTvBundle(deps.providers, row.tmdbId, deps.logger, options)
        : await fetchMovieBundle(deps.providers, row.tmdbId, deps.logger, options);
    const result = await applyBundle(deps.db, bundle);
    await deps.db.insert(syncLog).values({
      source: `tmdb:${source}`,
      showId,
      status: bundle.partial.length ? 'partial' : 'success',
      recordsUpdated: result.episodesWritten + result.eventsCreated + result.eventsMoved + result.eventsRetitled + result.eventsRemoved,
      errorMessage: bundle.partial.length ? `could not reach ${bundle.partial.join(', ')}` : null,
      startedAt,
      finishedAt: new Date(),
    });
    await deps.cache.delete(cacheKeys.show(showId));
    if (result.eventsCreated || result.eventsMoved || result.eventsRetitled || result.eventsRemoved) {
      await invalidateAllTimelines(deps.cache);
    }
    return result;
  } catch (error) {
    deps.logger.error('show sync failed', { showId, source, ...describeError(error) });
    await deps.db.insert(syncLog).values({
      source: `tmdb:${source}`,
      showId,
      status: 'failed',
      errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      startedAt,
      finishedAt: new Date(),
    });
    throw error;
  }
}
