// Committing a batch, a slice of records per step, each step one
// transaction that also moves the batch's cursor: a step that dies rolls
// back whole and is simply run again, so nothing is lost or written twice.
// Imports only add rows, each carrying the batch id; a row that is already
// there (the same watch at the same moment, a show already followed) is
// left as it is and counted. Undo deletes what carries the batch id.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { episodes, importBatches, type ImportAdded } from '../../db/schema/index.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { StoredRecord } from './imports.store.ts';
import type { EpisodeRef, NotifyPreferences, When } from './records.ts';

/** Records per step: a step is one transaction of a few statements. */
export const RECORDS_PER_STEP = 2000;

type Row = {
  position: number;
  record: StoredRecord;
  status: string;
  show_id: string | null;
};

const instant = (when: When | undefined) => (when && 'at' in when ? when.at : null);
const day = (when: When | undefined) => (when && 'on' in when ? when.on : null);

type EpisodeIndex = Map<string, { id: string; season: number; number: number }>;

/** The show's episodes by TMDB id and by numbers, for placing watches and ratings. */
async function episodeIndex(tx: Executor, showIds: string[]): Promise<EpisodeIndex> {
  const index: EpisodeIndex = new Map();
  if (!showIds.length) return index;
  const rows = await tx
    .select({ id: episodes.id, showId: episodes.showId, season: episodes.seasonNumber, number: episodes.episodeNumber, tmdbId: episodes.tmdbId })
    .from(episodes)
    .where(inArray(episodes.showId, showIds));
  for (const row of rows) {
    const value = { id: row.id, season: row.season, number: row.number };
    index.set(`${row.showId}|${row.season}x${row.number}`, value);
    if (row.tmdbId) index.set(`${row.showId}|tmdb:${row.tmdbId}`, value);
  }
  return index;
}

/** Where an episode of the file lands on our show: TMDB's numbering from its own id when known, else the file's numbers. */
type Placement = { season: number | null; number: number | null };

function place(index: EpisodeIndex, showId: string, episode: EpisodeRef, placed: Placement | undefined) {
  if (episode.ids.tmdb) {
    const known = index.get(`${showId}|tmdb:${episode.ids.tmdb}`);
    if (known) return known;
  }
  const season = placed ? placed.season : episode.season;
  const number = placed ? placed.number : episode.number;
  if (season === null || season === undefined || number === null || number === undefined) return null;
  return index.get(`${showId}|${season}x${number}`) ?? { id: null, season, number };
}

async function insertWatches(tx: Executor, userId: string, batchId: string, rows: unknown[]): Promise<number> {
  if (!rows.length) return 0;
  // The n-th identical watch of the file is added only while fewer than n are stored: re-imports add none, rewatches stay.
  const result = await tx.execute(sql`
    INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source, import_batch_id)
    SELECT ${userId}, i.show_id, i.episode_id, i.season, i.episode, i.at, i.on_, 'import', ${batchId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS i(show_id uuid, episode_id uuid, season int, episode int, at timestamptz, on_ date, n int)
    WHERE i.n > (
      SELECT count(*) FROM watches w
      WHERE w.user_id = ${userId} AND w.show_id = i.show_id
        AND w.season_number IS NOT DISTINCT FROM i.season AND w.episode_number IS NOT DISTINCT FROM i.episode
        AND w.watched_at IS NOT DISTINCT FROM i.at AND w.watched_on IS NOT DISTINCT FROM i.on_
    )`);
  return result.rowCount ?? 0;
}

async function insertFollows(tx: Executor, userId: string, batchId: string, rows: { show_id: string; favorite: boolean; notify: NotifyPreferences | null; at: string | null }[]) {
  if (!rows.length) return 0;
  const flat = rows.map(({ notify, ...row }) => ({ ...row, ...(notify ?? {}) }));
  const result = await tx.execute(sql`
    INSERT INTO user_tracked_shows
      (user_id, show_id, is_favorite, notify_new_episode, notify_new_season, notify_status_change, notify_hours_before, import_batch_id, created_at)
    SELECT DISTINCT ON (i.show_id) ${userId}, i.show_id, i.favorite,
      COALESCE(i.new_episode, true), COALESCE(i.new_season, true), COALESCE(i.status_change, true), COALESCE(i.hours_before, 0), ${batchId},
      COALESCE(i.at, now())
    FROM jsonb_to_recordset(${JSON.stringify(flat)}::jsonb)
      AS i(show_id uuid, favorite boolean, new_episode boolean, new_season boolean, status_change boolean, hours_before int, at timestamptz)
    ORDER BY i.show_id, i.favorite DESC
    ON CONFLICT (user_id, show_id) DO NOTHING`);
  return result.rowCount ?? 0;
}

