// What each read of the API costs in Postgres round trips, WebSocket
// connections and KV operations, cold and warm (issue 13: "Round trips are
// visible"). Counts, not timings: the WebSocket bridge counts what the worker
// asks of Postgres (bridgeStats: WebSockets opened, client frames, each a
// round trip), and every /api and /cal answer says its KV reads and writes in
// Server-Timing (worker/lib/kv-count.ts).
//
// A small catalog (BENCH_SHOWS shows of 100 episodes, with their timeline
// events, from bench/lib/scale-seed.ts) and one person per route, all alike:
// 10 tracked shows (one a favorite), watches, a title on the watchlist, three
// notifications (two unread), a catch-up plan and a calendar feed. Each route
// is asked by its own person, so its cold request finds nothing of theirs in
// KV (the worker and its KV are fresh too); warm is the same request again,
// right after. Requests go one at a time, and the bench waits after each
// until the worker has closed every WebSocket (it ends its pool with
// waitUntil, after the answer) and the bridge's counters have held still, so
// the counts are exact and the same on every run.
// Prints a markdown table and writes bench/results/round-trips-<embedded|postgres>.json:
//   npm run bench:round-trips                                          # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:round-trips
//                                                                    # a fresh database on that server, dropped after
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { startBenchDatabase, type BenchDatabase } from './lib/database.ts';
import { settledStats, sourceState } from './lib/bridge-settle.ts';
import { intFromEnv } from './lib/env.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { machineLine, writeResults, type BenchRun } from './lib/results.ts';
import { seedScale } from './lib/scale-seed.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { NO_PROVIDERS, STATE_HEADER, benchWorkerVars, serverTimingCount, startBenchWorker } from './lib/worker.ts';

const config = {
  shows: intFromEnv('BENCH_SHOWS', 40),
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 10) * 60_000,
};
/** How long the bridge's counters must hold still, with no WebSocket open, before a request counts as done. */
const SETTLE_MS = 150;

interface Ids {
  /** Show 1: tracked by everyone, airing now, with a catch-up plan. */
  show: string;
  /** The title on everyone's watchlist (not tracked). */
  watchlisted: string;
}

interface Person {
  id: string;
  token: string;
  feed: string;
}

interface Route {
  name: string;
  path(ids: Ids, person: Person): string;
  /** false: no access token (the feed's token is in its URL; the VAPID key is public). */
  signedIn?: boolean;
}

// Every read of the API a person's app (or calendar) makes. Not here:
// /shows/trending and /shows/popular, which ask TMDB on a cold read (the
// bench runs with no provider), and the writes.
const ROUTES: Route[] = [
  { name: 'GET /api/v1/me', path: () => '/api/v1/me' },
  { name: 'GET /api/v1/me/devices', path: () => '/api/v1/me/devices' },
  { name: 'GET /api/v1/timeline', path: () => '/api/v1/timeline' },
  { name: 'GET /api/v1/timeline/today', path: () => '/api/v1/timeline/today' },
  { name: 'GET /api/v1/timeline/week', path: () => '/api/v1/timeline/week' },
  { name: 'GET /api/v1/timeline/upcoming', path: () => '/api/v1/timeline/upcoming' },
  { name: 'GET /api/v1/notifications', path: () => '/api/v1/notifications' },
  { name: 'GET /api/v1/notifications/unread-count', path: () => '/api/v1/notifications/unread-count' },
  { name: 'GET /api/v1/tracking', path: () => '/api/v1/tracking' },
  { name: 'GET /api/v1/tracking/favorites', path: () => '/api/v1/tracking/favorites' },
  { name: 'GET /api/v1/watchlist', path: () => '/api/v1/watchlist' },
  { name: 'GET /api/v1/watchlist/{show_id}', path: (ids) => `/api/v1/watchlist/${ids.watchlisted}` },
  { name: 'GET /api/v1/up-next', path: () => '/api/v1/up-next' },
  { name: 'GET /api/v1/history', path: () => '/api/v1/history' },
  { name: 'GET /api/v1/history/shows/{id}', path: (ids) => `/api/v1/history/shows/${ids.show}` },
  { name: 'GET /api/v1/stats', path: () => '/api/v1/stats' },
  { name: 'GET /api/v1/shows/{id}', path: (ids) => `/api/v1/shows/${ids.show}` },
  { name: 'GET /api/v1/shows/{id}/seasons/1', path: (ids) => `/api/v1/shows/${ids.show}/seasons/1` },
  { name: 'GET /api/v1/shows/{id}/episodes', path: (ids) => `/api/v1/shows/${ids.show}/episodes` },
  { name: 'GET /api/v1/shows/search?q=…', path: () => '/api/v1/shows/search?q=bench%20show' },
  { name: 'GET /api/v1/catch-up/{id}', path: (ids) => `/api/v1/catch-up/${ids.show}` },
  { name: 'GET /api/v1/calendar/feed-url', path: () => '/api/v1/calendar/feed-url' },
  { name: 'GET /cal/{token}.ics', path: (_ids, person) => `/cal/${person.feed}.ics`, signedIn: false },
  { name: 'GET /api/v1/push/vapid-public-key', path: () => '/api/v1/push/vapid-public-key', signedIn: false },
];

