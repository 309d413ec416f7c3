// Storing a parsed upload as a batch: its records in file order and the
// distinct titles they name (matched once each). Nothing the person sees
// changes here: that waits for the commit.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importBatches, importRecords, importTitles } from '../../db/schema/index.ts';
import { titleKey } from './matching.ts';
import type { ImportRecord, ParsedImport, TitleRef, When } from './records.ts';

/** Rows per INSERT while storing a batch: large uploads go in a few dozen statements. */
const ROWS_PER_INSERT = 1000;

/** A stored record: the parsed one plus its occurrence among identical watches of the file (1, 2, …), so re-imports add none and rewatches stay. */
export type StoredRecord = ImportRecord & { occurrence?: number };

export const titleOf = (record: ImportRecord): TitleRef => {
  switch (record.kind) {
    case 'episode_watch':
    case 'follow':
      return record.show;
    case 'movie_watch':
      return record.movie;
    case 'watchlist':
    case 'rating':
    case 'list_entry':
      return record.title;
  }
};

const whenKey = (when: When | undefined) =>
  when && 'at' in when ? `at:${Date.parse(when.at)}` : when && 'on' in when ? `on:${when.on}` : '';

/** The identity of a watch within a file: same title, same episode, same moment. */
function watchIdentity(record: ImportRecord, key: string): string | null {
  if (record.kind === 'movie_watch') return `${key}|${whenKey(record.when)}`;
  if (record.kind !== 'episode_watch') return null;
  const { ids, season, number } = record.episode;
  const episode = ids.tvdb ? `tvdb:${ids.tvdb}` : ids.tmdb ? `tmdb:${ids.tmdb}` : ids.imdb ? `imdb:${ids.imdb}` : `${season}x${number}`;
  return `${key}|${episode}|${whenKey(record.when)}`;
}

/** Stores the upload as a batch in "matching"; returns its id. */
export async function storeBatch(db: Db, userId: string, upload: { parsed: ParsedImport; fileName: string | null; sha256: string }): Promise<string> {
  const { parsed } = upload;
  const titles = new Map<string, { ref: TitleRef; records: number; kinds: Partial<Record<string, number>> }>();
  const seen = new Map<string, number>();
  const rows = parsed.records.map((record, position) => {
    const ref = titleOf(record);
    const key = titleKey(ref);
    const title = titles.get(key) ?? { ref, records: 0, kinds: {} };
    titles.set(key, title);
    title.records += 1;
    title.kinds[record.kind] = (title.kinds[record.kind] ?? 0) + 1;
    const identity = watchIdentity(record, key);
    const stored: StoredRecord = { ...record };
    if (identity !== null) {
      const occurrence = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, occurrence);
      stored.occurrence = occurrence;
    }
    return { position, kind: record.kind, titleKey: key, record: stored };
  });

  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        userId,
        format: parsed.format,
        fileName: upload.fileName?.slice(0, 300) ?? null,
        fileSha256: upload.sha256,
        totalRecords: rows.length,
        totalTitles: titles.size,
        notices: parsed.notices.slice(0, 200).map((notice) => notice.slice(0, 500)),
      })
      .returning({ id: importBatches.id });
    const batchId = batch!.id;
    const titleRows = [...titles].map(([key, { ref, records, kinds }]) => ({ batchId, titleKey: key, mediaType: ref.mediaType, ref, records, kinds }));
    for (let at = 0; at < titleRows.length; at += ROWS_PER_INSERT) await tx.insert(importTitles).values(titleRows.slice(at, at + ROWS_PER_INSERT));
    for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
      await tx.insert(importRecords).values(rows.slice(at, at + ROWS_PER_INSERT).map((row) => ({ batchId, ...row })));
    }
    return batchId;
  });
}

/** The person's batch, or undefined: every read and change of a batch goes through this scope. */
export async function ownBatch(db: Db, userId: string, batchId: string) {
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, batchId), eq(importBatches.userId, userId)));
  return batch;
}

export async function listBatches(db: Db, userId: string, limit = 50) {
  return db.select().from(importBatches).where(eq(importBatches.userId, userId)).orderBy(desc(importBatches.createdAt)).limit(limit);
}

/** An earlier batch of the same file that is still committed, for the preview's "already imported" line. */
export async function sameFileCommitted(db: Db, userId: string, sha256: string, exceptBatchId: string) {
  const [earlier] = await db
    .select({ id: importBatches.id, committedAt: importBatches.committedAt })
    .from(importBatches)
    .where(
      and(
        eq(importBatches.userId, userId),
        eq(importBatches.fileSha256, sha256),
        eq(importBatches.status, 'committed'),
        sql`${importBatches.id} <> ${exceptBatchId}`,
      ),
    )
    .orderBy(desc(importBatches.committedAt))
    .limit(1);
  return earlier;
}