async function insertWatchlist(tx: Executor, userId: string, batchId: string, rows: { show_id: string; at: string | null; note: string | null }[]) {
  if (!rows.length) return 0;
  const result = await tx.execute(sql`
    INSERT INTO watchlist_items (user_id, show_id, note, added_at, import_batch_id)
    SELECT DISTINCT ON (i.show_id) ${userId}, i.show_id, NULLIF(left(btrim(i.note), 200), ''), COALESCE(i.at, now()), ${batchId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(show_id uuid, at timestamptz, note text)
    ORDER BY i.show_id, i.at
    ON CONFLICT (user_id, show_id) DO NOTHING`);
  return result.rowCount ?? 0;
}

async function insertRatings(tx: Executor, userId: string, batchId: string, rows: unknown[]) {
  if (!rows.length) return 0;
  const result = await tx.execute(sql`
    INSERT INTO ratings (user_id, show_id, season_number, episode_number, rating, rated_at, rated_on, import_batch_id)
    SELECT DISTINCT ON (i.show_id, COALESCE(i.season, -1), COALESCE(i.episode, -1))
      ${userId}, i.show_id, i.season, i.episode, i.rating, i.at, i.on_, ${batchId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS i(show_id uuid, season int, episode int, rating smallint, at timestamptz, on_ date)
    ORDER BY i.show_id, COALESCE(i.season, -1), COALESCE(i.episode, -1), i.at DESC NULLS LAST, i.on_ DESC NULLS LAST
    ON CONFLICT DO NOTHING`);
  return result.rowCount ?? 0;
}

async function insertListEntries(tx: Executor, userId: string, batchId: string, rows: { list: string; show_id: string; at: string | null }[]) {
  if (!rows.length) return 0;
  const names = [...new Set(rows.map((row) => row.list.trim().slice(0, 200) || 'Imported list'))];
  await tx.execute(sql`
    INSERT INTO user_lists (user_id, name, import_batch_id)
    SELECT ${userId}, name, ${batchId} FROM jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) AS name
    ON CONFLICT (user_id, lower(name)) DO NOTHING`);
  const result = await tx.execute(sql`
    INSERT INTO user_list_items (list_id, user_id, show_id, added_at, import_batch_id)
    SELECT DISTINCT ON (l.id, i.show_id) l.id, ${userId}, i.show_id, COALESCE(i.at, now()), ${batchId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(list text, show_id uuid, at timestamptz)
    JOIN user_lists l ON l.user_id = ${userId} AND lower(l.name) = lower(COALESCE(NULLIF(left(btrim(i.list), 200), ''), 'Imported list'))
    ORDER BY l.id, i.show_id, i.at
    ON CONFLICT (list_id, show_id) DO NOTHING`);
  return result.rowCount ?? 0;
}