// Person 1 (bench-1 of the scale seed) gets the rest of what a person has;
// then everyone else becomes a copy of person 1.
const extras = (people: number) => `
CREATE TEMP TABLE bench_person AS SELECT id FROM users WHERE username = 'bench-1';
CREATE TEMP TABLE bench_show1 AS SELECT id FROM shows WHERE tmdb_id = 1;
-- The first three episodes of every tracked show, watched a week apart.
INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, source)
SELECT t.user_id, e.show_id, e.id, e.season_number, e.episode_number, now() - (40 - 7 * e.episode_number) * interval '1 day', 'app'
FROM user_tracked_shows t JOIN episodes e ON e.show_id = t.show_id AND e.season_number = 1 AND e.episode_number <= 3
WHERE t.user_id = (SELECT id FROM bench_person);
INSERT INTO watchlist_items (user_id, show_id, note)
SELECT p.id, s.id, 'Someone said it gets good'
FROM bench_person p, LATERAL (SELECT id FROM shows WHERE id NOT IN (SELECT show_id FROM user_tracked_shows WHERE user_id = p.id)
                              ORDER BY tmdb_id LIMIT 1) s;
-- Three notifications of show 1's latest aired episodes: two unread, one read.
INSERT INTO notifications (user_id, timeline_event_id, title, body, status, scheduled_for, sent_at, read_at)
SELECT p.id, e.id, e.title, 'New episode', CASE WHEN e.n = 3 THEN 'read' ELSE 'sent' END, e.event_date, e.event_date,
       CASE WHEN e.n = 3 THEN e.event_date + interval '1 hour' END
FROM bench_person p,
     LATERAL (SELECT te.*, row_number() OVER (ORDER BY te.event_date DESC) AS n FROM timeline_events te
              WHERE te.show_id = (SELECT id FROM bench_show1) AND te.event_date < now() ORDER BY te.event_date DESC LIMIT 3) e;
INSERT INTO catch_up_plans (user_id, show_id, target_date, weekdays)
SELECT p.id, (SELECT id FROM bench_show1), current_date + 90, '{1,3,5}' FROM bench_person p;
UPDATE user_tracked_shows SET is_favorite = (show_id = (SELECT id FROM bench_show1)) WHERE user_id = (SELECT id FROM bench_person);

INSERT INTO users (email, username, password_hash, timezone)
SELECT 'person-' || g || '@bench.invalid', 'person-' || g, 'not-a-password-hash', u.timezone
FROM users u, generate_series(2, ${people}) g WHERE u.username = 'bench-1';
CREATE TEMP TABLE bench_copy AS SELECT id FROM users WHERE username LIKE 'person-%';
INSERT INTO user_tracked_shows (user_id, show_id, is_favorite, notify_new_episode, notify_new_season, notify_status_change, notify_hours_before)
SELECT c.id, t.show_id, t.is_favorite, t.notify_new_episode, t.notify_new_season, t.notify_status_change, t.notify_hours_before
FROM user_tracked_shows t, bench_copy c WHERE t.user_id = (SELECT id FROM bench_person);
INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source)
SELECT c.id, w.show_id, w.episode_id, w.season_number, w.episode_number, w.watched_at, w.watched_on, w.source
FROM watches w, bench_copy c WHERE w.user_id = (SELECT id FROM bench_person);
INSERT INTO watchlist_items (user_id, show_id, note)
SELECT c.id, w.show_id, w.note FROM watchlist_items w, bench_copy c WHERE w.user_id = (SELECT id FROM bench_person);
INSERT INTO notifications (user_id, timeline_event_id, title, body, status, scheduled_for, sent_at, read_at)
SELECT c.id, n.timeline_event_id, n.title, n.body, n.status, n.scheduled_for, n.sent_at, n.read_at
FROM notifications n, bench_copy c WHERE n.user_id = (SELECT id FROM bench_person);
INSERT INTO catch_up_plans (user_id, show_id, target_date, weekdays)
SELECT c.id, p.show_id, p.target_date, p.weekdays FROM catch_up_plans p, bench_copy c WHERE p.user_id = (SELECT id FROM bench_person);
`;

