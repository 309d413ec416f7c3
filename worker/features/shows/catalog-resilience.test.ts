// Provider faults from the stand-ins, end to end through the real HTTP layer,
// the real ProviderGate and the real database. Each test gets its own gate
// scope, so the breakers it trips never touch another test's calls.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { createProviders, type ProviderOptions } from '../metadata/providers/index.ts';
import { openDb } from '../../db/client.ts';
import { providerRequests, query, standIns, TEST_ENV, unique } from '../../test-helpers.ts';
import { getShow, search, type CatalogDeps } from './shows.service.ts';

const logger = createLogger({ test: 'catalog-resilience' });

async function withDeps<T>(options: ProviderOptions & { env?: Partial<typeof TEST_ENV> }, work: (deps: CatalogDeps) => Promise<T>) {
  const { db, close } = openDb(TEST_ENV);
  const env = { ...TEST_ENV, ...options.env };
  const providers = createProviders(env, logger, { gateScope: options.gateScope ?? unique(), policy: options.policy });
  try {
    return await work({ db, cache: TEST_ENV.CACHE, providers, logger });
  } finally {
    await close();
  }
}

const fault = (body: Record<string, unknown>) => standIns('POST', '/faults', body);
const searchFor = (deps: CatalogDeps, q: string) => search(deps, { q, page: 1 });

afterEach(async () => {
  await standIns('DELETE', '/faults');
});

describe('provider faults', () => {
  it('a 500 is retried and the search succeeds', async () => {
    const marker = `retry500${unique()}`;
    await fault({ provider: 'tmdb', kind: 'status', status: 500, pathPattern: marker, times: 1 });
    const since = Date.now();
    const result = await withDeps({}, (deps) => searchFor(deps, `${marker} severance`));
    expect(result.incomplete).toBe(false);
    const calls = await providerRequests('tmdb', since, (request) => request.target.includes(marker));
    expect(calls.map((call) => call.status)).toEqual([500, 200]);
  });

  it("a 429 is retried no sooner than its Retry-After", async () => {
    const marker = `retry429${unique()}`;
    await fault({ provider: 'tmdb', kind: 'rate_limit', retryAfterSeconds: 1, pathPattern: marker, times: 1 });
    const since = Date.now();
    const result = await withDeps({}, (deps) => searchFor(deps, marker));
    expect(result.incomplete).toBe(false);
    const calls = await providerRequests('tmdb', since, (request) => request.target.includes(marker));
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect(calls[1]!.time - calls[0]!.time).toBeGreaterThanOrEqual(1000);
  });

  it('a timeout gives up after three attempts and answers from the database, saying so', async () => {
    const marker = `timeout${unique()}`;
    await query("INSERT INTO shows (title, media_type, tmdb_id) VALUES ($1, 'tv', $2)", [`${marker} local`, 800_000_000 + Math.floor(Math.random() * 1e8)]);
    await fault({ provider: 'tmdb', kind: 'timeout', pathPattern: marker });
    const since = Date.now();
    const result = await withDeps({ policy: { timeoutMs: 300, baseBackoffMs: 10 } }, (deps) => searchFor(deps, marker));
    expect(result).toMatchObject({ incomplete: true, notice: expect.stringContaining('TMDB') });
    expect(result.results.map((item) => item.title)).toEqual([`${marker} local`]);
    expect(await providerRequests('tmdb', since, (request) => request.target.includes(marker))).toHaveLength(3);
  });

  it('malformed JSON is a logged provider error, not a crash', async () => {
    const marker = `malformed${unique()}`;
    await fault({ provider: 'tmdb', kind: 'malformed_json', pathPattern: marker });
    const result = await withDeps({}, (deps) => searchFor(deps, marker));
    expect(result).toMatchObject({ incomplete: true, results: [] });
  });

  it('a degraded answer is not cached: the next search asks TMDB again', async () => {
    const marker = `nocache${unique()}`;
    await fault({ provider: 'tmdb', kind: 'status', status: 503, pathPattern: marker });
    const scope = unique();
    await withDeps({ gateScope: scope, policy: { baseBackoffMs: 10 } }, (deps) => searchFor(deps, marker));
    await standIns('DELETE', '/faults');
    const since = Date.now();
    const again = await withDeps({ gateScope: scope }, (deps) => searchFor(deps, marker));
    expect(again.incomplete).toBe(false);
    expect(await providerRequests('tmdb', since, (request) => request.target.includes(marker))).toHaveLength(1);
  });
});