function addCounts(before: ImportAdded, delta: ImportAdded): ImportAdded {
  const sum: ImportAdded = { ...before };
  for (const [key, value] of Object.entries(delta) as [keyof ImportAdded, number][]) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/** Writes one slice of a committing batch; returns how many records are left. */
export async function commitStep(db: Db, batchId: string, limit = RECORDS_PER_STEP): Promise<number> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for('update');
    if (!batch || batch.status !== 'committing') return 0;
    const { userId } = batch;
    const result = await tx.execute<Row>(sql`
      SELECT r.position, r.record, t.status, t.show_id
      FROM import_records r
      JOIN import_titles t ON t.batch_id = r.batch_id AND t.title_key = r.title_key
      WHERE r.batch_id = ${batchId} AND r.position >= ${batch.committedRecords}
      ORDER BY r.position
      LIMIT ${limit}`);
    const rows = result.rows;
    const matched = rows.filter((row) => row.status === 'matched' && row.show_id);
    const index = await episodeIndex(tx, [
      ...new Set(matched.filter((row) => row.record.kind === 'episode_watch' || (row.record.kind === 'rating' && row.record.episode)).map((row) => row.show_id!)),
    ]);

    const watches: unknown[] = [];
    const follows: { show_id: string; favorite: boolean; notify: NotifyPreferences | null; at: string | null }[] = [];
    const watchlist: { show_id: string; at: string | null; note: string | null }[] = [];
    const ratingRows: unknown[] = [];
    const listRows: { list: string; show_id: string; at: string | null }[] = [];
    let notPlaced = 0;
    for (const { record, show_id: showId } of matched) {
      const placed = (record as { placed?: Placement }).placed;
      switch (record.kind) {
        case 'episode_watch': {
          const episode = place(index, showId!, record.episode, placed);
          if (!episode) notPlaced += 1;
          else watches.push({ show_id: showId, episode_id: episode.id, season: episode.season, episode: episode.number, at: instant(record.when), on_: day(record.when), n: record.occurrence ?? 1 });
          break;
        }
        case 'movie_watch':
          watches.push({ show_id: showId, episode_id: null, season: null, episode: null, at: instant(record.when), on_: day(record.when), n: record.occurrence ?? 1 });
          break;
        case 'follow':
          follows.push({ show_id: showId!, favorite: record.favorite ?? false, notify: record.notify ?? null, at: instant(record.when) });
          break;
        case 'watchlist':
          watchlist.push({ show_id: showId!, at: instant(record.when) ?? (day(record.when) ? `${day(record.when)}T12:00:00Z` : null), note: record.note ?? null });
          break;
        case 'rating': {
          const episode = record.episode ? place(index, showId!, record.episode, placed) : null;
          if (record.episode && !episode) {
            notPlaced += 1;
            break;
          }
          const rating = Math.min(10, Math.max(1, Math.round(record.rating)));
          ratingRows.push({ show_id: showId, season: episode?.season ?? null, episode: episode?.number ?? null, rating, at: instant(record.when), on_: day(record.when) });
          break;
        }
        case 'list_entry':
          listRows.push({ list: record.list, show_id: showId!, at: instant(record.when) });
          break;
      }
    }

    const added: ImportAdded = {
      watches: await insertWatches(tx, userId, batchId, watches),
      follows: await insertFollows(tx, userId, batchId, follows),
      watchlist: await insertWatchlist(tx, userId, batchId, watchlist),
      ratings: await insertRatings(tx, userId, batchId, ratingRows),
      list_entries: await insertListEntries(tx, userId, batchId, listRows),
    };
    const written = Object.values(added).reduce((sum, value) => sum + (value ?? 0), 0);
    const attempted = watches.length + follows.length + watchlist.length + ratingRows.length + listRows.length;
    added.already_there = attempted - written;
    added.not_matched = rows.length - matched.length;
    added.not_placed = notPlaced;

    const cursor = batch.committedRecords + rows.length;
    const done = rows.length < limit || cursor >= batch.totalRecords;
    await tx
      .update(importBatches)
      .set({
        committedRecords: cursor,
        added: addCounts(batch.added, added),
        status: done ? 'committed' : 'committing',
        committedAt: done ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(eq(importBatches.id, batchId));
    return done ? 0 : batch.totalRecords - cursor;
  });
}

/** Removes everything the batch added, in one transaction; the batch stays, marked undone. */
export async function undoBatch(db: Db, userId: string, batchId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for('update');
    if (!batch || batch.userId !== userId) throw notFound('No import with this id.');
    if (batch.status === 'undone') return;
    if (batch.status !== 'committed' && batch.status !== 'failed') {
      throw conflict(batch.status === 'committing' ? 'This import is still being written; undo it once it is done.' : 'Only an import that was committed can be undone.');
    }
    for (const table of ['watches', 'user_list_items', 'ratings', 'watchlist_items', 'user_tracked_shows']) {
      await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE user_id = ${userId} AND import_batch_id = ${batchId}`);
    }
    // A list the batch made goes only when nothing else was put on it since.
    await tx.execute(sql`
      DELETE FROM user_lists l WHERE l.user_id = ${userId} AND l.import_batch_id = ${batchId}
        AND NOT EXISTS (SELECT 1 FROM user_list_items i WHERE i.list_id = l.id)`);
    await tx.update(importBatches).set({ status: 'undone', undoneAt: sql`now()`, updatedAt: sql`now()` }).where(eq(importBatches.id, batchId));
  });
}
