// bench:dispatch — how many web push deliveries per second go through the
// dispatch queue consumer to a push service, and what encrypting one message
// costs. (issue 5, "Evidence")
//
//   npm run bench:dispatch                        embedded PGlite, in memory
//   BENCH_DB=postgres npm run bench:dispatch      a throwaway PostgreSQL 15 on 127.0.0.1,
//                                                 deleted after
//   DATABASE_URL=postgres://… npm run bench:dispatch   a PostgreSQL already running on
//                                                 127.0.0.1 (a fresh database is created
//                                                 on it for the run and dropped)
//
// It starts the decrypting push receiver (dev/push-receiver) and subscribes
// every seeded device there, seeds due notifications, starts the worker in
// `wrangler dev` (local workerd) with its own VAPID identity, fires the minute
// cron once and lets the queue consumer drain the backlog; then reads the
// receiver's logs and checks each notification arrived exactly once per
// device. Last, with the worker stopped, it times buildPushPayload in Node on
// the same payloads. Everything listens on 127.0.0.1 and is stopped at the
// end, on Ctrl-C, on errors, and when BENCH_MAX_MINUTES runs out. Figures: a
// table on stdout and bench/results/dispatch-<embedded|postgres>.json.
// About 1-2 minutes per mode on 2 cores.
//
// Knobs (environment): BENCH_USERS (2500), BENCH_DEVICES_PER_USER (1),
// BENCH_NOTIFICATIONS (10000: five queue messages of 4 × 500, so the
// follow-up chain is part of what is timed), BENCH_SHOWS (50), BENCH_ENCRYPT_MESSAGES (2000),
// BENCH_PHASE_SECONDS (240, the most the consumer may take to drain),
// BENCH_MAX_MINUTES (15, then everything is stopped), BENCH_DB, PG_BIN.

// The push receiver's types for http_ece live beside it, outside this project's include.
/// <reference path="../dev/push-receiver/http_ece.d.ts" />
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { startPushReceiver } from '../dev/push-receiver/index.ts';
import { startBenchDatabase } from './lib/database.ts';
import { runConsumer } from './lib/dispatch-consumer.ts';
import { runEncrypt } from './lib/dispatch-encrypt.ts';
import { printDispatchResults, type DispatchResults } from './lib/dispatch-report.ts';
import { seedDispatch } from './lib/dispatch-seed.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { startThrowawayPostgres } from './lib/postgres-server.ts';
import { BENCH_VAPID_SUBJECT, NO_PROVIDERS, benchWorkerVars, startBenchWorker } from './lib/worker.ts';
import { intFromEnv } from './lib/env.ts';
import { writeResults } from './lib/results.ts';

const config = {
  users: intFromEnv('BENCH_USERS', 2500),
  devicesPerUser: intFromEnv('BENCH_DEVICES_PER_USER', 1),
  notifications: intFromEnv('BENCH_NOTIFICATIONS', 10_000),
  shows: intFromEnv('BENCH_SHOWS', 50),
  encryptMessages: intFromEnv('BENCH_ENCRYPT_MESSAGES', 2000),
  phaseMs: intFromEnv('BENCH_PHASE_SECONDS', 240) * 1000,
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 15) * 60_000,
};

const step = (message: string) => console.log(`==> ${message}`);

/** DATABASE_URL wins; BENCH_DB=postgres starts a throwaway server; else the embedded PGlite. */
async function databaseServer(): Promise<string | undefined> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.BENCH_DB !== 'postgres') return undefined;
  step('Starting a throwaway PostgreSQL 15 on 127.0.0.1');
  const server = await startThrowawayPostgres();
  onShutdown(() => server.stop());
  return server.serverUrl;
}

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);

  step('Starting the database');
  const database = await startBenchDatabase(await databaseServer());
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end());

  step('Starting the push receiver');
  const receiver = await startPushReceiver({ port: 0 });
  onShutdown(() => receiver.stop());
  console.log(`    ${receiver.url}`);

  const vapid = { ...generateVapidKeys(), subject: BENCH_VAPID_SUBJECT };
  step(`Seeding ${config.users} users × ${config.devicesPerUser} device(s) subscribed at the receiver, ${config.notifications} due notifications`);
  const seed = await seedDispatch(client, receiver.url, vapid.publicKey, config);

  step('Starting the worker (wrangler dev)');
  const internalToken = randomBytes(24).toString('base64url');
  // Dispatch calls no metadata provider.
  const worker = await startBenchWorker({
    ...benchWorkerVars(database, { jwtSecret: randomBytes(32).toString('base64url'), internalToken, vapid }, NO_PROVIDERS),
    PUSH_ENDPOINT_ALLOWLIST: new URL(receiver.url).host,
  });
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  step(`Firing the minute cron once; the consumer drains the backlog (at most ${config.phaseMs / 1000} s)`);
  const cpuBefore = process.cpuUsage();
  const consumer = await runConsumer(client, {
    workerUrl: worker.url,
    receiverUrl: receiver.url,
    subscriptions: seed.subscriptions,
    notificationIds: seed.notificationIds,
    devicesPerUser: config.devicesPerUser,
    budgetMs: config.phaseMs,
    log: console.log,
  });
  const cpu = process.cpuUsage(cpuBefore);
  // The encryption phase should have the cores to itself.
  await worker.stop();

  step(`Timing buildPushPayload in Node on ${config.encryptMessages} of the payloads the dispatcher sent`);
  const encryption = await runEncrypt({
    samples: consumer.samples,
    subscriptions: seed.subscriptions,
    vapid,
    count: config.encryptMessages,
    receiverUrl: receiver.url,
  });

  const { samples: _samples, ...consumerFigures } = consumer;
  const results: DispatchResults = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAverage() },
    database: { label: database.label, version: database.version },
    seedMs: seed.seedMs,
    consumer: consumerFigures,
    benchProcessCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    encryption,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  printDispatchResults(results);
  const file = join(import.meta.dirname, 'results', `dispatch-${database.mode}.json`);
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
  if (consumer.outcome !== 'drained' || !consumer.exactlyOnce.ok) throw new Error('not every notification was delivered exactly once (see above)');
}

main()
  .then(() => shutdown(0))
  .catch(fail);
