// The worker's entry points: HTTP, cron triggers and queue consumers.
import { createApp } from './app.ts';
import type { Env } from './env.ts';
import { handleQueue } from './jobs/queue.ts';
import { handleScheduled } from './jobs/scheduled.ts';

export { ProviderGate } from './ratelimit/provider-gate.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => handleScheduled(controller, env),
  queue: (batch, env) => handleQueue(batch, env),
} satisfies ExportedHandler<Env>;
