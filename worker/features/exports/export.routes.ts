// /api/v1/export: everything ShowTracker holds about the signed-in person,
// as the versioned JSON document (which imports back) or as CSVs in a ZIP.
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, jsonResponse } from '../../lib/openapi.ts';
import { requireUser } from '../auth/auth.middleware.ts';
import { ExportDocument } from './export.schema.ts';
import { exportCsvZip, exportDocument } from './export.service.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['export'],
  summary: 'Download everything about you: JSON (importable) or CSV',
  description:
    'format=json (default): the ShowTracker export document, version 1 (docs/export-format.md); importing it into another account restores the library. format=csv: a ZIP of CSVs, one per section. Secrets (password, tokens, push keys, the calendar feed link) are never included.',
  security: [{ bearer: [] }],
  request: { query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
  responses: {
    200: {
      ...jsonResponse(ExportDocument, 'The export, as an attachment.'),
      content: {
        'application/json': { schema: ExportDocument },
        'application/zip': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...authErrors,
    ...commonErrors,
  },
});

export const exportRoutes = $(createRouter().use('*', requireUser)).openapi(exportRoute, async (c) => {
  const now = new Date();
  const document = await exportDocument(c.var.db, c.var.userId, now);
  const stem = `showtracker-export-${now.toISOString().slice(0, 10)}`;
  if (c.req.valid('query').format === 'csv') {
    c.header('Content-Disposition', `attachment; filename="${stem}.zip"`);
    return c.body(exportCsvZip(document) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/zip' });
  }
  c.header('Content-Disposition', `attachment; filename="${stem}.json"`);
  return c.json(document, 200);
});
