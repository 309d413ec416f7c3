// Issue 14's import benchmark: a synthetic TV Time GDPR export (20,000
// episode watches over 300 shows) and a Trakt export (30,000 plays), each
// uploaded, matched, committed and imported again through the HTTP API as a
// signed-up person, with the worker served by workerd (queues and their
// consumers running, as on Cloudflare) and the metadata providers by the
// offline stand-ins, which serve the benchmark's synthetic shows next to
// their shipped catalog. It reports, per import: wall time of the upload,
// the matching (queue steps until `ready`) and the commit (until
// `committed`); provider calls by provider (the stand-ins' request log) and
// per 1,000 rows; and duplicates: what re-importing the same file added
// (`added.watches`, which must be 0) and a SQL check that no two watches of
// the person share show, season, episode and instant.
//
//   npm run bench:imports                                        # embedded PGlite
//   DATABASE_URL=postgres://…@127.0.0.1:5432/db npm run bench:imports
//                                                                # a fresh database on that server, dropped after
//
// Prints a table and writes bench/results/imports-<embedded|postgres>.json.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { generateVapidKeys } from '../dev/lib/dev-vars.ts';
import { ROOT } from '../dev/lib/paths.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { standInProviderVars, startStandIns, type LoggedRequest, type Provider } from '../dev/stand-ins/index.ts';
import { sourceState } from './lib/bridge-settle.ts';
import { startBenchDatabase } from './lib/database.ts';
import { intFromEnv } from './lib/env.ts';
import { syntheticShows, syntheticWatches, traktExport, tvTimeExport, TRAKT_PAGE_SIZE, type BuiltExport } from './lib/import-exports.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { machineLine, writeResults, type BenchRun } from './lib/results.ts';
import { accessToken } from './lib/timeline-phase.ts';
import { startDirectWorker } from './lib/worker-direct.ts';
import { benchWorkerVars } from './lib/worker.ts';

const config = {
  shows: intFromEnv('BENCH_SHOWS', 300),
  tvTimeWatches: intFromEnv('BENCH_TVTIME_WATCHES', 20_000),
  traktPlays: intFromEnv('BENCH_TRAKT_PLAYS', 30_000),
  /** A stage whose progress does not move for this long fails the run (instead of waiting out BENCH_MAX_MINUTES). */
  stallSeconds: intFromEnv('BENCH_STALL_SECONDS', 180),
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 18) * 60_000,
};

/**
 * Which shows the Trakt export watches: `new` (default), 300 shows of its own
 * that the TV Time import never matched, so its titles are cold although the
 * database is shared; `same`, the TV Time export's shows, already in the catalog.
 */
const TRAKT_CATALOG = process.env.BENCH_TRAKT_CATALOG === 'same' ? 'same' : 'new';
/** Rewatches among the watches: TV Time 10 %, Trakt 15 % (Trakt people log rewatches more). */
const TVTIME_REWATCH_SHARE = 0.1;
const TRAKT_REWATCH_SHARE = 0.15;
/** Share of the TV Time shows with a `user-series-…` follow row. */
const FOLLOWED_SHARE = 0.8;
const POLL_MS = 1000;
const PROVIDERS: Provider[] = ['tmdb', 'tvdb', 'tvmaze', 'omdb'];
const RATE_VARS = ['TMDB_RATE_LIMIT', 'TMDB_RATE_WINDOW_SECONDS', 'TVMAZE_RATE_LIMIT', 'TVDB_RATE_LIMIT', 'OMDB_DAILY_LIMIT'] as const;

/** The rate limits the worker runs with: wrangler.jsonc's, unless the environment overrides one (then passed to the worker and reported). */
function rateLimits(): { effective: Record<string, number>; overridden: string[] } {
  const jsonc = readFileSync(join(ROOT, 'wrangler.jsonc'), 'utf8');
  const effective: Record<string, number> = {};
  const overridden: string[] = [];
  for (const name of RATE_VARS) {
    const fromEnv = process.env[name];
    if (fromEnv) {
      effective[name] = intFromEnv(name, 0);
      overridden.push(name);
    } else {
      effective[name] = Number(new RegExp(`"${name}":\\s*"(\\d+)"`).exec(jsonc)?.[1] ?? NaN);
    }
  }
  return { effective, overridden };
}