/**
 * A calendar feed token as worker/features/calendar/feed-token.ts derives it
 * (HMAC-SHA256 of "<user id>:<generation>" under an HKDF key of JWT_SECRET),
 * with Node's crypto: that module is typed for workerd. A wrong one would be
 * a 404 from the feed, which stops the bench.
 */
function feedToken(secret: string, userId: string, generation: number): string {
  const label = 'showtracker calendar feed token v1';
  const key = Buffer.from(hkdfSync('sha256', secret, label, label, 32));
  return createHmac('sha256', key).update(`${userId}:${generation}`).digest('base64url');
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

interface Counts {
  status: number;
  /** Client frames the bridge received: each one a round trip to Postgres. */
  pgRoundTrips: number;
  /** WebSockets the worker opened: each a connection set-up (TLS and Postgres start-up on Neon). */
  connections: number;
  kvReads: number;
  kvWrites: number;
  /** Client-side latency, for orientation only: this bench counts, it does not time. */
  ms: number;
  /** The answer's X-ShowTracker-State, if it named one. */
  state: string | null;
}


const settled = (database: BenchDatabase) => settledStats(() => database.bridgeStats(), SETTLE_MS);

const kvCount = (header: string | null, name: string): number => {
  const count = serverTimingCount(header, name);
  if (count === null) throw new Error(`no ${name} in Server-Timing: ${header}`);
  return count;
};

async function measure(database: BenchDatabase, url: string, token: string | undefined, state: string | null = null): Promise<Counts> {
  const before = await settled(database);
  const start = performance.now();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (state) headers[STATE_HEADER] = state;
  const response = await fetch(url, { headers });
  const body = await response.text();
  const ms = Math.round((performance.now() - start) * 10) / 10;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
  if (/"incomplete":\s*true/.test(body)) throw new Error(`${url} answered incomplete (asked a provider?): ${body.slice(0, 300)}`);
  const serverTiming = response.headers.get('Server-Timing');
  const after = await settled(database);
  return {
    status: response.status,
    pgRoundTrips: after.roundTrips - before.roundTrips,
    connections: after.clients - before.clients,
    kvReads: kvCount(serverTiming, 'kv-read'),
    kvWrites: kvCount(serverTiming, 'kv-write'),
    ms,
    state: response.headers.get(STATE_HEADER),
  };
}

const sameCounts = (a: Counts, b: Counts) =>
  a.pgRoundTrips === b.pgRoundTrips && a.connections === b.connections && a.kvReads === b.kvReads && a.kvWrites === b.kvWrites;


const step = (message: string) => console.log(`==> ${message}`);

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);
  const source = sourceState(['worker', 'dev/lib/ws-bridge.ts']);
  if (source.workerChanged) console.log('note: the worker (or the bridge) has uncommitted changes; the counts are of the working tree');

  step('Starting the database');
  const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version.split(',')[0]}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end());

  step(`Seeding ${config.shows} shows × 100 episodes and ${ROUTES.length} people alike, one per route`);
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  await seedScale(client, { users: 1, shows: config.shows, episodesPerShow: 100, trackedPerUser: 10 }, () => {});
  await client.query(extras(ROUTES.length));
  await client.query('VACUUM ANALYZE users, watches, watchlist_items, notifications, catch_up_plans, user_tracked_shows');
  const { rows: people } = await client.query<{ id: string }>(
    "SELECT id FROM users WHERE username = 'bench-1' OR username LIKE 'person-%' ORDER BY created_at, username",
  );
  const feeds = people.map((person) => feedToken(jwtSecret, person.id, 1));
  await client.query('INSERT INTO calendar_feeds (user_id, generation, token_hash) SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[])', [
    people.map((person) => person.id),
    people.map(() => 1),
    feeds.map(sha256Hex),
  ]);
  const { rows: counts } = await client.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM shows) AS shows, (SELECT count(*)::int FROM episodes) AS episodes,
    (SELECT count(*)::int FROM timeline_events) AS timeline_events,
    (SELECT count(*)::int FROM user_tracked_shows WHERE user_id = $1) AS tracked,
    (SELECT count(*)::int FROM watches WHERE user_id = $1) AS watches,
    (SELECT count(*)::int FROM notifications WHERE user_id = $1) AS notifications`, [people[0]!.id]);
  const seeded = counts[0]!;
  console.log(
    `    ${seeded.shows} shows, ${seeded.episodes} episodes, ${seeded.timeline_events} timeline events; each of ${people.length} people: ` +
      `${seeded.tracked} tracked shows, ${seeded.watches} watches, ${seeded.notifications} notifications, a watchlist title, a catch-up plan, a calendar feed`,
  );
  const { rows: idRows } = await client.query<Ids>(`SELECT (SELECT id FROM shows WHERE tmdb_id = 1) AS show,
    (SELECT show_id FROM watchlist_items WHERE user_id = $1) AS watchlisted`, [people[0]!.id]);
  const ids = idRows[0]!;
  await client.end();

  step('Starting the worker (wrangler dev, fresh KV, no providers)');
  const worker = await startBenchWorker(benchWorkerVars(database, { jwtSecret, internalToken, vapid: generateVapidKeys() }, NO_PROVIDERS));
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  step('Each route cold (its first request, its person new to the worker), then warm (the same request again, naming the version the answer named, as the PWA does), then warm naming none');
  const routes: { route: string; cold: Counts; warm: Counts; warmNoVersion: Counts; warmAgainSame: boolean }[] = [];
  for (const [index, route] of ROUTES.entries()) {
    const person: Person = { id: people[index]!.id, token: await accessToken(people[index]!.id, jwtSecret), feed: feeds[index]! };
    const url = `${worker.url}${route.path(ids, person)}`;
    const token = route.signedIn === false ? undefined : person.token;
    const cold = await measure(database, url, token);
    const warm = await measure(database, url, token, cold.state);
    // A third request: warm is a steady state when it counts the same again.
    const again = await measure(database, url, token, cold.state);
    const warmNoVersion = await measure(database, url, token);
    routes.push({ route: route.name, cold, warm, warmNoVersion, warmAgainSame: sameCounts(warm, again) });
    if (!sameCounts(warm, again)) console.log(`    note: ${route.name} counted differently on a third request: ${JSON.stringify(again)}`);
  }
  const totalLoad = loadAverage();
  await worker.stop();

  const results: BenchRun & Record<string, unknown> = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config: { shows: config.shows, people: people.length, settleMs: SETTLE_MS },
    machine: machine(),
    loadAverage: { before: loadBefore, after: totalLoad },
    database: { label: database.label, version: database.version },
    source,
    seeded,
    routes,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };

  const cell = (c: Counts) => `${c.pgRoundTrips} | ${c.connections} | ${c.kvReads} | ${c.kvWrites}`;
  console.log('');
  console.log(`Round trips per request (${database.mode === 'embedded' ? 'embedded PGlite' : database.version.split(',')[0]}):`);
  console.log(machineLine(results));
  console.log('');
  console.log(
    '| route | cold: PG round trips | WebSockets | KV reads | KV writes | warm, version named (the PWA): PG round trips | WebSockets | KV reads | KV writes | warm, no version named: PG round trips | WebSockets | KV reads | KV writes |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { route, cold, warm, warmNoVersion } of routes) console.log(`| \`${route}\` | ${cell(cold)} | ${cell(warm)} | ${cell(warmNoVersion)} |`);
  console.log('');
  const file = join(import.meta.dirname, 'results', `round-trips-${database.mode}.json`);
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
}

main()
  .then(() => shutdown(0))
  .catch(fail);
