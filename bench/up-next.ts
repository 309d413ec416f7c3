// Up Next at the size issue 12 names: one person with 500 tracked shows and
// about 25,000 watches, among 50 others (275,000 watches), in a catalog of
// 5,000 shows × 40 episodes. Times the statement of Up Next's first page (raw
// SQL, as the service sends it) and, through `wrangler dev`, one request at a
// time, GET /api/v1/up-next (its first page of 20, what Home asks for), a page
// of 100 and a page deep in the list (after the 400th show),
// GET /api/v1/history/shows/{id} (a show page's watched
// state, over the person's 500 shows in turn) and GET /api/v1/me (the API's
// floor: a connection, the token, one query). Prints p50/p95/p99 and writes
// bench/results/up-next-<embedded|postgres>.json:
//   npm run bench:up-next                                          # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:up-next
//                                                                # a fresh database on that server, dropped after
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { upNextQuery } from '../worker/features/up-next/up-next.query.ts';
import { UPNEXT_PAGE_DEFAULT as UP_NEXT_PAGE } from '../worker/features/up-next/up-next.schemas.ts';
import { startBenchDatabase } from './lib/database.ts';
import { loadAverage, machine } from './lib/machine.ts';
import { writeResults, type BenchRun } from './lib/results.ts';
import { summarize, type Latency } from './lib/stats.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { NO_PROVIDERS, benchWorkerVars, startBenchWorker } from './lib/worker.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const WARM_UP = 10;

// Episodes a week apart, each show's shifted by its own offset, so some are
// still airing; one episode in five has only a day, one in four no runtime.
const SEED = `
SELECT setseed(0.42);
INSERT INTO users (email, username, password_hash, timezone)
SELECT 'u' || g || '@bench.invalid', 'u' || g, 'x', 'Europe/London' FROM generate_series(1, 51) g;
INSERT INTO shows (title, media_type, runtime_minutes)
SELECT 'Show ' || g, 'tv', CASE WHEN g % 3 = 0 THEN NULL ELSE 45 END FROM generate_series(1, 5000) g;
INSERT INTO seasons (show_id, season_number) SELECT s.id, n FROM shows s, generate_series(1, 4) n;
INSERT INTO episodes (show_id, season_id, season_number, episode_number, airs_at, air_date, runtime_minutes)
SELECT se.show_id, se.id, se.season_number, e,
       CASE WHEN e % 5 = 0 THEN NULL ELSE t END, t::date, CASE WHEN e % 4 = 0 THEN NULL ELSE 42 END
FROM seasons se, generate_series(1, 10) e,
     LATERAL (SELECT now() - interval '1000 days' + (se.season_number * 120 + e * 7 + (hashtext(se.show_id::text) % 400)) * interval '1 day' AS t) x;
INSERT INTO user_tracked_shows (user_id, show_id)
SELECT u.id, s.id FROM users u, (SELECT id FROM shows ORDER BY title LIMIT 500) s WHERE u.username = 'u1';
-- u1: the first 1 to 32 aired episodes of each tracked show, three times over,
-- at an instant, on a day or on a day not given.
INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source)
SELECT t.user_id, e.show_id, e.id, e.season_number, e.episode_number,
       CASE WHEN r % 3 <> 0 THEN now() - (random() * 400) * interval '1 day' END,
       CASE WHEN r % 3 = 0 AND r % 2 = 0 THEN (now() - (random() * 400) * interval '1 day')::date END, 'app'
FROM user_tracked_shows t
JOIN LATERAL (SELECT e.* FROM episodes e WHERE e.show_id = t.show_id AND COALESCE(e.airs_at, e.air_date::timestamptz) < now()
              ORDER BY e.season_number, e.episode_number LIMIT (hashtext(t.show_id::text) & 31) + 1) e ON true
CROSS JOIN generate_series(1, 3) r
WHERE t.user_id = (SELECT id FROM users WHERE username = 'u1');
INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, source)
SELECT u.id, e.show_id, e.id, e.season_number, e.episode_number, now() - random() * interval '300 days', 'app'
FROM users u CROSS JOIN LATERAL (SELECT e.* FROM episodes e WHERE random() < 0.03 LIMIT 5000) e WHERE u.username <> 'u1';
`;

const line = (t: Latency) => `p50 ${t.p50} ms, p95 ${t.p95} ms, p99 ${t.p99} ms, max ${t.max} ms (${t.n} runs)`;

