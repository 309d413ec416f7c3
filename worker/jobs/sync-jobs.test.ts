import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import worker from '../index.ts';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV } from '../test-helpers.ts';
import { CHANGES_SOURCE } from '../features/metadata/sync-jobs.ts';
import { QUEUES } from './messages.ts';

const INTERNAL = 'test-internal-token-0123456789';

/** An env whose sync queue records what is sent, delays included. */
function capturingEnv() {
  const sent: { body: unknown; delaySeconds?: number }[] = [];
  const queue = {
    send: async (body: unknown) => void sent.push({ body }),
    sendBatch: async (messages: { body: unknown; delaySeconds?: number }[]) => void sent.push(...messages),
  } as unknown as Queue;
  return { env: { ...TEST_ENV, SYNC_QUEUE: queue }, sent };
}

async function deliver(env: typeof TEST_ENV, bodies: unknown[]) {
  const batch = createMessageBatch(
    QUEUES.sync,
    bodies.map((body, index) => ({ id: `m${index}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

async function trackedShow(title: string, tmdbId: number) {
  const [show] = await query<{ id: string }>(
    `INSERT INTO shows (title, media_type, tmdb_id, status) VALUES ($1, 'tv', $2, 'returning')
     ON CONFLICT (media_type, tmdb_id) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [title, tmdbId],
  );
  const person = await signUp();
  await query('INSERT INTO user_tracked_shows (user_id, show_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [person.id, show!.id]);
  return show!.id;
}

describe('cron triggers', () => {
  it.each([
    ['0 * * * *', { type: 'sync.changes' }],
    ['0 */6 * * *', { type: 'sync.plan', scope: 'due' }],
    ['0 3 * * *', { type: 'maintenance.cleanup' }],
  ])('%s only enqueues %j', async (cron, message) => {
    const { env, sent } = capturingEnv();
    await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env);
    expect(sent.map((item) => item.body)).toEqual([message]);
  });
});

describe('the sync consumer', () => {
  it('syncs one show per message and acks it', async () => {
    const showId = await trackedShow('Fallout', 106379);
    const result = await deliver(TEST_ENV, [{ type: 'sync.show', showId, source: 'tracked' }]);
    expect(result.explicitAcks).toEqual(['m0']);
    const [log] = await query<{ source: string; status: string }>(
      'SELECT source, status FROM sync_log WHERE show_id = $1 ORDER BY started_at DESC LIMIT 1',
      [showId],
    );
    expect(log).toEqual({ source: 'tmdb:tracked', status: 'success' });
  });

  it('acks a show TMDB no longer has, after recording why', async () => {
    const [ghost] = await query<{ id: string }>(
      "INSERT INTO shows (title, media_type, tmdb_id) VALUES ('Gone', 'tv', $1) RETURNING id",
      [990_000_000 + Math.floor(Math.random() * 9_999_999)],
    );
    const result = await deliver(TEST_ENV, [{ type: 'sync.show', showId: ghost!.id, source: 'changes' }]);
    expect(result.explicitAcks).toEqual(['m0']);
    const [log] = await query<{ status: string; error_message: string }>('SELECT status, error_message FROM sync_log WHERE show_id = $1', [ghost!.id]);
    expect(log!.status).toBe('failed');
    expect(log!.error_message).toContain('TMDB has no TV show');
  });

  it('plans job 1 as waves of show syncs, spaced to respect the TMDB budget', async () => {
    for (let i = 0; i < 12; i++) await trackedShow(`Planned ${i} ${crypto.randomUUID()}`, 980_000_000 + Math.floor(Math.random() * 9_999_999));
    const { env, sent } = capturingEnv();
    const result = await deliver(env, [{ type: 'sync.plan', scope: 'due' }]);
    expect(result.explicitAcks).toEqual(['m0']);
    expect(sent.length).toBeGreaterThanOrEqual(12);
    expect(sent.length).toBeLessThanOrEqual(100);
    expect(sent.every((item) => (item.body as { type: string }).type === 'sync.show')).toBe(true);
    expect(sent.slice(0, 10).every((item) => item.delaySeconds === 0)).toBe(true);
    expect(sent[10]!.delaySeconds).toBe(15);
  });
});

describe('the changes feed (job 2)', () => {
  it('falls back to a full sync when the last successful run is more than 14 days old', async () => {
    await query('DELETE FROM sync_log WHERE source = $1', [CHANGES_SOURCE]);
    await query(
      `INSERT INTO sync_log (source, status, started_at, finished_at) VALUES ($1, 'success', now() - interval '20 days', now() - interval '20 days')`,
      [CHANGES_SOURCE],
    );
    const { env, sent } = capturingEnv();
    expect((await deliver(env, [{ type: 'sync.changes' }])).explicitAcks).toEqual(['m0']);
    expect(sent.map((item) => item.body)).toEqual([{ type: 'sync.plan', scope: 'all' }]);
  });

  it('queues the tracked shows TMDB reports as changed since the last run, and only those', async () => {
    const changed = await trackedShow('Bluey', 82728);
    const quiet = await trackedShow('Firefly', 1437);
    const { env, sent } = capturingEnv();
    expect((await deliver(env, [{ type: 'sync.changes' }])).explicitAcks).toEqual(['m0']);
    const queued = sent.map((item) => (item.body as { showId: string }).showId);
    expect(queued).toContain(changed);
    expect(queued).not.toContain(quiet);
    const [log] = await query<{ status: string }>(
      'SELECT status FROM sync_log WHERE source = $1 ORDER BY started_at DESC LIMIT 1',
      [CHANGES_SOURCE],
    );
    expect(log!.status).toBe('success');
  });
});

describe('internal sync routes', () => {
  it('trigger one show or all due shows, behind the service token', async () => {
    const showId = await trackedShow('Andor', 83867);
    // Through the real app, with the queue captured so no background syncs start.
    const { env, sent } = capturingEnv();
    const trigger = async (body: unknown) => {
      const response = await createApp().fetch(
        new Request('http://localhost/api/internal/sync/trigger', {
          method: 'POST',
          headers: { Authorization: `Bearer ${INTERNAL}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
        env,
        createExecutionContext(),
      );
      return { status: response.status, body: (await response.json()) as { enqueued: number; error?: { code: string } } };
    };
    expect(await trigger({ show_id: showId })).toEqual({ status: 202, body: { enqueued: 1 } });
    expect(sent.map((item) => item.body)).toEqual([{ type: 'sync.show', showId, source: 'manual' }]);
    const due = await trigger({ all_due: true });
    expect(due.status).toBe(202);
    expect(due.body.enqueued).toBeGreaterThan(0);
    expect(sent).toHaveLength(1 + due.body.enqueued);
    expect((await trigger({ show_id: crypto.randomUUID() })).body.error?.code).toBe('not_found');
    expectErrorEnvelope(await call('POST', '/api/internal/sync/trigger', { token: INTERNAL, json: {} }), 400, 'validation_failed');
    expectErrorEnvelope(await call('POST', '/api/internal/sync/trigger', { json: { all_due: true } }), 401, 'unauthorized');
  });

  it('report recent runs, newest first', async () => {
    const status = await call('GET', '/api/internal/sync/status?limit=5', { token: INTERNAL });
    expect(status.status).toBe(200);
    expect(status.body.recent.length).toBeGreaterThan(0);
    expect(status.body.recent.length).toBeLessThanOrEqual(5);
    expect(status.body.queue_depth).toBeNull();
    const times = status.body.recent.map((entry: { started_at: string }) => Date.parse(entry.started_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expectErrorEnvelope(await call('GET', '/api/internal/sync/status?limit=0', { token: INTERNAL }), 400, 'validation_failed');
  });
});
