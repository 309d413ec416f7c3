import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../index.ts';
import { query, signUp, TEST_ENV } from '../test-helpers.ts';
import { QUEUES } from './messages.ts';
import { retryDelaySeconds } from './queue.ts';
import { CRON_JOBS } from './scheduled.ts';

async function deliver(queue: string, bodies: unknown[], env: typeof TEST_ENV = TEST_ENV) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, index) => ({ id: `m${index}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe('cron triggers', () => {
  it('cover the four jobs: dispatch every minute, changes hourly, tracked shows every 6 hours, cleanup daily', () => {
    expect(Object.keys(CRON_JOBS).sort()).toEqual(['* * * * *', '0 * * * *', '0 */6 * * *', '0 3 * * *'].sort());
  });

});

describe('the cleanup job (job 4)', () => {
  it('drops expired refresh and reset tokens, old throttle rows and old read notifications, and keeps the rest', async () => {
    const account = await signUp();
    await query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, gen_random_uuid(), $2, now() - interval '2 days')`,
      [account.id, `expired-${account.id}`],
    );
    await query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES
        ($1, $2, now() - interval '2 days'), ($1, $3, now() + interval '30 minutes')`,
      [account.id, `expired-reset-${account.id}`, `live-reset-${account.id}`],
    );
    await query(`INSERT INTO auth_throttle (key, window_start, attempts) VALUES ($1, now() - interval '2 days', 3)`, [
      `login:account:old-${account.id}`,
    ]);
    await query(
      `INSERT INTO notifications (user_id, title, body, status, scheduled_for, created_at) VALUES
        ($1, 'old read', 'b', 'read', now() - interval '100 days', now() - interval '100 days'),
        ($1, 'old unread', 'b', 'sent', now() - interval '100 days', now() - interval '100 days'),
        ($1, 'new read', 'b', 'read', now(), now())`,
      [account.id],
    );

    const result = await deliver(QUEUES.sync, [{ type: 'maintenance.cleanup' }]);
    expect(result.explicitAcks).toEqual(['m0']);
    expect(result.retryMessages).toEqual([]);

    expect(await query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [`expired-${account.id}`])).toHaveLength(0);
    expect(await query('SELECT 1 FROM refresh_tokens WHERE user_id = $1', [account.id])).toHaveLength(1);
    const resets = await query<{ token_hash: string }>('SELECT token_hash FROM password_reset_tokens WHERE user_id = $1', [account.id]);
    expect(resets.map((row) => row.token_hash)).toEqual([`live-reset-${account.id}`]);
    expect(await query('SELECT 1 FROM auth_throttle WHERE key = $1', [`login:account:old-${account.id}`])).toHaveLength(0);
    const kept = await query<{ title: string }>('SELECT title FROM notifications WHERE user_id = $1 ORDER BY title', [account.id]);
    expect(kept.map((row) => row.title)).toEqual(['new read', 'old unread']);
  });
});

describe('queue consumers', () => {
  it('record an unreadable message in sync_log and ack it rather than retry forever', async () => {
    const marker = `bogus-${crypto.randomUUID()}`;
    const result = await deliver(QUEUES.sync, [{ type: marker }]);
    expect(result.explicitAcks).toEqual(['m0']);
    const logged = await query<{ source: string; status: string }>(
      'SELECT source, status FROM sync_log WHERE error_message LIKE $1',
      [`%${marker}%`],
    );
    expect(logged).toEqual([{ source: 'dead_letter', status: 'failed' }]);
  });

  it('write what reaches the dead-letter queue to sync_log', async () => {
    const marker = `dead-${crypto.randomUUID()}`;
    const result = await deliver(QUEUES.deadLetter, [{ type: 'maintenance.cleanup', marker }]);
    expect(result.explicitAcks).toEqual(['m0']);
    expect(await query('SELECT 1 FROM sync_log WHERE error_message LIKE $1', [`%${marker}%`])).toHaveLength(1);
  });

  it.each([
    ['no VAPID subject', { VAPID_SUBJECT: undefined }],
    ['a VAPID public key that is not a P-256 point', { VAPID_PUBLIC_KEY: 'not a key!' }],
  ])('retry a dispatch message, not drop it, while web push has %s', async (_name, vars) => {
    const env = { ...TEST_ENV, ...vars } as unknown as typeof TEST_ENV;
    const result = await deliver(QUEUES.dispatch, [{ type: 'dispatch.due' }], env);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: 'm0' }]);
  });

  it('back off exponentially between retries, capped at 15 minutes', () => {
    expect([1, 2, 3, 4, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 900]);
  });
});
