// Jobs 1 and 2 (docs/design.md#jobs), run by the sync queue consumer: choosing
// which shows to sync, and reading TMDB's changes feed. Both end by enqueueing
// one `sync.show` message per show, spread out so the TMDB budget is never
// burst.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { shows, syncLog, userTrackedShows } from '../../db/schema/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SyncQueueMessage } from '../../jobs/messages.ts';
import type { Providers } from './providers/index.ts';
import type { MediaType } from './providers/types.ts';

/** Job 1: at most 100 shows a run, a rate-friendly batch (docs/design.md#jobs). */
export const PLAN_LIMIT = 100;
/** 10 shows every 15 s: about 40 TMDB calls per 10 s at 4 calls a show. */
const SHOWS_PER_WAVE = 10;
const WAVE_SECONDS = 15;
/** TMDB's changes feed covers at most 14 days. */
const CHANGES_MAX_DAYS = 14;
/** Each window starts an hour before the last successful run ended, so nothing slips between runs. */
const CHANGES_OVERLAP_MS = 60 * 60 * 1000;
export const CHANGES_SOURCE = 'tmdb:changes-feed';

const STILL_AIRING = ['returning', 'in_production', 'planned', 'pilot', 'post_production'];

export interface Enqueue {
  (messages: SyncQueueMessage[], delaySeconds: number): Promise<void>;
}

/** Sends show syncs in waves, each wave delayed a little more than the last. */
export async function enqueueShowSyncs(enqueue: Enqueue, showIds: string[], source: 'tracked' | 'changes' | 'manual') {
  for (let start = 0; start < showIds.length; start += SHOWS_PER_WAVE) {
    const wave = showIds.slice(start, start + SHOWS_PER_WAVE);
    await enqueue(
      wave.map((showId) => ({ type: 'sync.show', showId, source })),
      (start / SHOWS_PER_WAVE) * WAVE_SECONDS,
    );
  }
}

/** Job 1: tracked shows still airing (or, for "all", every tracked show), by priority then staleness. */
export async function planSync(db: Db, scope: 'due' | 'all', limit = PLAN_LIMIT): Promise<string[]> {
  const tracked = sql`EXISTS (SELECT 1 FROM ${userTrackedShows} WHERE ${userTrackedShows.showId} = ${shows.id})`;
  const rows = await db
    .select({ id: shows.id })
    .from(shows)
    .where(
      and(
        tracked,
        scope === 'due' ? sql`(${shows.status} IS NULL OR ${inArray(shows.status, STILL_AIRING)})` : undefined,
      ),
    )
    .orderBy(desc(shows.syncPriority), shows.lastSyncedAt)
    .limit(scope === 'all' ? 10_000 : limit);
  return rows.map((row) => row.id);
}

const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);

export type ChangesOutcome =
  | { kind: 'changes'; since: string; until: string; changedIds: number; matched: string[] }
  | { kind: 'full_sync'; reason: string };

/**
 * Job 2: pages through TMDB's tv and movie changes since the last successful
 * run (minus an hour of overlap) and returns the tracked shows among them. A
 * run missed for longer than the feed reaches back asks for a full sync.
 */
export async function readChanges(db: Db, providers: Providers, logger: Logger, now = Date.now()): Promise<ChangesOutcome> {
  const tmdb = providers.tmdb;
  if (!tmdb) return { kind: 'full_sync', reason: 'TMDB is not configured' };
  const [last] = await db
    .select({ finishedAt: syncLog.finishedAt })
    .from(syncLog)
    .where(and(eq(syncLog.source, CHANGES_SOURCE), eq(syncLog.status, 'success')))
    .orderBy(desc(syncLog.finishedAt))
    .limit(1);
  // First run ever: TMDB's own default window, the last 24 hours.
  const from = last?.finishedAt ? last.finishedAt.getTime() - CHANGES_OVERLAP_MS : now - 24 * 60 * 60 * 1000;
  if (now - from > CHANGES_MAX_DAYS * 24 * 60 * 60 * 1000) {
    return { kind: 'full_sync', reason: `the last successful run ended ${day(from)}, beyond the feed's 14 days` };
  }
  const since = day(from);
  const until = day(now);
  const matched = new Set<string>();
  let changedIds = 0;
  for (const type of ['tv', 'movie'] as MediaType[]) {
    for (let page = 1; page <= 500; page++) {
      const result = await tmdb.changes(type, since, until, page);
      changedIds += result.ids.length;
      if (result.ids.length) {
        const rows = await db
          .select({ id: shows.id })
          .from(shows)
          .where(
            and(
              eq(shows.mediaType, type),
              inArray(shows.tmdbId, result.ids),
              sql`EXISTS (SELECT 1 FROM ${userTrackedShows} WHERE ${userTrackedShows.showId} = ${shows.id})`,
            ),
          );
        for (const row of rows) matched.add(row.id);
      }
      if (page >= result.totalPages) break;
    }
  }
  logger.info('changes feed read', { since, until, changedIds, matched: matched.size });
  return { kind: 'changes', since, until, changedIds, matched: [...matched] };
}
