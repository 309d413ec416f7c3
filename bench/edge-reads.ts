// Issue 13's reads, measured the way its table was: throughput under a
// closed-loop load (wrk -c16 -d20s) and, at a simulated distance to Postgres
// (80 ms per round trip), single requests one at a time with the round trips
// each one cost. Run it before and after a change to the request path.
//
// Dataset (the issue's): 500 shows of 50 episodes (25,000, each with its
// timeline event, as the sync writes them), 16 people each tracking the same
// 100 shows, whose episodes fall 114 in the 30-day window of the default
// timeline and none within 120 days either side of it (so a range around the
// window still holds exactly those 114); the other 400 shows air weekly
// through the window too, untracked.
//
// Phases, through `wrangler dev` (fresh KV), each virtual user asking as one
// of the 16 people:
//   GET /api/v1/push/vapid-public-key   no database, no token: the workerd floor
//   GET /api/v1/me                      the token, one query
//   GET /api/v1/timeline                warm: the default window, cached in KV before the phase
//   GET /api/v1/timeline?from=…&to=…    cold: every request its own range around the window
//                                       (the range is in the cache key), so each one misses
//                                       KV and runs the events query; every range still holds the 114
// then the bridge is restarted with BENCH_LATENCY_MS of delay per round trip,
// and the timeline warm, cold and /me are asked one at a time.
// Every timeline answer is checked: exactly the 114 expected episodes. Each
// phase also says the Postgres round trips per request (the bridge's
// counters); each load phase the CPU of the workerd running the worker per
// request under that load (/proc: a ceiling; bench/worker-cpu.ts measures the
// worker's own CPU per request).
// Prints tables and writes bench/results/edge-reads-<embedded|postgres>.json:
//   npm run bench:edge-reads                                          # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:edge-reads
//                                                                   # a fresh database on that server, dropped after
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { startWsBridge, type WsBridge } from '../dev/lib/ws-bridge.ts';
import { runClosedLoop, type ClosedLoopResult, type LoadPerson } from './lib/closed-loop.ts';
import { runWrk } from './lib/wrk.ts';
import { startBenchDatabase } from './lib/database.ts';
import { intFromEnv } from './lib/env.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { machineLine, writeResults, type BenchRun } from './lib/results.ts';
import { settledStats } from './lib/bridge-settle.ts';
import { summarize, type Latency } from './lib/stats.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { workerdCpu } from './lib/workerd-cpu.ts';
import { startDirectWorker } from './lib/worker-direct.ts';
import { startCpuProfile } from './lib/cpu-profile.ts';
import { NO_PROVIDERS, STATE_HEADER, benchWorkerVars, serverTimingCount, startBenchWorker } from './lib/worker.ts';


const config = {
  connections: intFromEnv('BENCH_CONNECTIONS', 16),
  seconds: intFromEnv('BENCH_SECONDS', 20),
  latencyMs: intFromEnv('BENCH_LATENCY_MS', 80),
  latencyRuns: intFromEnv('BENCH_LATENCY_RUNS', 100),
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 20) * 60_000,
};

/** BENCH_LOAD=wrk: the load from wrk (lib/wrk.ts), as issue 13's table was measured; else the Node closed loop. */
const LOAD_GENERATOR = process.env.BENCH_LOAD === 'wrk' ? 'wrk' : 'node';
const runLoad = LOAD_GENERATOR === 'wrk' ? runWrk : runClosedLoop;

/**
 * How the worker is served: by workerd directly, the deploy bundle with no dev
 * proxy in front, as Cloudflare runs it (lib/worker-direct.ts); or with
 * BENCH_SERVE=wrangler through `wrangler dev`, whose dev proxy costs about 1 ms
 * of CPU per request more.
 */
const SERVE = process.env.BENCH_SERVE === 'wrangler' ? 'wrangler' : 'direct';
/** BENCH_PROFILE=<file>: a CPU profile of the worker during the cold timeline phase (lib/cpu-profile.ts). */
const PROFILE_FILE = process.env.BENCH_PROFILE || null;

