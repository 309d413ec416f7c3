// Imports, as the person sees them: upload (read, parse, store, start
// matching: nothing changes yet), the preview with its ambiguous and
// unmatched titles, choices, commit, undo. Small files finish within the
// request; the rest goes on in queue steps (import.match, import.commit)
// whose progress the preview shows.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { ImportStepMessage } from '../../jobs/messages.ts';
import { importBatches, importTitles, shows, type MatchCandidate } from '../../db/schema/index.ts';
import { sha256Hex } from '../../lib/cache.ts';
import { ApiError, conflict, notFound } from '../../lib/errors.ts';
import type { SyncDeps } from '../metadata/sync.service.ts';
import { readUpload } from './archive/zip.ts';
import { parseUpload, mayRead } from './formats/index.ts';
import { commitStep, undoBatch } from './imports.commit.ts';
import { matchStep } from './imports.match.ts';
import type { ImportSchema, ImportTitleSchema } from './imports.schemas.ts';
import { listBatches, ownBatch, sameFileCommitted, storeBatch } from './imports.store.ts';
import { ImportFileError, type ImportFormat, type ImportKind, type TitleRef } from './records.ts';

export type ImportMessage = z.infer<typeof ImportStepMessage>;

export interface ImportDeps extends SyncDeps {
  enqueue(message: ImportMessage): Promise<void>;
}

/**
 * Titles matched within the upload's own request; the rest in queue steps. A
 * new title can cost a sync (several provider calls) and episode placements,
 * and a request has a budget of subrequests: a few titles, not dozens.
 */
const INLINE_TITLES = 5;
const TITLES_PAGE = 50;
const KINDS: ImportKind[] = ['episode_watch', 'movie_watch', 'follow', 'watchlist', 'rating', 'list_entry'];

type Batch = NonNullable<Awaited<ReturnType<typeof ownBatch>>>;
type ImportView = z.infer<typeof ImportSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function progressOf(batch: Batch, now: number): ImportView['progress'] {
  const [stage, done, total] =
    batch.status === 'matching'
      ? (['matching', batch.matchedTitles, batch.totalTitles] as const)
      : batch.status === 'committing'
        ? (['committing', batch.committedRecords, batch.totalRecords] as const)
        : (['done', 1, 1] as const);
  const percent = total ? Math.floor((100 * done) / total) : 100;
  const elapsed = (now - (stage === 'committing' ? (batch.commitStartedAt ?? batch.createdAt) : batch.createdAt).getTime()) / 1000;
  const estimate = stage !== 'done' && done > 0 && elapsed > 0 ? Math.ceil(((total - done) * elapsed) / done) : null;
  return { stage, done, total, percent, estimated_seconds_left: stage === 'done' ? 0 : estimate };
}

async function viewOf(deps: Pick<SyncDeps, 'db'>, batch: Batch, now: number): Promise<ImportView> {
  const titleRows = await deps.db
    .select({ status: importTitles.status, kinds: importTitles.kinds })
    .from(importTitles)
    .where(eq(importTitles.batchId, batch.id));
  const zero = () => Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ImportKind, number>;
  const [records, matched] = [zero(), zero()];
  const titles = { total: batch.totalTitles, pending: 0, matched: 0, ambiguous: 0, unmatched: 0, skipped: 0 };
  for (const { status, kinds } of titleRows) {
    titles[status] += 1;
    for (const kind of KINDS) {
      records[kind] += kinds[kind] ?? 0;
      if (status === 'matched') matched[kind] += kinds[kind] ?? 0;
    }
  }
  const earlier = await sameFileCommitted(deps.db, batch.userId, batch.fileSha256, batch.id);
  const added = batch.status === 'committed' || batch.status === 'undone' ? batch.added : null;
  return {
    id: batch.id,
    format: batch.format as ImportFormat,
    file_name: batch.fileName,
    status: batch.status,
    created_at: batch.createdAt.toISOString(),
    committed_at: iso(batch.committedAt),
    undone_at: iso(batch.undoneAt),
    progress: progressOf(batch, now),
    records,
    matched,
    titles,
    added: added
      ? {
          watches: added.watches ?? 0,
          follows: added.follows ?? 0,
          watchlist: added.watchlist ?? 0,
          ratings: added.ratings ?? 0,
          list_entries: added.list_entries ?? 0,
          already_there: added.already_there ?? 0,
          not_matched: added.not_matched ?? 0,
          not_placed: added.not_placed ?? 0,
        }
      : null,
    notices: batch.notices,
    error: batch.error,
    same_file_committed_at: earlier?.committedAt ? earlier.committedAt.toISOString() : null,
  };
}

