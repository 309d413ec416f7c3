// /api/v1/imports: bring history from another tracker. Upload a file (its
// format is read from its content), read the preview, choose for ambiguous
// titles, commit; undo a commit as a whole.
import { $, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { syncEnqueuer } from '../../jobs/queue.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { requestSyncDeps } from '../metadata/request-deps.ts';
import { MAX_UPLOAD_BYTES } from './archive/zip.ts';
import { ChooseSchema, ImportListSchema, ImportSchema, ImportTitlesSchema, TitlesQuerySchema, UploadQuerySchema } from './imports.schemas.ts';
import { chooseTitle, commitImport, getImport, listImports, listTitles, undoImport, uploadImport, type ImportDeps } from './imports.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const noImport = { 404: errorResponse('No import with this id (or not yours).') };
const params = z.object({ import_id: UuidParam('import_id') });

/** The upload's path: app.ts lets its body be a file of up to MAX_UPLOAD_BYTES rather than 64 KiB of JSON. */
export const UPLOAD_PATH = '/api/v1/imports';
export { MAX_UPLOAD_BYTES };

const importDeps = (c: Context<AppEnv>): ImportDeps => ({
  ...requestSyncDeps(c),
  enqueue: (message) => syncEnqueuer(c.env)([message], 0),
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['imports'],
  summary: 'Upload an export file: a preview, nothing changes yet',
  description: `The body is the file itself (a ZIP, CSV or JSON export; at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB). The format is read from the content: TV Time (GDPR export, TV Time Liberator, TV Time Out), Trakt's data export, IMDb ratings and list CSVs, Letterboxd's export. Titles are matched by external id, then by title and year; small files come back ready, larger ones go on matching (status "matching", with progress).`,
  security,
  request: {
    query: UploadQuerySchema,
    body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: {
    201: jsonResponse(ImportSchema, 'Read and stored; the preview, or its progress.'),
    ...errors,
    413: errorResponse(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB, or the archive unpacks to too much.`),
    422: errorResponse('The file is not an export we can read: unknown format, malformed, truncated, password-protected, too many files or empty.'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['imports'],
  summary: 'Your imports, newest first',
  security,
  responses: { 200: jsonResponse(ImportListSchema, 'Up to 50.'), ...errors },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{import_id}',
  tags: ['imports'],
  summary: 'One import: its preview, progress and outcome',
  security,
  request: { params },
  responses: { 200: jsonResponse(ImportSchema, 'The import.'), ...noImport, ...errors },
});

const titlesRoute = createRoute({
  method: 'get',
  path: '/{import_id}/titles',
  tags: ['imports'],
  summary: 'The titles an import names, with how each matched, or the candidates and reasons',
  security,
  request: { params, query: TitlesQuerySchema },
  responses: { 200: jsonResponse(ImportTitlesSchema, '50 per page, the most-named first.'), ...noImport, ...errors },
});

const chooseRoute = createRoute({
  method: 'post',
  path: '/{import_id}/choices',
  tags: ['imports'],
  summary: 'Choose the title for an ambiguous or unmatched one, or leave it out',
  security,
  request: { params, ...jsonBody(ChooseSchema) },
  responses: {
    200: jsonResponse(ImportSchema, 'The import with the choice applied.'),
    409: errorResponse('The import is not a ready preview.'),
    422: errorResponse('A show chosen for a movie, or a movie for a show.'),
    ...noImport,
    ...errors,
  },
});

const commitRoute = createRoute({
  method: 'post',
  path: '/{import_id}/commit',
  tags: ['imports'],
  summary: 'Write a ready import (idempotent)',
  description: 'Adds the watches, follows, watchlist entries, ratings and list entries of matched titles, each carrying the import, never changing what was there. Small imports are done when this answers; larger ones go on (status "committing", with progress).',
  security,
  request: { params },
  responses: {
    200: jsonResponse(ImportSchema, 'Committed, or committing.'),
    409: errorResponse('Still matching, or undone.'),
    ...noImport,
    ...errors,
  },
});

const undoRoute = createRoute({
  method: 'post',
  path: '/{import_id}/undo',
  tags: ['imports'],
  summary: 'Remove everything an import added (idempotent)',
  security,
  request: { params },
  responses: { 200: jsonResponse(ImportSchema, 'Undone.'), 409: errorResponse('Not committed (yet).'), ...noImport, ...errors },
});

export const importsRoutes = $(createRouter().use('*', requireUser))
  .openapi(uploadRoute, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const view = await uploadImport(importDeps(c), c.var.userId, { bytes, fileName: c.req.valid('query').name ?? null }, Date.now());
    return c.json(view, 201);
  })
  .openapi(listRoute, async (c) => c.json(await listImports(requestSyncDeps(c), c.var.userId, Date.now()), 200))
  .openapi(getRoute, async (c) => c.json(await getImport(requestSyncDeps(c), c.var.userId, c.req.valid('param').import_id, Date.now()), 200))
  .openapi(titlesRoute, async (c) => c.json(await listTitles(requestSyncDeps(c), c.var.userId, c.req.valid('param').import_id, c.req.valid('query')), 200))
  .openapi(chooseRoute, async (c) =>
    c.json(await chooseTitle(requestSyncDeps(c), c.var.userId, c.req.valid('param').import_id, c.req.valid('json'), Date.now()), 200),
  )
  .openapi(commitRoute, async (c) => c.json(await commitImport(importDeps(c), c.var.userId, c.req.valid('param').import_id, Date.now()), 200))
  .openapi(undoRoute, async (c) => c.json(await undoImport(requestSyncDeps(c), c.var.userId, c.req.valid('param').import_id, Date.now()), 200));
