// GET /api/internal/health: can the worker reach Postgres and KV?
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { authErrors, commonErrors, createRouter, jsonResponse } from '../../lib/openapi.ts';

const CheckSchema = z.object({
  ok: z.boolean(),
  latency_ms: z.number(),
  error: z.string().optional(),
});

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: CheckSchema, kv: CheckSchema }),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['internal'],
  summary: 'Database and KV reachability',
  security: [{ internal: [] }],
  responses: {
    200: jsonResponse(HealthSchema, 'Everything answers.'),
    503: jsonResponse(HealthSchema, 'Something does not.'),
    ...authErrors,
    ...commonErrors,
  },
});

async function check(probe: () => Promise<void>): Promise<z.infer<typeof CheckSchema>> {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

const probeDatabase = (db: Db) => async () => {
  await db.execute(sql`SELECT 1`);
};

const probeKv = (kv: KVNamespace) => async () => {
  // A read is enough to prove the binding answers; no write per probe.
  await kv.get('health:probe');
};

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const [database, kv] = await Promise.all([check(probeDatabase(c.var.services.db)), check(probeKv(c.var.services.cache))]);
  const healthy = database.ok && kv.ok;
  return c.json({ status: healthy ? 'ok' : 'degraded', checks: { database, kv } } as const, healthy ? 200 : 503);
});