const PEOPLE = 16;
const SHOWS = 500;
const EPISODES_PER_SHOW = 50;
const TRACKED = 100;
/** Tracked shows 1-14 have two episodes in the window, 15-100 one: 114. */
const TWO_IN_WINDOW = 14;
const WINDOW_EPISODES = TRACKED + TWO_IN_WINDOW;
/** No tracked episode within this many days before the window or after it. */
const QUIET_DAYS = 120;
/** Cold ranges: `from` 1..SPREAD+1 days before today, `to` 31..SPREAD+31 days after: (SPREAD+1)² per person. */
const SPREAD = 80;
/** The bridge's counters must hold still this long, with no WebSocket open, before a single request counts as done. */
const SETTLE_MS = 100;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

// Days relative to today (UTC). Tracked show n's episodes: 0-39 weekly up to
// QUIET_DAYS before today, then one or two on days 2-27 (the window; 20:00
// UTC is the same local day or the next in every zone above, so days 1-28
// locally, inside today..today+30 of the default timeline), the rest weekly
// from QUIET_DAYS + 10 after today. Untracked shows: weekly from ~250 days
// ago, each on its own weekday, so ~4 per show fall in the window.
const SEED = `
CREATE TEMP TABLE bench_today AS SELECT (now() AT TIME ZONE 'UTC')::date AS day;
INSERT INTO users (email, username, password_hash, timezone)
SELECT 'edge-' || g || '@bench.invalid', 'edge-' || g, 'not-a-password-hash', (ARRAY['${ZONES.join("','")}'])[1 + g % ${ZONES.length}]
FROM generate_series(1, ${PEOPLE}) g;
INSERT INTO shows (title, media_type, tmdb_id, popularity, status, network, network_timezone, airs_time, details_synced_at)
SELECT 'Edge Show ' || g, 'tv', g, round((1000.0 / g)::numeric, 3), 'Returning Series', 'Bench Network', 'UTC', '20:00', now()
FROM generate_series(1, ${SHOWS}) g;
INSERT INTO seasons (show_id, season_number, name, episode_count)
SELECT s.id, n, 'Season ' || n, ${EPISODES_PER_SHOW / 2} FROM shows s, generate_series(1, 2) n;
CREATE TEMP TABLE bench_episode AS
SELECT s.id AS show_id, s.tmdb_id AS n, i, i / ${EPISODES_PER_SHOW / 2} + 1 AS season_number, i % ${EPISODES_PER_SHOW / 2} + 1 AS episode_number,
       t.day + CASE
         WHEN s.tmdb_id > ${TRACKED} THEN -250 + (s.tmdb_id % 7) + 7 * i
         WHEN i < 40 THEN -${QUIET_DAYS} - 7 * (39 - i)
         WHEN i < 40 + w.n THEN 2 + (s.tmdb_id * 7) % 13 + 13 * (i - 40)
         ELSE ${QUIET_DAYS + 10} + 7 * (i - 40 - w.n)
       END AS day
FROM shows s CROSS JOIN bench_today t CROSS JOIN generate_series(0, ${EPISODES_PER_SHOW - 1}) i
CROSS JOIN LATERAL (SELECT CASE WHEN s.tmdb_id <= ${TWO_IN_WINDOW} THEN 2 ELSE 1 END AS n) w;
INSERT INTO episodes (show_id, season_id, season_number, episode_number, title, air_date, airs_at, airs_at_source, runtime_minutes, episode_type, tmdb_id)
SELECT e.show_id, se.id, e.season_number, e.episode_number, 'Episode ' || e.episode_number, e.day,
       (e.day + time '20:00') AT TIME ZONE 'UTC', 'tvmaze', 45,
       CASE WHEN e.episode_number = ${EPISODES_PER_SHOW / 2} THEN 'finale' ELSE 'standard' END, e.n * 1000 + e.i
FROM bench_episode e JOIN seasons se ON se.show_id = e.show_id AND se.season_number = e.season_number;
INSERT INTO timeline_events (show_id, event_type, title, description, event_date, season_number, episode_number, episode_id, all_day, air_date, metadata)
SELECT e.show_id,
       CASE WHEN e.episode_number = 1 THEN CASE WHEN e.season_number = 1 THEN 'series_premiere' ELSE 'season_premiere' END
            WHEN e.episode_type = 'finale' THEN 'season_finale' ELSE 'new_episode' END,
       s.title || ' ' || code.c, COALESCE(e.title, code.c), e.airs_at,
       e.season_number, e.episode_number, e.id, false, e.air_date,
       jsonb_build_object('episode_title', e.title, 'runtime_minutes', e.runtime_minutes, 'overview', NULL)
FROM episodes e JOIN shows s ON s.id = e.show_id
CROSS JOIN LATERAL (SELECT 'S' || lpad(e.season_number::text, 2, '0') || 'E' || lpad(e.episode_number::text, 2, '0') AS c) code;
INSERT INTO user_tracked_shows (user_id, show_id)
SELECT u.id, s.id FROM users u, shows s WHERE s.tmdb_id <= ${TRACKED};
`;

