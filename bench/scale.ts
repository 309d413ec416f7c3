// bench:scale — does the timeline and the notification fan-out hold at
// 100,000 users, 1,000,000 tracked rows, 20,000 shows and 2,000,000 episodes,
// on a real PostgreSQL server? (issue 4, "Evidence")
//
//   npm run bench:scale                           starts a throwaway PostgreSQL 15
//                                                 on 127.0.0.1 for the run, deletes it after
//   DATABASE_URL=postgres://… npm run bench:scale  a PostgreSQL already running on
//                                                 127.0.0.1 (a fresh database is created
//                                                 on it for the run and dropped)
//
// It generates the data set inside Postgres, times the timeline's cache-miss
// statements as raw SQL for a sample of users (this ISO week and the 30-day
// default range, each in the user's zone), then runs the worker in
// `wrangler dev` (local workerd) and times the same views through the API,
// cold (KV miss) and warm (KV hit); last, it fans one new episode out to the
// show every user tracks, three times, with EXPLAIN (ANALYZE, BUFFERS).
// Everything listens on 127.0.0.1 and is stopped at the end, on Ctrl-C, on
// errors, and when BENCH_MAX_MINUTES runs out. Figures: a table on stdout and
// bench/results/scale-postgres.json. Takes about 10 minutes on 2 cores.
//
// Knobs (environment): BENCH_USERS (100000), BENCH_SHOWS (20000),
// BENCH_EPISODES_PER_SHOW (100), BENCH_TRACKED_PER_USER (10),
// BENCH_SAMPLE_USERS (300 per phase), BENCH_CONCURRENCY (1,4: the API phases
// run once per level, each with its own users so every cold request is cold),
// BENCH_FAN_OUT_RUNS (3), BENCH_PHASE_SECONDS (90, the most each timed phase
// may take), BENCH_MAX_MINUTES (40, then everything is stopped), PG_BIN.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { startBenchDatabase } from './lib/database.ts';
import { runFanOut } from './lib/fan-out-phase.ts';
import { beginBench, machine } from './lib/machine.ts';
import { startThrowawayPostgres } from './lib/postgres-server.ts';
import { createRandom } from './lib/random.ts';
import { printScaleResults, type ScaleResults } from './lib/scale-report.ts';
import { seedScale } from './lib/scale-seed.ts';
import { accessToken, runApiBaseline, runApiTimeline, runRawTimeline, sampleUsers, type ApiBaseline, type ApiTimeline } from './lib/timeline-phase.ts';
import { NO_PROVIDERS, benchWorkerVars, startBenchWorker } from './lib/worker.ts';
import { intFromEnv } from './lib/env.ts';
import { writeResults } from './lib/results.ts';

function intsFromEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw.split(',').map((part, index) => intFromEnv(`${name}[${index}]`, Number(part)));
}

const config = {
  users: intFromEnv('BENCH_USERS', 100_000),
  shows: intFromEnv('BENCH_SHOWS', 20_000),
  episodesPerShow: intFromEnv('BENCH_EPISODES_PER_SHOW', 100),
  trackedPerUser: intFromEnv('BENCH_TRACKED_PER_USER', 10),
  sampleUsers: intFromEnv('BENCH_SAMPLE_USERS', 300),
  concurrency: intsFromEnv('BENCH_CONCURRENCY', [1, 4]),
  fanOutRuns: intFromEnv('BENCH_FAN_OUT_RUNS', 3),
  phaseMs: intFromEnv('BENCH_PHASE_SECONDS', 90) * 1000,
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 40) * 60_000,
};

/** Reported with the figures: they mean little without the server's memory settings. */
const SETTINGS = ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather', 'fsync', 'synchronous_commit'];

const step = (message: string) => console.log(`==> ${message}`);

