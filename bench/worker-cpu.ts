// The worker's CPU time per request (issue 13: "a warm timeline costs under
// 3 ms of worker CPU, a cold one under 8 ms"), from workerd's async trace
// (bench/lib/worker-cpu.ts: the sum of a request context's JavaScript turns,
// not its waiting on Postgres or KV).
//
// A small catalog (BENCH_SHOWS shows of 50 episodes with their timeline
// events, from bench/lib/scale-seed.ts) and one person tracking BENCH_TRACKED
// of them. One request at a time, each followed by a wait until the worker's
// request context has ended (its waitUntil work included), for:
//   - GET /api/v1/push/vapid-public-key: no database, no KV; the floor
//   - GET /api/v1/me
//   - GET /api/v1/timeline, warm: the same request again and again, cache primed
//   - GET /api/v1/timeline?from=…&to=…, cold: a distinct 31-day range each time, so
//     each one misses the cache (the default range is 30 days, so none is the warm one)
// BENCH_WARMUP requests of each kind first, not counted (V8 compiles lazily:
// a route's first requests cost several times more). Prints p50/p95 and
// writes bench/results/worker-cpu-<embedded|postgres>.json:
//   npm run bench:worker-cpu                                          # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:worker-cpu
//                                                                     # a fresh database on that server, dropped after
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { startBenchDatabase } from './lib/database.ts';
import { sourceState } from './lib/bridge-settle.ts';
import { intFromEnv } from './lib/env.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { machineLine, writeResults, type BenchRun } from './lib/results.ts';
import { seedScale } from './lib/scale-seed.ts';
import { summarize } from './lib/stats.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { clock, summarizeCpu, type CpuSummary, type TimedRequest, type WorkerCpuTrace } from './lib/worker-cpu.ts';
import { NO_PROVIDERS, STATE_HEADER, benchWorkerVars, serverTimingCount, startBenchWorker } from './lib/worker.ts';

const config = {
  shows: intFromEnv('BENCH_SHOWS', 100),
  tracked: intFromEnv('BENCH_TRACKED', 20),
  samples: intFromEnv('BENCH_SAMPLES', 100),
  warmup: intFromEnv('BENCH_WARMUP', 20),
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 10) * 60_000,
};

interface Kind {
  name: string;
  /** The path of the i-th request of this kind (warm-up included). */
  path(i: number): string;
  signedIn: boolean;
  /** issue 13's ceiling, ms, where it sets one. */
  target?: number;
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 0, −1, 1, −2, 2, … days from today: distinct ranges that stay near now, where the events are. */
function coldRange(i: number): string {
  const offset = i % 2 === 0 ? i / 2 : -(i + 1) / 2;
  const from = Date.now() + offset * DAY_MS;
  return `/api/v1/timeline?from=${utcDay(from)}&to=${utcDay(from + 31 * DAY_MS)}`;
}

const KINDS: Kind[] = [
  { name: 'GET /api/v1/push/vapid-public-key', path: () => '/api/v1/push/vapid-public-key', signedIn: false },
  { name: 'GET /api/v1/me', path: () => '/api/v1/me', signedIn: true },
  { name: 'GET /api/v1/timeline (warm)', path: () => '/api/v1/timeline', signedIn: true, target: 3 },
  { name: 'GET /api/v1/timeline?from&to (cold)', path: coldRange, signedIn: true, target: 8 },
];

interface Sample extends TimedRequest {
  status: number;
  events: number | null;
  kvReads: number | null;
  kvWrites: number | null;
}



/** Signed-in requests send back the highest state version answers named, as the PWA does. */
async function request(url: string, token: string | undefined, cpu: WorkerCpuTrace, state: { version: string | null }): Promise<Sample> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (token && state.version) headers[STATE_HEADER] = state.version;
  const sentAt = clock();
  const response = await fetch(url, { headers });
  const body = await response.text();
  const receivedAt = clock();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
  const named = response.headers.get(STATE_HEADER);
  if (named && Number(named) > Number(state.version ?? 0)) state.version = named;
  const serverTiming = response.headers.get('Server-Timing');
  let events: number | null = null;
  try {
    const parsed = JSON.parse(body) as { events?: unknown[] };
    events = Array.isArray(parsed.events) ? parsed.events.length : null;
  } catch {
    // not JSON
  }
  // The next request waits until this one's context ended: no two requests share the isolate.
  await cpu.settled();
  return {
    sentAt,
    receivedAt,
    status: response.status,
    events,
    kvReads: serverTimingCount(serverTiming, 'kv-read'),
    kvWrites: serverTimingCount(serverTiming, 'kv-write'),
  };
}

interface KindResult {
  request: string;
  target: number | null;
  /** The worker's turn time per request, ms. */
  cpu: CpuSummary;
  /** Waiting for the isolate lock, ms (near 0 when requests go one at a time). */
  lockWait: CpuSummary;
  turns: CpuSummary;
  /** What the client waited, ms, for orientation. */
  wall: ReturnType<typeof summarize>;
  /** The workerd process's CPU (all its services, the tracing too) over the phase, per request: an upper bound, 10 ms ticks. */
  processCpuMsPerRequest: number | null;
  /** Events per answer (timelines), and KV operations of the first measured request, from Server-Timing. */
  events: { min: number; max: number } | null;
  kv: { reads: number | null; writes: number | null };
  cpuMsSamples: number[];
}