/** 'YYYY-MM-DD' `days` after `day`. */
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The cold phase's ranges for one person: every one distinct, every one around the window. */
function coldPaths(todayUtc: string): string[] {
  const paths: string[] = [];
  for (let before = 0; before <= SPREAD; before++) {
    for (let after = 0; after <= SPREAD; after++) {
      // Interleaved, so consecutive requests differ in both ends.
      paths.push(`/api/v1/timeline?from=${addDays(todayUtc, -1 - ((before + after) % (SPREAD + 1)))}&to=${addDays(todayUtc, 31 + after)}`);
    }
  }
  return paths;
}

const settled = (bridge: WsBridge) => settledStats(() => bridge.stats(), SETTLE_MS);


interface Counted {
  /** Per request: min / median / max. */
  min: number;
  median: number;
  max: number;
}

const counted = (values: number[]): Counted => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN, max: sorted.at(-1) ?? NaN };
};

interface SinglePhase {
  name: string;
  path: string;
  latency: Latency;
  /** Postgres round trips per request, as the bridge counted them (each delayed by the simulated distance). */
  pgRoundTrips: Counted;
  /** WebSockets opened per request (each a connection set-up on Neon). */
  webSockets: Counted;
  /** Of the round trips, SQL-over-HTTP requests. */
  httpQueries: Counted;
  kvReads: Counted | null;
  kvWrites: Counted | null;
  wrongAnswers: number;
}

