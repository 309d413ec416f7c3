// Cron triggers only enqueue: the work happens in the queue consumers, which
// retry and dead-letter. One entry per cron of wrangler.jsonc.
import { ConfigError, type Env } from '../env.ts';
import { createLogger } from '../lib/logger.ts';
import { openServices } from '../services.ts';
import type { DispatchQueueMessage, SyncQueueMessage } from './messages.ts';

type Enqueue = (env: Env) => Promise<void>;

const sendSync = (message: SyncQueueMessage) => async (env: Env) => {
  await env.SYNC_QUEUE.send(message);
};

const sendDispatch = (message: DispatchQueueMessage) => async (env: Env) => {
  await env.DISPATCH_QUEUE.send(message);
};

/** docs/design.md#jobs: job 3 every minute, job 2 hourly, job 1 every 6 hours, job 4 daily at 03:00 UTC. */
export const CRON_JOBS: Record<string, Enqueue[]> = {
  '* * * * *': [sendDispatch({ type: 'dispatch.due' })],
  '0 * * * *': [sendSync({ type: 'sync.changes' })],
  '0 */6 * * *': [sendSync({ type: 'sync.plan', scope: 'due' })],
  '0 3 * * *': [sendSync({ type: 'maintenance.cleanup' })],
};

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const logger = createLogger({ cron: controller.cron });
  const jobs = CRON_JOBS[controller.cron];
  if (!jobs) {
    logger.warn('cron trigger with no job', { known: Object.keys(CRON_JOBS) });
    return;
  }
  // The run's services (services.ts): nothing here needs the database, but a
  // worker that is not configured says so now and enqueues nothing its
  // consumers could only retry.
  let services;
  try {
    services = openServices(env, { logger });
  } catch (error) {
    if (error instanceof ConfigError) logger.error('worker misconfigured', { problems: error.problems });
    throw error;
  }
  try {
    await Promise.all(jobs.map((enqueue) => enqueue(env)));
    services.logger.info('cron enqueued', { jobs: jobs.length });
  } finally {
    await services.close();
  }
}