/** HTTP requests the stand-ins answered, by provider; `redirects` of them were a 3xx (TVmaze's lookup answers 301 to the show, which the client follows: two requests for one call the gate admitted). */
type Counts = Record<Provider, number> & { total: number; redirects: number };

interface ImportView {
  id: string;
  format: string;
  status: string;
  progress: { stage: string; done: number; total: number; percent: number };
  records: Record<string, number>;
  matched: Record<string, number>;
  titles: Record<string, number>;
  added: Record<string, number> | null;
  notices: string[];
  same_file_committed_at: string | null;
}

interface ImportRun {
  name: string;
  file: Omit<BuiltExport, 'zip'> & { zipBytes: number };
  /** Wall time, ms: the upload request (reading, storing and matching the first 25 titles inline), the queue's matching until `ready`, the commit request, the queue's commit until `committed`. */
  uploadMs: number;
  matchingMs: number;
  commitRequestMs: number;
  commitMs: number;
  totalMs: number;
  ready: ImportView;
  committed: ImportView;
  providerCalls: { upload: Counts; matching: Counts; commit: Counts; total: Counts };
  /** total provider calls × 1000 / the file's watch rows (episode watches or plays). */
  providerCallsPer1000Rows: Counts;
  /** The most calls any provider took in one 10 s window, against its limit. */
  busiestTenSeconds: Record<Provider, number>;
  /** After the commit, from SQL. */
  person: WatchCheck;
}

interface WatchCheck {
  watches: number;
  imported: number;
  withoutEpisode: number;
  /** Groups of watches of the person sharing show, season, episode and instant, and the watches beyond the first of each. */
  duplicateGroups: number;
  duplicateWatches: number;
  follows: number;
}