const started = performance.now();
const loadBefore = loadAverage();
if (loadBefore > 0.5) console.log(`note: load average ${loadBefore} before the run; other work on the 2 cores shows in the figures`);
const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
let worker: Awaited<ReturnType<typeof startBenchWorker>> | undefined;
try {
  console.log(`database: ${database.label}, ${database.version.split(',')[0]}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  let userId: string;
  let shows = 0;
  let statementTiming: Latency;
  let explain: { totalCost: number; executionMs: number; jit: unknown };
  let tracked: string[];
  try {
    await client.query(SEED);
    await client.query('VACUUM ANALYZE');
    const { rows } = await client.query<{ id: string; watches: number }>(
      "SELECT u.id, (SELECT count(*)::int FROM watches w WHERE w.user_id = u.id) AS watches FROM users u WHERE username = 'u1'",
    );
    userId = rows[0]!.id;
    console.log(`seeded: ${rows[0]!.watches} watches of one person, 500 tracked shows`);

    // Every show in progress, in one statement: how many there are.
    const all = new PgDialect().sqlToQuery(upNextQuery(userId, { limit: 10_000, after: null }));
    shows = (await client.query(all.sql, all.params)).rowCount ?? 0;
    // The first page, as the service sends it (a page and one more).
    const statement = new PgDialect().sqlToQuery(upNextQuery(userId, { limit: UP_NEXT_PAGE + 1, after: null }));
    const raw: number[] = [];
    for (let run = 0; run < RUNS + WARM_UP; run++) {
      const start = performance.now();
      await client.query(statement.sql, statement.params);
      if (run >= WARM_UP) raw.push(performance.now() - start);
    }
    statementTiming = summarize(raw);
    console.log(`raw SQL (the first page's statement alone, as the service sends it): ${line(statementTiming)}; ${shows} shows in progress`);
    // Whether the server compiled it (PostgreSQL with JIT; PGlite has none).
    const plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params)).rows[0]['QUERY PLAN'][0];
    explain = { totalCost: plan.Plan['Total Cost'], executionMs: plan['Execution Time'], jit: plan.JIT ?? null };
    console.log(`EXPLAIN ANALYZE: cost ${explain.totalCost}, ${explain.executionMs} ms, JIT ${plan.JIT ? 'used' : 'not used'}`);
    tracked = (
      await client.query<{ show_id: string }>('SELECT show_id FROM user_tracked_shows WHERE user_id = $1 ORDER BY show_id', [userId])
    ).rows.map((row) => row.show_id);
  } finally {
    await client.end();
  }

  const jwtSecret = randomBytes(32).toString('hex');
  const internalToken = randomBytes(16).toString('hex');
  worker = await startBenchWorker(benchWorkerVars(database, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS));
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });
  const token = await accessToken(userId, jwtSecret);
  const routes: Record<string, { path: string; timing: Latency; bytes: number }> = {};
  // A cursor deep in the list (the page after the 400th show), as a client that kept scrolling holds it.
  let deepCursor = '';
  for (let after = 0, cursor = ''; after < 400; after += 100) {
    const response = await fetch(`${worker.url}/api/v1/up-next?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { next_cursor: string | null };
    if (!page.next_cursor) throw new Error(`Up Next ended before show ${after + 100}`);
    cursor = deepCursor = page.next_cursor;
  }
  const paths: [string, (run: number) => string][] = [
    ['GET /api/v1/me', () => '/api/v1/me'],
    ['GET /api/v1/up-next', () => '/api/v1/up-next'],
    ['GET /api/v1/up-next?limit=100', () => '/api/v1/up-next?limit=100'],
    ['GET /api/v1/up-next?cursor=(after 400)', () => `/api/v1/up-next?cursor=${deepCursor}`],
    ['GET /api/v1/history/shows/{id}', (run) => `/api/v1/history/shows/${tracked[run % tracked.length]}`],
  ];
  for (const [name, pathOf] of paths) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + WARM_UP; run++) {
      const path = pathOf(run);
      const start = performance.now();
      const response = await fetch(`${worker.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      if (run >= WARM_UP) times.push(performance.now() - start);
      bytes = Math.max(bytes, body.length);
    }
    routes[name] = { path: pathOf(0), timing: summarize(times), bytes };
    console.log(`${name} through the API: ${line(routes[name].timing)}; ${bytes} bytes at most`);
  }
  const results: BenchRun & Record<string, unknown> = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config: { runs: RUNS, warmUp: WARM_UP },
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAverage() },
    database: { label: database.label, version: database.version },
    upNextShows: shows,
    statement: statementTiming!,
    explain: explain!,
    routes,
    // The issue's two reads: Up Next (its first page, what Home asks for) and a show page's watched state.
    target: {
      p95Ms: 50,
      met: ['GET /api/v1/up-next', 'GET /api/v1/history/shows/{id}'].every((name) => routes[name]!.timing.p95 < 50),
    },
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  writeResults(join(import.meta.dirname, 'results', `up-next-${database.mode}.json`), results);
  console.log(`written: bench/results/up-next-${database.mode}.json`);
} finally {
  await worker?.stop();
  await database.stop();
}
