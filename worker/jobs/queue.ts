// Queue consumers: each message is handled on its own and acked or retried
// with backoff; Queues deliver at least once, so every handler is idempotent.
import { syncLog } from '../db/schema/index.ts';
import { ConfigError, type Env } from '../env.ts';
import { runCleanup } from '../features/maintenance/cleanup.service.ts';
import { TitleNotFound } from '../features/metadata/show-fetcher.ts';
import { CHANGES_SOURCE, enqueueShowSyncs, planSync, readChanges, type Enqueue } from '../features/metadata/sync-jobs.ts';
import { syncShow } from '../features/metadata/sync.service.ts';
import { failImport, runImportStep } from '../features/imports/imports.service.ts';
import { createLogger, describeError } from '../lib/logger.ts';
import { BATCH_SIZE, dispatchBatch } from '../features/notifications/dispatch.service.ts';
import { createWebPushChannel, vapidConfig } from '../features/notifications/web-push.channel.ts';
import { openServices, type Services } from '../services.ts';
import { DispatchQueueMessage, QUEUES, SyncQueueMessage } from './messages.ts';

/** 30 s, 60 s, 120 s … capped at 15 minutes. */
export const retryDelaySeconds = (attempts: number) => Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));

export const syncEnqueuer =
  (env: Env): Enqueue =>
  async (messages, delaySeconds) => {
    if (messages.length) await env.SYNC_QUEUE.sendBatch(messages.map((body) => ({ body, delaySeconds })));
  };

async function readChangesFeed(env: Env, { db, providers, logger }: Services): Promise<void> {
  const startedAt = new Date();
  const enqueue = syncEnqueuer(env);
  try {
    const outcome = await readChanges(db, providers, logger);
    if (outcome.kind === 'full_sync') {
      await enqueue([{ type: 'sync.plan', scope: 'all' }], 0);
    } else {
      await enqueueShowSyncs(enqueue, outcome.matched, 'changes');
    }
    await db.insert(syncLog).values({
      source: CHANGES_SOURCE,
      status: 'success',
      recordsUpdated: outcome.kind === 'changes' ? outcome.matched.length : 0,
      errorMessage: outcome.kind === 'full_sync' ? `fell back to a full sync: ${outcome.reason}` : null,
      startedAt,
      finishedAt: new Date(),
    });
  } catch (error) {
    await db.insert(syncLog).values({
      source: CHANGES_SOURCE,
      status: 'failed',
      errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      startedAt,
      finishedAt: new Date(),
    });
    throw error;
  }
}

async function handleSync(message: SyncQueueMessage, env: Env, services: Services): Promise<void> {
  switch (message.type) {
    case 'sync.show':
      try {
        await syncShow(services, message.showId, message.source);
      } catch (error) {
        // TMDB no longer has it: retrying cannot help, and sync_log already says so.
        if (!(error instanceof TitleNotFound)) throw error;
      }
      return;
    case 'sync.plan':
      await enqueueShowSyncs(syncEnqueuer(env), await planSync(services.db, message.scope), 'tracked');
      return;
    case 'sync.changes':
      await readChangesFeed(env, services);
      return;
    case 'maintenance.cleanup':
      services.logger.info('cleanup finished', { ...(await runCleanup(services.db)) });
      return;
    case 'import.match':
    case 'import.commit':
      await runImportStep({ ...services, enqueue: (next) => syncEnqueuer(env)([next], 0) }, message);
      return;
  }
}

/**
 * One batch (up to 500 notifications, a push request per device) per queue
 * invocation keeps each invocation within Workers' subrequest limit; a backlog
 * continues in a follow-up message.
 */
const BATCHES_PER_MESSAGE = 1;

async function handleDispatch(env: Env, { config, db, cache, logger }: Services): Promise<void> {
  // Throws push_unavailable without a whole, valid identity: the message is
  // retried (with backoff) until it is configured, nothing is claimed meanwhile.
  const channel = createWebPushChannel(vapidConfig(config), config.PUSH_ENDPOINT_ALLOWLIST);
  for (let batch = 0; batch < BATCHES_PER_MESSAGE; batch++) {
    const counts = await dispatchBatch({ db, channel, logger, jwtSecret: config.JWT_SECRET, cache });
    if (counts.claimed < BATCH_SIZE) return;
  }
  await env.DISPATCH_QUEUE.send({ type: 'dispatch.due' } satisfies DispatchQueueMessage);
}

/** What kept failing is written to sync_log, so an admin sees it in /api/internal/sync/status. */
async function recordDeadLetter(message: Message, { db }: Services): Promise<void> {
  const body = SyncQueueMessage.safeParse(message.body);
  await db.insert(syncLog).values({
    source: 'dead_letter',
    showId: body.success && body.data.type === 'sync.show' ? body.data.showId : null,
    status: 'failed',
    errorMessage: `gave up after ${message.attempts} attempts (see the failed runs before this one): ${JSON.stringify(message.body).slice(0, 1000)}`,
    startedAt: message.timestamp,
    finishedAt: new Date(),
  });
  // An import whose step kept failing says so to its person, instead of showing progress forever.
  if (body.success && (body.data.type === 'import.match' || body.data.type === 'import.commit')) {
    await failImport(db, body.data.batchId, body.data.type === 'import.match' ? 'Looking up titles kept failing' : 'Writing the import kept failing');
  }
}

/** One batch's services (services.ts): one configuration check and one database pool for all its messages. */
export async function handleQueue(batch: MessageBatch, env: Env): Promise<void> {
  const logger = createLogger({ queue: batch.queue });
  let services: Services;
  try {
    services = openServices(env, { logger });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Nothing can be handled until it is configured: every message waits its backoff.
    logger.error('worker misconfigured; retrying', { problems: error.problems });
    for (const message of batch.messages) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    return;
  }
  try {
    await handleMessages(batch, env, services);
  } finally {
    await services.close();
  }
}

async function handleMessages(batch: MessageBatch, env: Env, services: Services): Promise<void> {
  const { logger } = services;
  for (const message of batch.messages) {
    try {
      if (batch.queue === QUEUES.deadLetter) {
        await recordDeadLetter(message, services);
      } else if (batch.queue === QUEUES.dispatch) {
        if (!DispatchQueueMessage.safeParse(message.body).success) {
          logger.error('unreadable message', { body: message.body });
          await recordDeadLetter(message, services);
        } else {
          await handleDispatch(env, services);
        }
      } else if (batch.queue === QUEUES.sync) {
        const parsed = SyncQueueMessage.safeParse(message.body);
        if (!parsed.success) {
          // Retrying a body we cannot read would never succeed: record it and drop it.
          logger.error('unreadable message', { body: message.body, issues: parsed.error.issues });
          await recordDeadLetter(message, services);
        } else {
          await handleSync(parsed.data, env, services);
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