/** Requests one at a time, each after the bridge settled, timed by the client and counted by the bridge. */
async function singleRequests(
  bridge: WsBridge,
  baseUrl: string,
  name: string,
  shownPath: string,
  runs: number,
  next: (run: number) => { path: string; token: string; headers?: Record<string, string> },
  expected: Set<string> | null,
): Promise<SinglePhase> {
  const times: number[] = [];
  const trips: number[] = [];
  const sockets: number[] = [];
  const http: number[] = [];
  const kvReads: number[] = [];
  const kvWrites: number[] = [];
  let wrongAnswers = 0;
  for (let run = 0; run < runs; run++) {
    const { path, token, headers } = next(run);
    const before = await settled(bridge);
    const start = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { ...headers, Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
    const body = await response.text();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    if (expected) {
      const events = (JSON.parse(body) as { events: { episode_id: string | null }[] }).events;
      if (events.length !== expected.size || !events.every((event) => event.episode_id && expected.has(event.episode_id))) wrongAnswers += 1;
    }
    const after = await settled(bridge);
    trips.push(after.roundTrips - before.roundTrips);
    sockets.push(after.clients - before.clients);
    http.push(after.httpQueries - before.httpQueries);
    const timing = response.headers.get('Server-Timing');
    const reads = serverTimingCount(timing, 'kv-read');
    const writes = serverTimingCount(timing, 'kv-write');
    if (reads !== null) kvReads.push(reads);
    if (writes !== null) kvWrites.push(writes);
  }
  return {
    name,
    path: shownPath,
    latency: summarize(times),
    pgRoundTrips: counted(trips),
    webSockets: counted(sockets),
    httpQueries: counted(http),
    kvReads: kvReads.length === runs ? counted(kvReads) : null,
    kvWrites: kvWrites.length === runs ? counted(kvWrites) : null,
    wrongAnswers,
  };
}

interface LoadPhase extends ClosedLoopResult {
  name: string;
  /** For the table, after the path. */
  label: string;
  path: string;
  /** Over the phase, from the bridge's counters: Postgres round trips and WebSockets per request sent. */
  pgRoundTripsPerRequest: number;
  webSocketsPerRequest: number;
  /** CPU ms of the workerd running the worker per request sent (bench/lib/workerd-cpu.ts): a ceiling of the worker's CPU. */
  workerCpuMsPerRequest: number;
  /** CPU ms of wrangler's dev proxy workerd per request (not on Cloudflare's edge). */
  devProxyCpuMsPerRequest: number;
  /** Cores' worth of CPU this process used during the phase (the bridge, PGlite when embedded; the load generator's thread included). */
  benchProcessCores: number;
}

const step = (message: string) => console.log(`==> ${message}`);
const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1));
const countCell = (c: Counted | null) => (c === null ? '-' : c.min === c.max ? String(c.min) : `${c.min}-${c.max} (median ${c.median})`);

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);

  step('Starting the database');
  const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version.split(',')[0]}`);

  step(`Seeding ${SHOWS} shows × ${EPISODES_PER_SHOW} episodes, ${PEOPLE} people tracking the same ${TRACKED}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end().catch(() => {}));
  const seedStart = performance.now();
  await client.query(SEED);
  await client.query('VACUUM ANALYZE');
  const seedMs = Math.round(performance.now() - seedStart);
  const { rows: people } = await client.query<{ id: string; zone: string }>(
    "SELECT id, timezone AS zone FROM users WHERE username LIKE 'edge-%' ORDER BY substr(username, 6)::int",
  );
  // The window's episodes of the tracked shows, and proof that nothing tracked airs near it.
  const { rows: windowRows } = await client.query<{ episode_id: string }>(
    `SELECT te.episode_id FROM timeline_events te JOIN user_tracked_shows t ON t.show_id = te.show_id AND t.user_id = $1
     WHERE te.event_date >= now() - interval '${QUIET_DAYS - 10} days' AND te.event_date < now() + interval '${QUIET_DAYS} days'`,
    [people[0]!.id],
  );
  const expectEpisodes = windowRows.map((row) => row.episode_id);
  if (expectEpisodes.length !== WINDOW_EPISODES) {
    throw new Error(`the seed put ${expectEpisodes.length} tracked episodes near the window, not ${WINDOW_EPISODES}`);
  }
  const { rows: countRows } = await client.query<{ shows: number; episodes: number; timeline_events: number; tracked_rows: number; events_in_window_all_shows: number }>(`SELECT
    (SELECT count(*)::int FROM shows) AS shows, (SELECT count(*)::int FROM episodes) AS episodes,
    (SELECT count(*)::int FROM timeline_events) AS timeline_events,
    (SELECT count(*)::int FROM user_tracked_shows) AS tracked_rows,
    (SELECT count(*)::int FROM timeline_events WHERE event_date >= now() AND event_date < now() + interval '30 days') AS events_in_window_all_shows`);
  const seeded = { ...countRows[0]!, people: people.length, windowEpisodesPerPerson: expectEpisodes.length, seedMs };
  console.log(
    `    ${seeded.shows} shows, ${seeded.episodes} episodes, ${seeded.timeline_events} timeline events (${seeded.events_in_window_all_shows} of all shows in the next 30 days); ` +
      `${people.length} people × ${TRACKED} tracked shows, ${WINDOW_EPISODES} of their episodes in the window (${(seedMs / 1000).toFixed(1)} s)`,
  );
  await client.end();

  // The worker talks to a bridge of the bench's own, so it can be restarted
  // on the same port with a delay (the worker keeps its DATABASE_WS_PROXY and its KV).
  let bridge = await startWsBridge({ databaseUrl: database.databaseUrl, serialize: database.mode === 'embedded' });
  onShutdown(() => bridge.stop());
  const bridgePort = Number(bridge.proxy.split(':').at(-1));

  step(`Starting the worker (${SERVE === 'direct' ? 'workerd serving the deploy bundle, no dev proxy' : 'wrangler dev'}, fresh KV, no providers)`);
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  const worker = await (SERVE === 'direct' ? startDirectWorker : startBenchWorker)(
    benchWorkerVars({ databaseUrl: database.databaseUrl, wsProxy: bridge.proxy }, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS),
  );
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  // Tokens live 15 minutes: minted again before each part.
  const tokens = () => Promise.all(people.map((person) => accessToken(person.id, jwtSecret)));
  const todayUtc = new Date().toISOString().slice(0, 10);
  const cold = people.map(() => coldPaths(todayUtc));
  // Each person's state version, as their answers name it (X-ShowTracker-State): the PWA sends the highest back on every request.
  const versions: string[] = people.map(() => '');
  const prime = async (path: string, bearer: string[]) => {
    for (const [index, token] of bearer.entries()) {
      const response = await fetch(`${worker.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
      versions[index] = response.headers.get(STATE_HEADER) ?? versions[index]!;
    }
  };
  const stateOf = (index: number): Record<string, string> => (versions[index] ? { [STATE_HEADER]: versions[index] } : {});

  step(`Load: ${config.connections} connections for ${config.seconds} s per phase (closed loop, keep-alive)`);
  const loadPhases: LoadPhase[] = [];
  const runPhase = async (name: string, label: string, path: string, loadPeople: LoadPerson[], expect?: string[]) => {
    const before = await settled(bridge);
    const workerdBefore = workerdCpu();
    const cpuBefore = process.cpuUsage();
    const result = await runLoad({ baseUrl: worker.url, connections: config.connections, seconds: config.seconds, people: loadPeople, expectEpisodes: expect });
    const cpu = process.cpuUsage(cpuBefore);
    const after = await settled(bridge);
    const workerdAfter = workerdCpu();
    const per = (delta: number) => (result.sent ? Math.round((delta / result.sent) * 100) / 100 : NaN);
    const phase: LoadPhase = {
      name,
      label,
      path,
      ...result,
      pgRoundTripsPerRequest: per(after.roundTrips - before.roundTrips),
      webSocketsPerRequest: per(after.clients - before.clients),
      workerCpuMsPerRequest: per(workerdAfter.worker - workerdBefore.worker),
      devProxyCpuMsPerRequest: per(workerdAfter.proxy - workerdBefore.proxy),
      benchProcessCores: Math.round(((cpu.user + cpu.system) / 1000 / (config.seconds * 1000)) * 100) / 100,
    };
    loadPhases.push(phase);
    const l = phase.latency;
    console.log(
      `    ${name}: ${phase.requestsPerSecond} req/s, p50 ${fmt(l.p50)} / p90 ${fmt(l.p90)} / p99 ${fmt(l.p99)} ms, ${phase.errors} errors` +
        `${expect ? `, ${phase.wrongAnswers} wrong answers` : ''}, ${phase.pgRoundTripsPerRequest} PG round trips and ${phase.workerCpuMsPerRequest} ms of workerd CPU per request` +
        `${phase.repeatedPaths ? `, ${phase.repeatedPaths} repeated ranges (cache hits)` : ''}`,
    );
    if (phase.firstError) console.log(`      first error: ${phase.firstError}`);
    if (phase.firstWrongAnswer) console.log(`      first wrong answer: ${phase.firstWrongAnswer}`);
  };

  let bearer = await tokens();
  // A few requests of each kind first, so the phases do not time workerd's first compilations.
  await prime('/api/v1/push/vapid-public-key', bearer.slice(0, 4));
  await prime('/api/v1/me', bearer.slice(0, 4));
  await runPhase('vapid-public-key', 'no database: the workerd floor', '/api/v1/push/vapid-public-key', [{ token: null, paths: ['/api/v1/push/vapid-public-key'] }]);
  await runPhase('me', 'the token, one query', '/api/v1/me', bearer.map((token) => ({ token, paths: ['/api/v1/me'] })));
  bearer = await tokens();
  await prime('/api/v1/timeline', bearer); // every person's default window now in KV
  await runPhase(
    'timeline warm',
    'warm (KV holds it; the version the PWA sends back)',
    '/api/v1/timeline',
    bearer.map((token, index) => ({ token, paths: ['/api/v1/timeline'], headers: stateOf(index) })),
    expectEpisodes,
  );
  bearer = await tokens();
  const stopProfile = PROFILE_FILE && worker.inspectorPort ? await startCpuProfile(worker.inspectorPort) : null;
  await runPhase(
    'timeline cold',
    'cold (a new range each request)',
    '/api/v1/timeline?from=…&to=…',
    bearer.map((token, index) => ({ token, paths: cold[index]!, headers: stateOf(index) })),
    expectEpisodes,
  );
  if (stopProfile) await stopProfile(PROFILE_FILE!);
  // The single cold requests below go on from there: each one misses too.
  const coldCursor = loadPhases.at(-1)!.cursors;

  step(`Latency: the bridge restarted with ${config.latencyMs} ms per round trip; ${config.latencyRuns} requests each, one at a time`);
  await settled(bridge);
  await bridge.stop();
  bridge = await startWsBridge({
    databaseUrl: database.databaseUrl,
    serialize: database.mode === 'embedded',
    port: bridgePort,
    latencyMs: config.latencyMs,
  });
  bearer = await tokens();
  await prime('/api/v1/timeline', bearer); // KV entries live 5 minutes: fresh ones for the warm requests
  const expected = new Set(expectEpisodes);
  const single: SinglePhase[] = [];
  const person = (run: number) => run % people.length;
  single.push(
    await singleRequests(
      bridge,
      worker.url,
      'timeline warm',
      '/api/v1/timeline',
      config.latencyRuns,
      (run) => ({ path: '/api/v1/timeline', token: bearer[person(run)]!, headers: stateOf(person(run)) }),
      expected,
    ),
  );
  // An API client that names no version: Postgres says which, one primary-key read, then KV.
  single.push(
    await singleRequests(
      bridge,
      worker.url,
      'timeline warm, no version named',
      '/api/v1/timeline',
      config.latencyRuns,
      (run) => ({ path: '/api/v1/timeline', token: bearer[person(run)]! }),
      expected,
    ),
  );
  single.push(
    await singleRequests(
      bridge,
      worker.url,
      'timeline cold',
      '/api/v1/timeline?from=…&to=…',
      config.latencyRuns,
      (run) => {
        const index = person(run);
        const paths = cold[index]!;
        // Past the ranges the load phase used (a run of this phase after it must miss too).
        return { path: paths[(coldCursor[index]! + Math.floor(run / people.length)) % paths.length]!, token: bearer[index]!, headers: stateOf(index) };
      },
      expected,
    ),
  );
  single.push(await singleRequests(bridge, worker.url, 'me', '/api/v1/me', config.latencyRuns, (run) => ({ path: '/api/v1/me', token: bearer[person(run)]! }), null));
  for (const phase of single) {
    console.log(
      `    ${phase.name}: p50 ${fmt(phase.latency.p50)} / p95 ${fmt(phase.latency.p95)} ms, PG round trips ${countCell(phase.pgRoundTrips)}, ` +
        `WebSockets ${countCell(phase.webSockets)}, KV reads ${countCell(phase.kvReads)}, KV writes ${countCell(phase.kvWrites)}${phase.wrongAnswers ? `, ${phase.wrongAnswers} wrong answers` : ''}`,
    );
  }

  const loadAfter = loadAverage();
  const load = (name: string) => loadPhases.find((phase) => phase.name.startsWith(name))!;
  const at = (name: string) => single.find((phase) => phase.name === name)!;
  const wrong = loadPhases.reduce((sum, phase) => sum + phase.wrongAnswers, 0) + single.reduce((sum, phase) => sum + phase.wrongAnswers, 0);
  // Issue 13's targets: what "after" must show.
  const targets = {
    throughputColdAtLeast328: load('timeline cold').requestsPerSecond >= 328,
    throughputWarmAtLeast650: load('timeline warm').requestsPerSecond >= 650,
    timelineP99Under125Ms: load('timeline cold').latency.p99 < 125 && load('timeline warm').latency.p99 < 125,
    all114Episodes: wrong === 0,
    warmP50Under40MsAtDistance: at('timeline warm').latency.p50 < 40,
    coldP50Under200MsAtDistance: at('timeline cold').latency.p50 < 200,
    warmNoRoundTrip: at('timeline warm').pgRoundTrips.max === 0,
    coldAtMostTwoRoundTrips: at('timeline cold').pgRoundTrips.max <= 2,
  };
  const results: BenchRun & Record<string, unknown> = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config: { ...config, people: PEOPLE, shows: SHOWS, episodesPerShow: EPISODES_PER_SHOW, tracked: TRACKED, windowEpisodes: WINDOW_EPISODES },
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    database: { label: database.label, version: database.version },
    databaseQueries: process.env.BENCH_DATABASE_QUERIES === 'websocket' ? 'websocket' : 'http',
    servedBy: SERVE === 'direct' ? 'workerd directly (the deploy bundle, no dev proxy)' : 'wrangler dev',
    loadGenerator: LOAD_GENERATOR,
    seeded,
    load: loadPhases,
    latency: { latencyMs: config.latencyMs, phases: single },
    targets,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };

  const name = database.mode === 'embedded' ? 'embedded PGlite' : database.version.split(',')[0];
  console.log('');
  console.log(`Throughput (${name}), ${config.connections} connections × ${config.seconds} s, ${LOAD_GENERATOR === 'wrk' ? 'wrk' : 'closed loop'}, served by ${SERVE === 'direct' ? 'workerd directly' : 'wrangler dev'}:`);
  console.log(machineLine(results));
  console.log('');
  console.log('| | req/s | p50 | p90 | p99 | max | errors | wrong answers | PG round trips / req | workerd CPU ms / req (dev proxy) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const p of loadPhases) {
    const l = p.latency;
    console.log(
      `| \`GET ${p.path}\` ${p.label} | ${p.requestsPerSecond} | ${fmt(l.p50)} | ${fmt(l.p90)} | ${fmt(l.p99)} | ${fmt(l.max)} | ${p.errors} | ${p.path.includes('timeline') ? p.wrongAnswers : '-'} | ${p.pgRoundTripsPerRequest} | ${p.workerCpuMsPerRequest} (${p.devProxyCpuMsPerRequest}) |`,
    );
  }
  console.log('');
  console.log(`At ${config.latencyMs} ms per round trip to Postgres, one request at a time (${config.latencyRuns} each), ms:`);
  console.log('');
  console.log('| | p50 | p95 | p99 | PG round trips / req | WebSockets / req | KV reads / req | KV writes / req |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const p of single) {
    console.log(`| ${p.name} | ${fmt(p.latency.p50)} | ${fmt(p.latency.p95)} | ${fmt(p.latency.p99)} | ${countCell(p.pgRoundTrips)} | ${countCell(p.webSockets)} | ${countCell(p.kvReads)} | ${countCell(p.kvWrites)} |`);
  }
  console.log('');
  console.log(`Issue 13's targets: ${Object.entries(targets).map(([target, met]) => `${target} ${met ? 'met' : 'NOT met'}`).join(', ')}`);
  // BENCH_DATABASE_QUERIES=websocket (bench/lib/worker.ts): the WebSocket-only way, kept beside the default's figures.
  const transport = process.env.BENCH_DATABASE_QUERIES === 'websocket' ? '-websocket' : '';
  const generator = LOAD_GENERATOR === 'wrk' ? '-wrk' : '';
  const served = SERVE === 'wrangler' ? '-wrangler-dev' : '';
  const file = join(import.meta.dirname, 'results', `edge-reads-${database.mode}${transport}${served}${generator}.json`);
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
  if (wrong > 0) throw new Error(`${wrong} timeline answers did not hold exactly the ${WINDOW_EPISODES} expected episodes`);
}

main()
  .then(() => shutdown(0))
  .catch(fail);
