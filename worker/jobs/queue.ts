// Queue consumers: each message is handled on its own and acked or retried
// with backoff; Queues deliver at least once, so every handler is idempotent.
import { openDb, type Db } from '../db/client.ts';
import { readConfig, type Env } from '../env.ts';
import { runCleanup } from '../features/maintenance/cleanup.service.ts';
import { syncLog } from '../db/schema/index.ts';
import { createLogger, describeError, type Logger } from '../lib/logger.ts';
import { QUEUES, SyncQueueMessage } from './messages.ts';

/** 30 s, 60 s, 120 s … capped at 15 minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));

async function withDb<T>(env: Env, work: (db: Db) => Promise<T>): Promise<T> {
  const config = readConfig(env);
  if (!config.ok) throw new Error(`worker misconfigured: ${config.problems.join(', ')}`);
  const { db, close } = openDb(config.config);
  try {
    return await work(db);
  } finally {
    await close();
  }
}

async function handleSync(message: SyncQueueMessage, env: Env, logger: Logger): Promise<void> {
  switch (message.type) {
    case 'maintenance.cleanup': {
      const counts = await withDb(env, runCleanup);
      logger.info('cleanup finished', { ...counts });
      return;
    }
  }
}

/** What kept failing is written to sync_log, so an admin sees it in /api/internal/sync/status. */
async function recordDeadLetter(message: Message, env: Env): Promise<void> {
  await withDb(env, async (db) => {
    await db.insert(syncLog).values({
      source: 'dead_letter',
      status: 'failed',
      errorMessage: `gave up after ${message.attempts} attempts: ${JSON.stringify(message.body).slice(0, 1000)}`,
      startedAt: message.timestamp,
      finishedAt: new Date(),
    });
  });
}

export async function handleQueue(batch: MessageBatch, env: Env): Promise<void> {
  const logger = createLogger({ queue: batch.queue });
  for (const message of batch.messages) {
    try {
      if (batch.queue === QUEUES.deadLetter) {
        await recordDeadLetter(message, env);
      } else if (batch.queue === QUEUES.sync) {
        const parsed = SyncQueueMessage.safeParse(message.body);
        if (!parsed.success) {
          // Retrying a body we cannot read would never succeed: record it and drop it.
          logger.error('unreadable message', { body: message.body, issues: parsed.error.issues });
          await recordDeadLetter(message, env);
        } else {
          await handleSync(parsed.data, env, logger);
        }
      } else {
        logger.error('message for an unknown queue', { body: message.body });
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        continue;
      }
      message.ack();
    } catch (error) {
      logger.error('message failed; retrying', { attempts: message.attempts, ...describeError(error) });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
