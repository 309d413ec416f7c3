// POST /api/internal/sync/trigger and GET /api/internal/sync/status (service token only).
import { createRoute, z } from '@hono/zod-openapi';
import { desc, eq } from 'drizzle-orm';
import { shows, syncLog } from '../../db/schema/index.ts';
import { syncEnqueuer } from '../../jobs/queue.ts';
import { notFound } from '../../lib/errors.ts';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { CHANGES_SOURCE, enqueueShowSyncs, planSync } from '../metadata/sync-jobs.ts';

const TriggerSchema = z
  .union([
    z.object({ show_id: z.uuid('show_id must be a UUID') }).strict(),
    z.object({ all_due: z.literal(true) }).strict(),
  ])
  .openapi('SyncTrigger', { description: 'One show by id, or every show that is due (job 1 now).' });

const SyncLogSchema = z
  .object({
    id: z.uuid(),
    source: z.string(),
    show_id: z.uuid().nullable(),
    show_title: z.string().nullable(),
    status: z.string(),
    records_updated: z.number().nullable(),
    error_message: z.string().nullable(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .openapi('SyncLogEntry');

const security = [{ internal: [] }];

const triggerRoute = createRoute({
  method: 'post',
  path: '/sync/trigger',
  tags: ['internal'],
  summary: 'Queue a sync of one show, or of every due show',
  security,
  request: jsonBody(TriggerSchema),
  responses: {
    202: jsonResponse(z.object({ enqueued: z.number() }), 'Queued.'),
    404: errorResponse('No such show.'),
    ...authErrors,
    ...commonErrors,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/sync/status',
  tags: ['internal'],
  summary: 'Recent sync runs',
  security,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: {
    200: jsonResponse(
      z.object({
        recent: z.array(SyncLogSchema),
        last_changes_run: SyncLogSchema.nullable(),
        queue_depth: z.number().nullable().openapi({ description: 'Not exposed to workers by Cloudflare Queues: always null; see the dashboard.' }),
      }),
      'Newest first.',
    ),
    ...authErrors,
    ...commonErrors,
  },
});

type LogRow = { log: typeof syncLog.$inferSelect; title: string | null };
const toEntry = ({ log, title }: LogRow): z.infer<typeof SyncLogSchema> => ({
  id: log.id,
  source: log.source,
  show_id: log.showId,
  show_title: title,
  status: log.status,
  records_updated: log.recordsUpdated,
  error_message: log.errorMessage,
  started_at: log.startedAt.toISOString(),
  finished_at: log.finishedAt?.toISOString() ?? null,
});

export const syncRoutes = createRouter()
  .openapi(triggerRoute, async (c) => {
    const body = c.req.valid('json');
    let ids: string[];
    if ('show_id' in body) {
      const [show] = await c.var.db.select({ id: shows.id }).from(shows).where(eq(shows.id, body.show_id));
      if (!show) throw notFound('No show or movie with this id.');
      ids = [show.id];
    } else {
      ids = await planSync(c.var.db, 'due');
    }
    await enqueueShowSyncs(syncEnqueuer(c.env), ids, 'manual');
    return c.json({ enqueued: ids.length }, 202);
  })
  .openapi(statusRoute, async (c) => {
    const select = () =>
      c.var.db.select({ log: syncLog, title: shows.title }).from(syncLog).leftJoin(shows, eq(shows.id, syncLog.showId));
    const recent = await select().orderBy(desc(syncLog.startedAt)).limit(c.req.valid('query').limit);
    const [lastChanges] = await select().where(eq(syncLog.source, CHANGES_SOURCE)).orderBy(desc(syncLog.startedAt)).limit(1);
    return c.json({ recent: recent.map(toEntry), last_changes_run: lastChanges ? toEntry(lastChanges) : null, queue_depth: null }, 200);
  });