async function requireBatch(deps: Pick<SyncDeps, 'db'>, userId: string, batchId: string): Promise<Batch> {
  const batch = await ownBatch(deps.db, userId, batchId);
  if (!batch) throw notFound('No import with this id.');
  return batch;
}

/** A file that cannot be imported, as the API's error: too large is 413, the rest 422, each with its own code. */
export function importFileProblem(error: ImportFileError): ApiError {
  if (error.code === 'file_too_large' || error.code === 'archive_too_large') return new ApiError(413, 'payload_too_large', error.message);
  return new ApiError(422, error.code, error.message);
}

/** Reads and stores an upload, then matches what it can within the request. Changes nothing the person sees. */
export async function uploadImport(deps: ImportDeps, userId: string, upload: { bytes: Uint8Array; fileName: string | null }, now: number) {
  let parsed;
  try {
    const files = await readUpload(upload.bytes, { name: upload.fileName ?? undefined, keep: mayRead });
    parsed = parseUpload(files);
  } catch (error) {
    if (error instanceof ImportFileError) throw importFileProblem(error);
    throw error;
  }
  if (!parsed.records.length) {
    throw new ApiError(422, 'empty_file', `This ${parsed.format} export holds nothing to import${parsed.notices.length ? `: ${parsed.notices.slice(0, 3).join(' ')}` : '.'}`);
  }
  const batchId = await storeBatch(deps.db, userId, { parsed, fileName: upload.fileName, sha256: await sha256Hex(upload.bytes) });
  const left = await matchStep(deps, batchId, INLINE_TITLES);
  if (left > 0) await deps.enqueue({ type: 'import.match', batchId });
  return viewOf(deps, await requireBatch(deps, userId, batchId), now);
}

export async function getImport(deps: Pick<SyncDeps, 'db'>, userId: string, batchId: string, now: number) {
  return viewOf(deps, await requireBatch(deps, userId, batchId), now);
}

export async function listImports(deps: Pick<SyncDeps, 'db'>, userId: string, now: number) {
  const batches = await listBatches(deps.db, userId);
  return { results: await Promise.all(batches.map((batch) => viewOf(deps, batch, now))) };
}

export async function listTitles(deps: Pick<SyncDeps, 'db'>, userId: string, batchId: string, input: { status?: z.infer<typeof ImportTitleSchema>['status']; page: number }) {
  await requireBatch(deps, userId, batchId);
  const where = and(eq(importTitles.batchId, batchId), input.status ? eq(importTitles.status, input.status) : undefined);
  const [total] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(importTitles).where(where);
  const rows = await deps.db
    .select({ title: importTitles, show: { id: shows.id, title: shows.title, premiereDate: shows.premiereDate, posterUrl: shows.posterUrl } })
    .from(importTitles)
    .leftJoin(shows, eq(shows.id, importTitles.showId))
    .where(where)
    .orderBy(sql`${importTitles.records} DESC`, asc(importTitles.titleKey))
    .limit(TITLES_PAGE)
    .offset((input.page - 1) * TITLES_PAGE);
  return {
    page: input.page,
    total: total!.n,
    results: rows.map(({ title, show }) => {
      const ref = title.ref as TitleRef;
      return {
        title_key: title.titleKey,
        media_type: title.mediaType,
        title: ref.title ?? null,
        year: ref.year ?? null,
        ids: Object.fromEntries(Object.entries(ref.ids).filter(([, value]) => value !== undefined && value !== null)) as Record<string, string | number>,
        status: title.status,
        how: title.how,
        confidence: title.confidence,
        records: title.records,
        show: show ? { id: show.id, title: show.title, year: show.premiereDate ? Number(show.premiereDate.slice(0, 4)) : null, poster_url: show.posterUrl } : null,
        candidates: title.candidates as MatchCandidate[],
      };
    }),
  };
}

/** The person's choice for one title of a ready batch: a show of ours, or null to leave it out. */
export async function chooseTitle(deps: Pick<SyncDeps, 'db'>, userId: string, batchId: string, choice: { title_key: string; show_id: string | null }, now: number) {
  const batch = await requireBatch(deps, userId, batchId);
  if (batch.status !== 'ready') throw conflict(batch.status === 'matching' ? 'Titles are still being looked up; choose once the preview is ready.' : 'This import is no longer a preview.');
  const [title] = await deps.db
    .select({ mediaType: importTitles.mediaType })
    .from(importTitles)
    .where(and(eq(importTitles.batchId, batchId), eq(importTitles.titleKey, choice.title_key)));
  if (!title) throw notFound('This import names no such title.');
  if (choice.show_id) {
    const [show] = await deps.db.select({ mediaType: shows.mediaType }).from(shows).where(eq(shows.id, choice.show_id));
    if (!show) throw notFound('No show or movie with this id.');
    if (show.mediaType !== title.mediaType) throw new ApiError(422, 'bad_request', `This title is a ${title.mediaType === 'tv' ? 'show' : 'movie'}; choose a ${title.mediaType === 'tv' ? 'show' : 'movie'}.`);
  }
  await deps.db
    .update(importTitles)
    .set(
      choice.show_id
        ? { status: 'matched', showId: choice.show_id, how: 'chosen by you', confidence: null }
        : { status: 'skipped', showId: null, how: 'left out by you', confidence: null },
    )
    .where(and(eq(importTitles.batchId, batchId), eq(importTitles.titleKey, choice.title_key)));
  return viewOf(deps, batch, now);
}

