// The matching stage of a batch, a few titles per step: each title is
// matched and saved on its own, so a step that dies half-way loses nothing,
// and a title is counted once however often a redelivered message repeats
// its lookup. When the last title is done the batch is "ready" for the
// person's preview.
import { and, eq, sql } from 'drizzle-orm';
import { importBatches, importRecords, importTitles, shows } from '../../db/schema/index.ts';
import type { SyncDeps } from '../metadata/sync.service.ts';
import { ensureEpisodes, matchTitle } from './matching.ts';
import type { TitleRef } from './records.ts';

/** Titles per step: a step of fresh titles costs a few provider calls each. */
export const TITLES_PER_STEP = 10;
/** Episodes placed by their own TVDB id per query (one TMDB find each). */
const PLACEMENTS_PER_PAGE = 200;

/**
 * Episodes a file names by TVDB id whose numbers do not exist on the matched
 * show as TMDB numbers it, and specials: asked of TMDB's find by their own
 * id, and the numbers TMDB gives saved on the record (`placed`).
 */
async function placeByTvdbId(deps: SyncDeps, batchId: string, key: string, showId: string): Promise<void> {
  const tmdb = deps.providers.tmdb;
  if (!tmdb) return;
  const [show] = await deps.db.select({ tmdbId: shows.tmdbId }).from(shows).where(eq(shows.id, showId));
  // A page of episodes at a time, until none is left to place: a long anime can name hundreds.
  for (;;) {
    const rows = await deps.db.execute<{ tvdb: string }>(sql`
      SELECT DISTINCT r.record #>> '{episode,ids,tvdb}' AS tvdb
      FROM import_records r
      WHERE r.batch_id = ${batchId} AND r.title_key = ${key} AND r.kind = 'episode_watch'
        AND r.record #>> '{episode,ids,tvdb}' IS NOT NULL AND r.record -> 'placed' IS NULL
        AND (
          COALESCE((r.record #>> '{episode,season}')::int, 0) = 0
          OR NOT EXISTS (
            SELECT 1 FROM episodes e
            WHERE e.show_id = ${showId}
              AND e.season_number = (r.record #>> '{episode,season}')::int
              AND e.episode_number = (r.record #>> '{episode,number}')::int
          )
        )
      LIMIT ${PLACEMENTS_PER_PAGE}`);
    const placements = [];
    for (const { tvdb } of rows.rows) {
      const [found] = (await tmdb.findEpisode(tvdb, 'tvdb_id')).filter((episode) => episode.showTmdbId === show?.tmdbId);
      placements.push({ tvdb, placed: found ? { season: found.seasonNumber, number: found.episodeNumber } : { season: null, number: null } });
    }
    if (placements.length) {
      await deps.db.execute(sql`
        UPDATE import_records r SET record = jsonb_set(r.record, '{placed}', p.placed)
        FROM jsonb_to_recordset(${JSON.stringify(placements)}::jsonb) AS p(tvdb text, placed jsonb)
        WHERE r.batch_id = ${batchId} AND r.title_key = ${key} AND r.record #>> '{episode,ids,tvdb}' = p.tvdb`);
    }
    if (rows.rows.length < PLACEMENTS_PER_PAGE) return;
  }
}

/** Whether any record of this title is an episode (a watch or an episode rating): its episodes are then fetched for placement. */
async function namesEpisodes(deps: SyncDeps, batchId: string, key: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ one: sql`1` })
    .from(importRecords)
    .where(
      and(
        eq(importRecords.batchId, batchId),
        eq(importRecords.titleKey, key),
        sql`(${importRecords.kind} = 'episode_watch' OR ${importRecords.record} ? 'episode')`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Matches up to `limit` pending titles; returns how many are still pending. */
export async function matchStep(deps: SyncDeps, batchId: string, limit = TITLES_PER_STEP): Promise<number> {
  for (let done = 0; done < limit; done++) {
    const [claimed] = await deps.db
      .select({ key: importTitles.titleKey, ref: importTitles.ref })
      .from(importTitles)
      .where(and(eq(importTitles.batchId, batchId), eq(importTitles.status, 'pending')))
      .orderBy(importTitles.titleKey)
      .limit(1);
    if (!claimed) break;
    const ref = claimed.ref as TitleRef;
    const match = await matchTitle(deps, ref);
    if (match.status === 'matched' && ref.mediaType === 'tv' && (await namesEpisodes(deps, batchId, claimed.key))) {
      await ensureEpisodes(deps, match.showId!);
      await placeByTvdbId(deps, batchId, claimed.key, match.showId!);
    }
    await deps.db.transaction(async (tx) => {
      const updated = await tx
        .update(importTitles)
        .set({ status: match.status, showId: match.showId, how: match.how, confidence: match.confidence, candidates: match.candidates })
        .where(and(eq(importTitles.batchId, batchId), eq(importTitles.titleKey, claimed.key), eq(importTitles.status, 'pending')))
        .returning({ key: importTitles.titleKey });
      if (updated.length) {
        await tx
          .update(importBatches)
          .set({ matchedTitles: sql`${importBatches.matchedTitles} + 1`, updatedAt: sql`now()` })
          .where(eq(importBatches.id, batchId));
      }
    });
  }
  const [left] = await deps.db
    .select({ count: sql<number>`count(*)::int` })
    .from(importTitles)
    .where(and(eq(importTitles.batchId, batchId), eq(importTitles.status, 'pending')));
  if (left!.count === 0) {
    await deps.db
      .update(importBatches)
      .set({ status: 'ready', updatedAt: sql`now()` })
      .where(and(eq(importBatches.id, batchId), eq(importBatches.status, 'matching')));
  }
  return left!.count;
}