async function main() {
  const { started, loadBefore: loadAtStart } = beginBench(config.maxMs);

  let serverUrl = process.env.DATABASE_URL || undefined;
  if (!serverUrl) {
    step('Starting a throwaway PostgreSQL 15 on 127.0.0.1');
    const server = await startThrowawayPostgres();
    onShutdown(() => server.stop());
    serverUrl = server.serverUrl;
  }
  const database = await startBenchDatabase(serverUrl);
  if (database.mode !== 'postgres') throw new Error('bench:scale runs on a real PostgreSQL server only');
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end());
  const { rows: settingRows } = await client.query<{ name: string; value: string }>(
    'SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name',
    [SETTINGS],
  );
  const settings = Object.fromEntries(settingRows.map((s) => [s.name, s.value]));

  step(`Generating ${config.users.toLocaleString('en')} users, ${config.shows.toLocaleString('en')} shows × ${config.episodesPerShow} episodes, ${config.trackedPerUser} tracked shows per user`);
  const seed = await seedScale(client, config, console.log);

  const now = new Date();
  const groups = 1 + config.concurrency.length;
  const sample = await sampleUsers(client, groups * config.sampleUsers, createRandom(1));
  // Different people for each phase: a cold API request must be that person's
  // first, and should not find pages the raw phase just read for them.
  const [rawUsers, ...apiGroups] = Array.from({ length: groups }, (_, i) => sample.slice(i * config.sampleUsers, (i + 1) * config.sampleUsers));
  const timelineRawSql: ScaleResults['timelineRawSql'] = {};
  for (const kind of ['week', '30 days'] as const) {
    step(`Timeline raw SQL, ${kind}: ${rawUsers.length} users (at most ${config.phaseMs / 1000} s)`);
    timelineRawSql[kind] = await runRawTimeline(client, rawUsers, kind, { now, budgetMs: config.phaseMs });
  }

  step('Starting the worker (wrangler dev)');
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  // The timeline calls no provider.
  const worker = await startBenchWorker(benchWorkerVars(database, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS));
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  // The first requests pay for workerd's start-up; not what a user waits for. Users of the raw phase.
  const warmUp = await Promise.all(rawUsers.slice(0, 3).map(async (user) => ({ user, token: await accessToken(user.id, jwtSecret) })));
  await runApiTimeline(worker.url, '/api/v1/timeline/week', warmUp, { concurrency: 1, budgetMs: Infinity });

  const baselines: ApiBaseline[] = [];
  const views: ApiTimeline[] = [];
  for (const [index, concurrency] of config.concurrency.entries()) {
    const options = { concurrency, budgetMs: config.phaseMs };
    // Minted per level: tokens live 15 minutes, and each level's phases are bounded well inside that.
    const callers = await Promise.all(apiGroups[index]!.map(async (user) => ({ user, token: await accessToken(user.id, jwtSecret) })));
    step(`API baseline /api/internal/health: ${callers.length} requests, ${concurrency} at a time`);
    baselines.push(await runApiBaseline(worker.url, internalToken, callers.length, options));
    for (const path of ['/api/v1/timeline/week', '/api/v1/timeline']) {
      step(`Timeline API ${path}: ${callers.length} users cold, then warm, ${concurrency} at a time`);
      views.push(await runApiTimeline(worker.url, path, callers, options));
    }
  }
  await worker.stop();

  step(`Fan-out: ${config.fanOutRuns} new episodes of show 1, each to all its trackers`);
  const fanOut = await runFanOut(client, config.fanOutRuns);

  const results: ScaleResults = {
    ranAt: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart: loadAtStart },
    config,
    database: { label: database.label, version: database.version, settings },
    seed,
    timelineRawSql,
    timelineApi: {
      runtime: 'wrangler dev --local (workerd on this machine, not the Cloudflare edge); a new Postgres connection per request through the WebSocket bridge, as with Neon',
      baselines,
      views,
    },
    fanOut,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  printScaleResults(results);
  const file = join(import.meta.dirname, 'results', 'scale-postgres.json');
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
}

main()
  .then(() => shutdown(0))
  .catch(fail);