const step = (message: string) => console.log(`==> ${message}`);

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);
  const source = sourceState();
  if (source.workerChanged) console.log('note: the worker has uncommitted changes; the figures are of the working tree');

  step('Starting the database');
  const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version.split(',')[0]}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end());

  step(`Seeding ${config.shows} shows × 50 episodes and a person tracking ${config.tracked} of them`);
  await seedScale(client, { users: 1, shows: config.shows, episodesPerShow: 50, trackedPerUser: config.tracked }, () => {});
  const { rows } = await client.query<{ id: string; tracked: number; events: number }>(`SELECT u.id,
      (SELECT count(*)::int FROM user_tracked_shows WHERE user_id = u.id) AS tracked,
      (SELECT count(*)::int FROM timeline_events) AS events
    FROM users u WHERE u.username = 'bench-1'`);
  const person = rows[0]!;
  console.log(`    ${person.events} timeline events; the person tracks ${person.tracked} shows`);
  await client.end();

  step('Starting the worker (wrangler dev, fresh KV, no providers, workerd with --async-trace)');
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  const worker = await startBenchWorker(benchWorkerVars(database, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS), {
    cpuTrace: true,
  });
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });
  const cpu = worker.cpu!;
  const token = await accessToken(person.id, jwtSecret);
  const state = { version: null as string | null };

  step(`Each kind: ${config.warmup} requests to warm up, then ${config.samples} measured, one at a time`);
  const kinds: KindResult[] = [];
  for (const kind of KINDS) {
    const send = (i: number) => request(`${worker.url}${kind.path(i)}`, kind.signedIn ? token : undefined, cpu, state);
    for (let i = 0; i < config.warmup; i++) await send(i);
    const processBefore = cpu.processCpuMs();
    const samples: Sample[] = [];
    for (let i = config.warmup; i < config.warmup + config.samples; i++) samples.push(await send(i));
    const processAfter = cpu.processCpuMs();
    const measured = cpu.cpuOf(samples);
    const events = samples.map((sample) => sample.events).filter((count) => count !== null);
    const result: KindResult = {
      request: kind.name,
      target: kind.target ?? null,
      cpu: summarizeCpu(measured.map((m) => m.cpuMs)),
      lockWait: summarizeCpu(measured.map((m) => m.lockWaitMs)),
      turns: summarizeCpu(measured.map((m) => m.turns)),
      wall: summarize(samples.map((sample) => sample.receivedAt - sample.sentAt)),
      processCpuMsPerRequest:
        processBefore === null || processAfter === null ? null : Math.round(((processAfter - processBefore) / samples.length) * 100) / 100,
      events: events.length ? { min: Math.min(...events), max: Math.max(...events) } : null,
      kv: { reads: samples[0]!.kvReads, writes: samples[0]!.kvWrites },
      cpuMsSamples: measured.map((m) => Math.round(m.cpuMs * 1000) / 1000),
    };
    kinds.push(result);
    console.log(`    ${kind.name}: p50 ${result.cpu.p50} ms, p95 ${result.cpu.p95} ms`);
  }
  const loadAfter = loadAverage();
  await worker.stop();

  const results: BenchRun & Record<string, unknown> = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config: { shows: config.shows, tracked: config.tracked, episodesPerShow: 50, samples: config.samples, warmup: config.warmup },
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    database: { label: database.label, version: database.version },
    source,
    method:
      "workerd --async-trace: per request, the sum of the worker's turns (end − locked) in its request context, waitUntil included; wall time of the isolate's locked turns, CPU when the machine is not saturated",
    requests: kinds,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };

  const range = (events: KindResult['events']) => (events ? (events.min === events.max ? `${events.min}` : `${events.min}-${events.max}`) : '');
  console.log('');
  console.log(`Worker CPU per request (${database.mode === 'embedded' ? 'embedded PGlite' : database.version.split(',')[0]}), ${config.samples} requests each, one at a time:`);
  console.log(machineLine(results));
  console.log('');
  console.log('| request | CPU p50 | CPU p95 | max | issue 13 | turns p50 | workerd process CPU / request | client wall p50 | events | KV reads / writes |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const k of kinds) {
    console.log(
      `| \`${k.request}\` | ${k.cpu.p50} ms | ${k.cpu.p95} ms | ${k.cpu.max} ms | ${k.target ? `< ${k.target} ms` : ''} | ${k.turns.p50} | ` +
        `${k.processCpuMsPerRequest ?? '?'} ms | ${k.wall.p50} ms | ${range(k.events)} | ${k.kv.reads ?? '?'} / ${k.kv.writes ?? '?'} |`,
    );
  }
  console.log('');
  const file = join(import.meta.dirname, 'results', `worker-cpu-${database.mode}.json`);
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
}

main()
  .then(() => shutdown(0))
  .catch(fail);
