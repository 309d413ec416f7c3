// bench:catalog — how fast is search on a catalog of 100,000 shows, and does a
// burst of cold searches stay inside TMDB's budget? (issue 3, "Evidence")
//
//   npm run bench:catalog                         embedded PGlite, in memory
//   DATABASE_URL=postgres://… npm run bench:catalog   a real Postgres on 127.0.0.1
//                                                 (a fresh database is created
//                                                 on it for the run and dropped)
//   bench/with-postgres.sh                        a throwaway PostgreSQL 15 + the above
//
// It seeds the catalog, times the search statement as raw SQL, starts the
// metadata stand-ins and the worker in `wrangler dev` (local workerd), times
// searches through the API, fires a burst of cold searches and counts what the
// stand-in TMDB received. Everything listens on 127.0.0.1 and is stopped at the
// end, on Ctrl-C and on errors. Figures: a table on stdout and
// bench/results/catalog-<embedded|postgres>.json. Takes 4-7 minutes on 2 cores.
//
// Knobs (environment): BENCH_SHOWS (100000), BENCH_RAW_QUERIES (500),
// BENCH_API_QUERIES (500 per API phase), BENCH_CONCURRENCY (8),
// BENCH_BURST (60), BENCH_BURST_CONCURRENCY (20), BENCH_PHASE_SECONDS (90, the
// most each timed phase may take), TMDB_RATE_LIMIT / TMDB_RATE_WINDOW_SECONDS
// (40 / 10, as in wrangler.jsonc).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { standInProviderVars, startStandIns } from '../dev/stand-ins/index.ts';
import { apiResult, localHitQueries, runBurst, searchUrl, tmdbRequestsSince } from './lib/api-phase.ts';
import { startBenchDatabase } from './lib/database.ts';
import { runLoad } from './lib/load.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { createRandom } from './lib/random.ts';
import { runRawPhase } from './lib/raw-phase.ts';
import { printResults, type Results } from './lib/report.ts';
import { writeResults } from './lib/results.ts';
import { seedShows } from './lib/seed.ts';
import { generateCatalog } from './lib/titles.ts';
import { benchWorkerVars, startBenchWorker } from './lib/worker.ts';
import { intFromEnv } from './lib/env.ts';

const config = {
  shows: intFromEnv('BENCH_SHOWS', 100_000),
  rawQueries: intFromEnv('BENCH_RAW_QUERIES', 500),
  apiQueries: intFromEnv('BENCH_API_QUERIES', 500),
  concurrency: intFromEnv('BENCH_CONCURRENCY', 8),
  burst: intFromEnv('BENCH_BURST', 60),
  burstConcurrency: intFromEnv('BENCH_BURST_CONCURRENCY', 20),
  phaseMs: intFromEnv('BENCH_PHASE_SECONDS', 90) * 1000,
  rateLimit: intFromEnv('TMDB_RATE_LIMIT', 40),
  rateWindowSeconds: intFromEnv('TMDB_RATE_WINDOW_SECONDS', 10),
};

const step = (message: string) => console.log(`==> ${message}`);

async function main() {
  const { started, loadBefore } = beginBench();

  step('Starting the database');
  const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end());

  step(`Seeding ${config.shows.toLocaleString('en')} shows`);
  const catalog = generateCatalog(config.shows, createRandom(1));
  const seedStarted = performance.now();
  await seedShows(client, catalog);
  const seedMs = Math.round(performance.now() - seedStarted);
  // Queries are distinct across all phases: the worker caches each one for an hour.
  const taken = new Set<string>();

  step(`Timing the search statement (${config.rawQueries} queries, at most ${config.phaseMs / 1000} s)`);
  const rawSql = await runRawPhase(client, catalog, { queries: config.rawQueries, budgetMs: config.phaseMs, random: createRandom(2), taken });

  step('Starting the stand-ins and the worker (wrangler dev)');
  const standIns = await startStandIns();
  onShutdown(() => standIns.stop());
  const internalToken = randomBytes(24).toString('base64url');
  const worker = await startBenchWorker({
    ...benchWorkerVars(database, { jwtSecret: randomBytes(32).toString('base64url'), internalToken, vapid: generateVapidKeys() }, standInProviderVars(standIns.bases)),
    TMDB_RATE_LIMIT: String(config.rateLimit),
    TMDB_RATE_WINDOW_SECONDS: String(config.rateWindowSeconds),
  });
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  const hits = localHitQueries(2 * config.apiQueries + 3, catalog, createRandom(3), taken);
  const [warmUp, sequential, concurrent] = [hits.slice(0, 3), hits.slice(3, 3 + config.apiQueries), hits.slice(3 + config.apiQueries)];
  const url = searchUrl(worker.url);
  // The first requests pay for workerd's start-up and the first pool; not what a user waits for.
  await runLoad(warmUp, { concurrency: 1, budgetMs: Infinity, url });

  const hitsStarted = Date.now();
  step(`Searching through the API, sequentially (${sequential.length} local hits, at most ${config.phaseMs / 1000} s)`);
  const sequentialLoad = await runLoad(sequential, { concurrency: 1, budgetMs: config.phaseMs, url });
  step(`Searching through the API, ${config.concurrency} at a time (${concurrent.length} local hits, at most ${config.phaseMs / 1000} s)`);
  const concurrentLoad = await runLoad(concurrent, { concurrency: config.concurrency, budgetMs: config.phaseMs, url });
  const tmdbCallsDuringLocalHits = (await tmdbRequestsSince(standIns.url, hitsStarted)).length;

  step(`Burst: ${config.burst} cold searches, ${config.burstConcurrency} at a time`);
  const burst = await runBurst({
    workerUrl: worker.url,
    standInsUrl: standIns.url,
    count: config.burst,
    concurrency: config.burstConcurrency,
    limit: config.rateLimit,
    windowSeconds: config.rateWindowSeconds,
    random: createRandom(4),
    catalog,
    taken,
  });

  const results: Results = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAverage() },
    database: { label: database.label, version: database.version },
    catalog: { shows: config.shows, seedMs },
    rawSql,
    api: {
      runtime: 'wrangler dev --local (workerd on this machine, not the Cloudflare edge)',
      tmdbCallsDuringLocalHits,
      sequential: apiResult(sequentialLoad, 1),
      concurrent: apiResult(concurrentLoad, config.concurrency),
    },
    burst,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  printResults(results);
  const file = join(import.meta.dirname, 'results', `catalog-${database.mode}.json`);
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
}

main()
  .then(() => shutdown(0))
  .catch(fail);
