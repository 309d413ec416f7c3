import { z } from '@hono/zod-openapi';
import { IMPORT_FORMATS } from './records.ts';

const count = z.number().int().nonnegative();

export const UploadQuerySchema = z.object({
  name: z.string().trim().max(300).optional().openapi({ description: 'The file’s name, for the import list; the format is read from the content, never from the name.' }),
});

const KindCounts = z
  .object({
    episode_watch: count,
    movie_watch: count,
    follow: count,
    watchlist: count,
    rating: count,
    list_entry: count,
  })
  .openapi('ImportKindCounts');

export const ImportSchema = z
  .object({
    id: z.uuid(),
    format: z.enum(IMPORT_FORMATS),
    file_name: z.string().nullable(),
    status: z.enum(['matching', 'ready', 'committing', 'committed', 'undoing', 'undone', 'failed']).openapi({
      description:
        'matching: titles are being looked up (progress). ready: the preview is complete; nothing has changed yet. committing: being written (progress). committed: done; can be undone. undone: everything it added was removed. failed: a step kept failing (see error); what it wrote can be undone.',
    }),
    created_at: z.string(),
    committed_at: z.string().nullable(),
    undone_at: z.string().nullable(),
    progress: z
      .object({
        stage: z.enum(['matching', 'committing', 'done']),
        done: count,
        total: count,
        percent: z.number().int().min(0).max(100),
        estimated_seconds_left: count.nullable(),
      })
      .openapi('ImportProgress'),
    records: KindCounts.openapi({ description: 'What the file holds, by kind.' }),
    matched: KindCounts.openapi({ description: 'Of those, the ones whose title is matched (or chosen): what a commit would write at most.' }),
    titles: z
      .object({ total: count, pending: count, matched: count, ambiguous: count, unmatched: count, skipped: count })
      .openapi('ImportTitleCounts'),
    added: z
      .object({
        watches: count,
        follows: count,
        watchlist: count,
        ratings: count,
        list_entries: count,
        already_there: count,
        not_matched: count,
        not_placed: count,
      })
      .nullable()
      .openapi({ description: 'After a commit: what it wrote, what was already there, what it could not place.' }),
    notices: z.array(z.string()).openapi({ description: 'What the file itself reported or what was skipped while reading it.' }),
    error: z.string().nullable().openapi({ description: 'For a failed import: what went wrong.' }),
    same_file_committed_at: z.string().nullable().openapi({ description: 'When this same file was committed before (importing it again adds nothing).' }),
  })
  .openapi('Import');

export const ImportListSchema = z.object({ results: z.array(ImportSchema) }).openapi('ImportList');

const Candidate = z
  .object({
    show_id: z.uuid(),
    title: z.string(),
    year: z.number().int().nullable(),
    media_type: z.enum(['tv', 'movie']),
    poster_url: z.string().nullable(),
    confidence: z.number(),
  })
  .openapi('ImportCandidate');

export const TitlesQuerySchema = z.object({
  status: z.enum(['pending', 'matched', 'ambiguous', 'unmatched', 'skipped']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const ImportTitleSchema = z
  .object({
    title_key: z.string(),
    media_type: z.enum(['tv', 'movie']),
    title: z.string().nullable().openapi({ description: 'As the file names it.' }),
    year: z.number().int().nullable(),
    ids: z.record(z.string(), z.union([z.string(), z.number()])),
    status: z.enum(['pending', 'matched', 'ambiguous', 'unmatched', 'skipped']),
    how: z.string().nullable().openapi({ description: 'How it matched, or why it did not.' }),
    confidence: z.number().nullable(),
    records: count,
    show: z.object({ id: z.uuid(), title: z.string(), year: z.number().int().nullable(), poster_url: z.string().nullable() }).nullable(),
    candidates: z.array(Candidate),
  })
  .openapi('ImportTitle');

export const ImportTitlesSchema = z
  .object({ results: z.array(ImportTitleSchema), page: z.number().int(), total: count })
  .openapi('ImportTitles');

export const ChooseSchema = z
  .object({
    title_key: z.string().min(1).max(600),
    show_id: z.uuid('show_id must be a UUID').nullable().openapi({ description: 'The title to use; null to leave this one out.' }),
  })
  .strict()
  .openapi('ImportChoice');