/** Starts writing a ready batch; small ones finish within the request. */
export async function commitImport(deps: ImportDeps, userId: string, batchId: string, now: number) {
  const batch = await requireBatch(deps, userId, batchId);
  if (batch.status === 'ready') {
    await deps.db
      .update(importBatches)
      .set({ status: 'committing', commitStartedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(importBatches.id, batchId), eq(importBatches.status, 'ready')));
  } else if (batch.status !== 'committing' && batch.status !== 'committed') {
    throw conflict(batch.status === 'matching' ? 'Titles are still being looked up; commit once the preview is ready.' : `This import is ${batch.status}; it cannot be committed again. Upload the file again to import it anew.`);
  }
  if (batch.status !== 'committed' && (await commitStep(deps.db, batchId)) > 0) await deps.enqueue({ type: 'import.commit', batchId });
  return viewOf(deps, await requireBatch(deps, userId, batchId), now);
}

export async function undoImport(deps: Pick<SyncDeps, 'db'>, userId: string, batchId: string, now: number) {
  await undoBatch(deps.db, userId, batchId);
  return viewOf(deps, await requireBatch(deps, userId, batchId), now);
}

/**
 * Marks an import whose queued step was given up on (the dead-letter queue):
 * what it wrote so far stays until the person undoes it, and the preview says
 * what happened.
 */
export async function failImport(db: ImportDeps['db'], batchId: string, what: string): Promise<void> {
  await db
    .update(importBatches)
    .set({ status: 'failed', error: `${what}; what was written so far can be undone. Try the import again later.`, updatedAt: sql`now()` })
    .where(and(eq(importBatches.id, batchId), sql`${importBatches.status} IN ('matching', 'committing')`));
}

/**
 * Steps per queue message: a message carries on for up to this many steps
 * (200 titles, or 40,000 records) rather than waiting for the queue's batch
 * timeout between each; another message follows while work is left.
 */
export const STEPS_PER_MESSAGE = 20;

/**
 * Tells the person a stage that ran on the queue is over: a notification
 * (listed, and pushed by the dispatcher within a minute) that opens the
 * import. Once per import and stage, however often the last step is redelivered.
 */
async function notifyStageDone(db: ImportDeps['db'], batchId: string, stage: 'ready' | 'committed'): Promise<void> {
  await db.execute(sql`
    INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
    SELECT b.user_id,
           ${stage === 'ready' ? 'Your import is ready to review' : 'Your import is done'}::text,
           CASE WHEN ${stage}::text = 'ready'
             THEN 'Check what matched, choose for the titles that need you, then import.'
             ELSE format('%s watches, %s shows followed, %s on your watchlist and %s ratings added.',
                         COALESCE(b.added->>'watches', '0'), COALESCE(b.added->>'follows', '0'),
                         COALESCE(b.added->>'watchlist', '0'), COALESCE(b.added->>'ratings', '0'))
           END,
           jsonb_build_object('url', '/settings/import?import=' || b.id, 'import_id', b.id, 'import_stage', ${stage}::text),
           now()
    FROM import_batches b
    WHERE b.id = ${batchId} AND b.status = ${stage}
      AND NOT EXISTS (
        SELECT 1 FROM notifications n
        WHERE n.user_id = b.user_id AND n.payload->>'import_id' = b.id::text AND n.payload->>'import_stage' = ${stage}::text
      )`);
}

/** Up to STEPS_PER_MESSAGE steps of a batch's current stage; each step is idempotent, so a redelivered message repeats nothing. */
export async function runImportStep(deps: ImportDeps, message: ImportMessage): Promise<void> {
  for (let step = 0; step < STEPS_PER_MESSAGE; step++) {
    const left = message.type === 'import.match' ? await matchStep(deps, message.batchId) : await commitStep(deps.db, message.batchId);
    if (left === 0) {
      await notifyStageDone(deps.db, message.batchId, message.type === 'import.match' ? 'ready' : 'committed');
      return;
    }
  }
  await deps.enqueue(message);
}