const step = (message: string) => console.log(`==> ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perThousand = (calls: number, rows: number) => Math.round((calls * 1000 * 100) / rows) / 100;

function countCalls(log: LoggedRequest[], from: number, to: number): Counts {
  const counts: Counts = { tmdb: 0, tvdb: 0, tvmaze: 0, omdb: 0, total: 0, redirects: 0 };
  for (const entry of log) {
    if (entry.time < from || entry.time > to) continue;
    counts[entry.provider] += 1;
    counts.total += 1;
    if (entry.status !== null && entry.status >= 300 && entry.status < 400) counts.redirects += 1;
  }
  return counts;
}

function busiest(log: LoggedRequest[], from: number, to: number): Record<Provider, number> {
  const result = { tmdb: 0, tvdb: 0, tvmaze: 0, omdb: 0 };
  for (const provider of PROVIDERS) {
    const times = log.filter((entry) => entry.provider === provider && entry.time >= from && entry.time <= to).map((entry) => entry.time).sort((a, b) => a - b);
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= 10_000) start += 1;
      result[provider] = Math.max(result[provider], end - start + 1);
    }
  }
  return result;
}

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);
  const source = sourceState();
  if (source.workerChanged) console.log('note: the worker has uncommitted changes; the figures are of the working tree');
  const limits = rateLimits();
  if (limits.overridden.length) {
    console.log(`note: rate limits overridden from the environment: ${limits.overridden.map((name) => `${name}=${limits.effective[name]}`).join(', ')} (wrangler.jsonc's otherwise)`);
  }

  step(`Generating the exports: TV Time ${config.tvTimeWatches} watches over ${config.shows} shows, Trakt ${config.traktPlays} plays over ${config.shows} ${TRAKT_CATALOG === 'new' ? 'other' : 'of the same'} shows`);
  const nowMs = Date.now();
  const tvTimeShows = syntheticShows(1, config.shows, 14);
  const traktShows = TRAKT_CATALOG === 'new' ? syntheticShows(config.shows + 1, config.shows, 15) : tvTimeShows;
  const tvTime = tvTimeExport(syntheticWatches(tvTimeShows, config.tvTimeWatches, TVTIME_REWATCH_SHARE, 1401, nowMs), tvTimeShows, FOLLOWED_SHARE, 1402);
  const trakt = traktExport(syntheticWatches(traktShows, config.traktPlays, TRAKT_REWATCH_SHARE, 1501, nowMs), 1502);
  const extraShows = TRAKT_CATALOG === 'new' ? [...tvTimeShows, ...traktShows] : tvTimeShows;
  const episodes = (shows: typeof tvTimeShows) => shows.reduce((sum, show) => sum + show.episodes.length, 0);
  console.log(
    `    TV Time: ${tvTime.watchRows} watch rows + ${tvTime.followRows} follow rows, ${(tvTime.zip.length / 1024).toFixed(0)} KiB zipped (${(tvTime.uncompressedBytes / 1024 / 1024).toFixed(1)} MiB), ` +
      `${tvTime.shows} shows of ${episodes(tvTimeShows)} episodes`,
  );
  console.log(
    `    Trakt: ${trakt.watchRows} plays in ${trakt.members - 1} pages of ${TRAKT_PAGE_SIZE}, ${(trakt.zip.length / 1024).toFixed(0)} KiB zipped (${(trakt.uncompressedBytes / 1024 / 1024).toFixed(1)} MiB), ` +
      `${trakt.shows} shows of ${episodes(traktShows)} episodes`,
  );

  step('Starting the database');
  const database = await startBenchDatabase(process.env.DATABASE_URL || undefined);
  onShutdown(() => database.stop());
  console.log(`    ${database.label}: ${database.version.split(',')[0]}`);
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  onShutdown(() => client.end().catch(() => {}));

  step(`Starting the stand-ins (the shipped catalog + ${extraShows.length} synthetic shows)`);
  const standIns = await startStandIns({ extraShows: extraShows.map((show) => show.spec) });
  onShutdown(() => standIns.stop());
  const requestLog = async (since: number): Promise<LoggedRequest[]> => {
    const response = await fetch(`${standIns.url}/__control/requests?since=${since}`);
    return ((await response.json()) as { requests: LoggedRequest[] }).requests;
  };

  step('Starting the worker (workerd serving the deploy bundle, its queues and consumers; fresh KV and Durable Objects)');
  const jwtSecret = randomBytes(32).toString('base64url');
  const internalToken = randomBytes(24).toString('base64url');
  const overrides = Object.fromEntries(limits.overridden.map((name) => [name, String(limits.effective[name])]));
  const worker = await startDirectWorker({
    ...benchWorkerVars({ databaseUrl: database.databaseUrl, wsProxy: database.wsProxy }, { jwtSecret, internalToken, vapid: generateVapidKeys() }, standInProviderVars(standIns.bases)),
    ...overrides,
  });
  onShutdown(() => worker.stop());
  await worker.ready('/api/internal/health', { Authorization: `Bearer ${internalToken}` });

  const api = async <T>(method: string, path: string, options: { token?: string; body?: Uint8Array | object; timeoutMs?: number } = {}): Promise<T> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined;
    if (options.body instanceof Uint8Array) {
      headers['Content-Type'] = 'application/zip';
      body = options.body as Uint8Array<ArrayBuffer>;
    } else if (options.body) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${worker.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };

  /** Signs a person up through the API; their tokens are minted afresh for each request after that (an access token lives 15 minutes). */
  const signUp = async (name: string) => {
    const session = await api<{ user: { id: string } }>('POST', '/api/v1/auth/register', {
      body: { email: `${name.replace("_", "-")}@bench.invalid`, username: name, password: randomBytes(12).toString('base64url'), timezone: 'Europe/London', token_transport: 'body' },
    });
    return { id: session.user.id, token: () => accessToken(session.user.id, jwtSecret) };
  };
  type Person = Awaited<ReturnType<typeof signUp>>;

  /** Polls the import until `status` is reached; fails when it turns `failed`, or its progress stands still for BENCH_STALL_SECONDS. */
  const waitFor = async (person: Person, id: string, status: string, what: string): Promise<ImportView> => {
    let last = '';
    let movedAt = performance.now();
    let printedAt = performance.now();
    for (;;) {
      const view = await api<ImportView>('GET', `/api/v1/imports/${id}`, { token: await person.token() });
      if (view.status === status) return view;
      if (view.status === 'failed' || view.status === 'undone') throw new Error(`${what}: the import became "${view.status}" (${JSON.stringify(view.progress)})`);
      const now = `${view.status} ${view.progress.done}/${view.progress.total}`;
      if (now !== last) {
        last = now;
        movedAt = performance.now();
      } else if (performance.now() - movedAt > config.stallSeconds * 1000) {
        throw new Error(
          `${what}: stalled for ${config.stallSeconds} s at ${view.status}, progress ${view.progress.done}/${view.progress.total} (${view.progress.stage}); titles ${JSON.stringify(view.titles)}`,
        );
      }
      if (performance.now() - printedAt > 30_000) {
        printedAt = performance.now();
        console.log(`      … ${view.progress.stage} ${view.progress.done}/${view.progress.total}`);
      }
      await sleep(POLL_MS);
    }
  };

  const checkWatches = async (person: Person): Promise<WatchCheck> => {
    const { rows } = await client.query<WatchCheck>(
      `SELECT
         (SELECT count(*)::int FROM watches WHERE user_id = $1) AS watches,
         (SELECT count(*)::int FROM watches WHERE user_id = $1 AND import_batch_id IS NOT NULL) AS imported,
         (SELECT count(*)::int FROM watches WHERE user_id = $1 AND episode_id IS NULL) AS "withoutEpisode",
         (SELECT count(*)::int FROM (SELECT 1 FROM watches WHERE user_id = $1
            GROUP BY show_id, season_number, episode_number, watched_at HAVING count(*) > 1) d) AS "duplicateGroups",
         (SELECT COALESCE(sum(n - 1), 0)::int FROM (SELECT count(*) AS n FROM watches WHERE user_id = $1
            GROUP BY show_id, season_number, episode_number, watched_at HAVING count(*) > 1) d) AS "duplicateWatches",
         (SELECT count(*)::int FROM user_tracked_shows WHERE user_id = $1) AS follows`,
      [person.id],
    );
    return rows[0]!;
  };

  const importFile = async (name: string, person: Person, file: BuiltExport, fileName: string): Promise<ImportRun> => {
    step(`${name}: upload ${fileName} (${(file.zip.length / 1024).toFixed(0)} KiB), match, commit`);
    const t0 = Date.now();
    let at = performance.now();
    const uploaded = await api<ImportView>('POST', `/api/v1/imports?name=${encodeURIComponent(fileName)}`, { token: await person.token(), body: file.zip, timeoutMs: 300_000 });
    const uploadMs = performance.now() - at;
    const t1 = Date.now();
    console.log(
      `    uploaded in ${seconds(uploadMs)}: ${uploaded.format}, ${uploaded.records.episode_watch} episode watches, ${uploaded.records.follow} follows, ` +
        `${uploaded.titles.total} titles (${uploaded.status} ${uploaded.progress.done}/${uploaded.progress.total})`,
    );
    at = performance.now();
    const ready = uploaded.status === 'ready' ? uploaded : await waitFor(person, uploaded.id, 'ready', `${name}, matching`);
    const matchingMs = performance.now() - at;
    const t2 = Date.now();
    console.log(`    ready after ${seconds(matchingMs)} more: titles ${JSON.stringify(ready.titles)}`);
    at = performance.now();
    const commitStart = performance.now();
    const committing = await api<ImportView>('POST', `/api/v1/imports/${uploaded.id}/commit`, { token: await person.token(), timeoutMs: 300_000 });
    const commitRequestMs = performance.now() - at;
    const committed = committing.status === 'committed' ? committing : await waitFor(person, uploaded.id, 'committed', `${name}, commit`);
    const commitMs = performance.now() - commitStart;
    const t3 = Date.now();
    console.log(`    committed in ${seconds(commitMs)} (the request ${seconds(commitRequestMs)}): added ${JSON.stringify(committed.added)}`);
    // The log's clock is the stand-ins' (this process): the same as t0-t3.
    await sleep(200);
    const log = await requestLog(t0);
    const total = countCalls(log, t0, t3);
    const { zip, ...described } = file;
    const run: ImportRun = {
      name,
      file: { ...described, zipBytes: zip.length },
      uploadMs: Math.round(uploadMs),
      matchingMs: Math.round(matchingMs),
      commitRequestMs: Math.round(commitRequestMs),
      commitMs: Math.round(commitMs),
      totalMs: Math.round(uploadMs + matchingMs + commitMs),
      ready,
      committed,
      providerCalls: { upload: countCalls(log, t0, t1), matching: countCalls(log, t1, t2), commit: countCalls(log, t2, t3), total },
      providerCallsPer1000Rows: Object.fromEntries(Object.entries(total).map(([key, calls]) => [key, perThousand(calls, file.watchRows)])) as Counts,
      busiestTenSeconds: busiest(log, t0, t3),
      person: await checkWatches(person),
    };
    console.log(
      `    provider calls: ${PROVIDERS.map((p) => `${p} ${total[p]}`).join(', ')} (${run.providerCallsPer1000Rows.total} per 1,000 rows); ` +
        `the person has ${run.person.watches} watches, ${run.person.duplicateWatches} duplicates`,
    );
    return run;
  };

  const runs: ImportRun[] = [];
  const results: BenchRun & Record<string, unknown> = {
    mode: database.mode,
    ranAt: new Date().toISOString(),
    config: { ...config, rewatchShareTvTime: TVTIME_REWATCH_SHARE, rewatchShareTrakt: TRAKT_REWATCH_SHARE, followedShare: FOLLOWED_SHARE },
    traktCatalog: TRAKT_CATALOG,
    rateLimits: limits,
    machine: machine(),
    loadAverage: { before: loadBefore, after: NaN },
    database: { label: database.label, version: database.version },
    source,
    runs,
  };
  const file = join(import.meta.dirname, 'results', `imports-${database.mode}.json`);
  try {
    const ada = await signUp('bench_tvtime');
    runs.push(await importFile('TV Time GDPR', ada, tvTime, 'gdpr-data.zip'));
    runs.push(await importFile('TV Time GDPR, again', ada, tvTime, 'gdpr-data.zip'));
    const grace = await signUp('bench_trakt');
    runs.push(await importFile('Trakt', grace, trakt, 'trakt-export-bench.zip'));
    runs.push(await importFile('Trakt, again', grace, trakt, 'trakt-export-bench.zip'));
  } catch (error) {
    results.failure = (error as Error).message;
    results.loadAverage = { before: loadBefore, after: loadAverage() };
    results.totalSeconds = Math.round((performance.now() - started) / 1000);
    writeResults(file, results);
    console.log(`Partial figures (the run failed) written to ${file}`);
    throw error;
  }
  results.loadAverage = { before: loadBefore, after: loadAverage() };
  results.totalSeconds = Math.round((performance.now() - started) / 1000);

  const [tv, tvAgain, tr, trAgain] = runs as [ImportRun, ImportRun, ImportRun, ImportRun];
  const duplicates = {
    tvTimeReimportAddedWatches: tvAgain.committed.added?.watches ?? NaN,
    traktReimportAddedWatches: trAgain.committed.added?.watches ?? NaN,
    tvTimeSqlDuplicates: tvAgain.person.duplicateWatches,
    traktSqlDuplicates: trAgain.person.duplicateWatches,
  };
  results.duplicates = duplicates;

  const name = database.mode === 'embedded' ? 'embedded PGlite' : database.version.split(',')[0];
  const cell = (run: ImportRun, pick: (run: ImportRun) => string | number) => String(pick(run));
  const row = (label: string, pick: (run: ImportRun) => string | number) => console.log(`| ${label} | ${runs.map((run) => cell(run, pick)).join(' | ')} |`);
  const rate = (p: string) => `${limits.effective[p]}`;
  console.log('');
  console.log(`Imports (${name}), worker served by workerd directly with its queues, providers by the stand-ins:`);
  console.log(machineLine(results));
  console.log(
    `  rate limits: TMDB ${rate('TMDB_RATE_LIMIT')} per ${rate('TMDB_RATE_WINDOW_SECONDS')} s, TVmaze ${rate('TVMAZE_RATE_LIMIT')} per 10 s, TheTVDB ${rate('TVDB_RATE_LIMIT')} per 10 s` +
      `${limits.overridden.length ? ` (overridden: ${limits.overridden.join(', ')})` : " (wrangler.jsonc's)"}; Trakt's shows: ${TRAKT_CATALOG === 'new' ? 'its own, not matched before (cold titles, shared database)' : "the TV Time export's (warm)"}`,
  );
  console.log('');
  console.log(`| | ${runs.map((run) => run.name).join(' | ')} |`);
  console.log(`|---|${runs.map(() => '---').join('|')}|`);
  row('file: watch rows (other rows) / shows', (r) => `${r.file.watchRows.toLocaleString('en')} (${r.file.followRows}) / ${r.file.shows}`);
  row('file: zipped (unpacked)', (r) => `${(r.file.zipBytes / 1024).toFixed(0)} KiB (${(r.file.uncompressedBytes / 1024 / 1024).toFixed(1)} MiB)`);
  row('upload (parse, store, 25 titles inline)', (r) => seconds(r.uploadMs));
  row('matching, after the upload (queue)', (r) => seconds(r.matchingMs));
  row('commit (request + queue)', (r) => `${seconds(r.commitMs)} (${seconds(r.commitRequestMs)})`);
  row('total', (r) => seconds(r.totalMs));
  row('titles matched / ambiguous / unmatched', (r) => `${r.ready.titles.matched} / ${r.ready.titles.ambiguous} / ${r.ready.titles.unmatched}`);
  row('added: watches / follows', (r) => `${r.committed.added?.watches} / ${r.committed.added?.follows}`);
  row('already there / not placed', (r) => `${r.committed.added?.already_there} / ${r.committed.added?.not_placed}`);
  for (const provider of PROVIDERS) {
    row(`${provider} calls (per 1,000 rows)`, (r) => `${r.providerCalls.total[provider]} (${r.providerCallsPer1000Rows[provider]})`);
  }
  row('all provider calls (per 1,000 rows)', (r) => `${r.providerCalls.total.total} (${r.providerCallsPer1000Rows.total})`);
  row('of which redirects (TVmaze lookups) / during the commit', (r) => `${r.providerCalls.total.redirects} / ${r.providerCalls.commit.total}`);
  row('busiest 10 s: TMDB / TVmaze / TheTVDB', (r) => `${r.busiestTenSeconds.tmdb} / ${r.busiestTenSeconds.tvmaze} / ${r.busiestTenSeconds.tvdb}`);
  row("the person's watches after", (r) => r.person.watches.toLocaleString('en'));
  row('duplicate watches (SQL: same show, episode, instant)', (r) => r.person.duplicateWatches);
  console.log('');
  console.log(
    `Duplicates on re-import: TV Time added ${duplicates.tvTimeReimportAddedWatches} watches, Trakt ${duplicates.traktReimportAddedWatches}; ` +
      `SQL duplicates ${duplicates.tvTimeSqlDuplicates} and ${duplicates.traktSqlDuplicates}. Whole run ${results.totalSeconds} s.`,
  );
  writeResults(file, results);
  console.log(`Figures written to ${file}`);
  const expected = [tv.file.watchRows, tr.file.watchRows];
  if (tv.person.watches !== expected[0] || tr.person.watches !== expected[1]) {
    console.log(`note: the people hold ${tv.person.watches} and ${tr.person.watches} watches, the files ${expected[0]} and ${expected[1]}`);
  }
  if (duplicates.tvTimeReimportAddedWatches !== 0 || duplicates.traktReimportAddedWatches !== 0 || duplicates.tvTimeSqlDuplicates || duplicates.traktSqlDuplicates) {
    throw new Error('re-importing added watches, or duplicates were found (see the table)');
  }
}

main()
  .then(() => shutdown(0))
  .catch(fail);
