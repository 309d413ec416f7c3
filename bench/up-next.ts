// Up Next at the size issue 12 names: one person with 500 tracked shows and
// about 25,000 watches, among 50 others (275,000 watches), in a catalog of
// 5,000 shows × 40 episodes. Times the statement (raw SQL, as the service
// sends it) and GET /api/v1/up-next through `wrangler dev`, one request at a
// time, next to GET /api/v1/me (the API's floor: a connection, the token, one
// query):
//   npm run bench:up-next                                          # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:up-next
//                                                                # a fresh database on that server, dropped after
import { randomBytes } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { upNextQuery } from '../worker/features/up-next/up-next.query.ts';
import { startBenchDatabase } from './lib/database.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { NO_PROVIDERS, benchWorkerVars, startBenchWorker } from './lib/worker.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);

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

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${sorted.length} runs)`;
}

const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
let worker: Awaited<ReturnType<typeof startBenchWorker>> | undefined;
try {
  console.log(`database: ${database.label}, ${database.version.split(',')[0]}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  let userId: string;
  try {
    await client.query(SEED);
    await client.query('VACUUM ANALYZE');
    const { rows } = await client.query<{ id: string; watches: number }>(
      "SELECT u.id, (SELECT count(*)::int FROM watches w WHERE w.user_id = u.id) AS watches FROM users u WHERE username = 'u1'",
    );
    userId = rows[0]!.id;
    console.log(`seeded: ${rows[0]!.watches} watches of one person, 500 tracked shows`);

    const statement = new PgDialect().sqlToQuery(upNextQuery(userId));
    const raw: number[] = [];
    let shows = 0;
    for (let run = 0; run < RUNS + 10; run++) {
      const start = performance.now();
      await client.query('BEGIN');
      await client.query('SET LOCAL jit = off');
      shows = (await client.query(statement.sql, statement.params)).rowCount ?? 0;
      await client.query('COMMIT');
      if (run >= 10) raw.push(performance.now() - start);
    }
    console.log(`raw SQL (BEGIN, SET LOCAL jit = off, the statement, COMMIT): ${summary(raw)}; ${shows} shows`);
  } finally {
    await client.end();
  }

  const jwtSecret = randomBytes(32).toString('hex');
  const internalToken = randomBytes(16).toString('hex');
  worker = await startBenchWorker(benchWorkerVars(database, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS));
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });
  const token = await accessToken(userId, jwtSecret);
  for (const path of ['/api/v1/me', '/api/v1/up-next']) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + 10; run++) {
      const start = performance.now();
      const response = await fetch(`${worker.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      if (run >= 10) times.push(performance.now() - start);
      bytes = body.length;
    }
    console.log(`GET ${path} through the API: ${summary(times)}; ${bytes} bytes`);
  }
} finally {
  await worker?.stop();
  await database.stop();
}