describe('the circuit breaker', () => {
  it('opens after repeated failures; then the catalog answers from Postgres without calling TMDB', async () => {
    const marker = `breaker${unique()}`;
    await fault({ provider: 'tmdb', kind: 'status', status: 500, pathPattern: marker });
    const scope = unique();
    const options = { gateScope: scope, policy: { baseBackoffMs: 5 } };
    for (let i = 0; i < 5; i++) await withDeps(options, (deps) => searchFor(deps, `${marker} ${i}`));
    const since = Date.now();
    const result = await withDeps(options, (deps) => searchFor(deps, `${marker} after`));
    expect(result).toMatchObject({ incomplete: true, notice: 'TMDB is unavailable right now; showing what we have stored.' });
    expect(await providerRequests('tmdb', since)).toSatisfy((calls: { target: string }[]) => calls.every((call) => !call.target.includes(marker)));
  });

  it('a show known only by its summary is still served, marked incomplete, while TMDB is down', async () => {
    const tmdbId = 700_000_000 + Math.floor(Math.random() * 1e8);
    const [row] = await query<{ id: string }>(
      "INSERT INTO shows (title, media_type, tmdb_id, overview) VALUES ($1, 'tv', $2, 'From a search result') RETURNING id",
      [`Summary only ${unique()}`, tmdbId],
    );
    await fault({ provider: 'tmdb', kind: 'status', status: 502, pathPattern: `/tv/${tmdbId}` });
    const show = await withDeps({ policy: { baseBackoffMs: 5 } }, (deps) => getShow(deps, row!.id));
    expect(show).toMatchObject({ id: row!.id, overview: 'From a search result', seasons: [], incomplete: true });
  });
});

describe('secondary providers', () => {
  it('an OMDb failure leaves the ratings out and the detail intact', async () => {
    await fault({ provider: 'omdb', kind: 'status', status: 500, pathPattern: 'tt0386676' });
    const [row] = await query<{ id: string }>(
      "INSERT INTO shows (title, media_type, tmdb_id) VALUES ('The Office', 'tv', 2316) ON CONFLICT (media_type, tmdb_id) DO UPDATE SET details_synced_at = NULL RETURNING id",
    );
    await TEST_ENV.CACHE.delete(`show:${row!.id}`);
    const show = await withDeps({ policy: { baseBackoffMs: 5 } }, (deps) => getShow(deps, row!.id));
    expect(show).toMatchObject({ title: 'The Office', ratings: null, incomplete: false });
    expect(show.seasons.length).toBeGreaterThan(0);
  });

  it('TheTVDB token is renewed once when it is refused', async () => {
    const since = Date.now();
    await standIns('POST', '/tvdb/expire-tokens');
    const [row] = await query<{ id: string }>(
      "INSERT INTO shows (title, media_type, tmdb_id) VALUES ('Taskmaster', 'tv', 63404) ON CONFLICT (media_type, tmdb_id) DO UPDATE SET details_synced_at = NULL RETURNING id",
    );
    await TEST_ENV.CACHE.delete(`show:${row!.id}`);
    const show = await withDeps({}, (deps) => getShow(deps, row!.id));
    expect(show.airs_time).toBe('21:00');
    const logins = await providerRequests('tvdb', since, (request) => request.path === '/login');
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(logins.length).toBeLessThanOrEqual(2);
  });
});

describe('the TMDB rate limit', () => {
  it('never lets more than N calls through in any window while 20 requests race', async () => {
    const marker = `race${unique()}`;
    const since = Date.now();
    const env = { TMDB_RATE_LIMIT: '5', TMDB_RATE_WINDOW_SECONDS: '2' };
    const results = await withDeps({ env, policy: { maxWaitMs: 30_000 } }, (deps) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => searchFor(deps, `${marker}${i}`))),
    );
    expect(results.every((result) => result.incomplete === false)).toBe(true);
    const times = (await providerRequests('tmdb', since, (request) => request.target.includes(marker))).map((call) => call.time).sort((a, b) => a - b);
    expect(times).toHaveLength(20);
    // As TMDB counts: by arrival. No 2 s window holds more than 5 of them.
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(2000);
  });
});
