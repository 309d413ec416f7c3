// Phases 2 and 3, through the worker's HTTP API in wrangler dev:
// - searches that the local catalog answers (at least 5 matches, so TMDB is
//   never asked), one at a time and then several at once;
// - a burst of cold searches that match nothing locally, so each one goes to
//   TMDB through the ProviderGate, and what the stand-in TMDB saw of it.
import { generateQueries } from './queries.ts';
import { runLoad, shuffle, type LoadResult } from './load.ts';
import type { Random } from './random.ts';
import { normalizeQuery, type SearchQuery } from './search-sql.ts';
import { maxInSlidingWindow, summarize, type Latency } from './stats.ts';
import type { SeedShow } from './titles.ts';

const LOCAL_ENOUGH = 5; // shows.service.ts: fewer local matches than this and TMDB is asked

export const searchUrl = (base: string) => (query: SearchQuery) =>
  `${base}/api/v1/shows/search?q=${encodeURIComponent(query.q)}&page=1${query.type ? `&type=${query.type}` : ''}`;

/**
 * Queries certain to find at least 5 local titles: 5 titles contain the query
 * (ILIKE '%q%', one branch of the statement's OR). Checked here, on the
 * catalog in memory, because running the statement on each candidate would
 * take minutes. ASCII only, where JavaScript and Postgres lower-case alike.
 */
export function localHitQueries(count: number, catalog: readonly SeedShow[], random: Random, taken: Set<string>): SearchQuery[] {
  const lowered = catalog.map((show) => ({ title: show.title.toLowerCase(), mediaType: show.mediaType }));
  const hits = (query: SearchQuery) => {
    const needle = normalizeQuery(query.q);
    let found = 0;
    for (const show of lowered) {
      if ((!query.type || show.mediaType === query.type) && show.title.includes(needle) && ++found >= LOCAL_ENOUGH) return true;
    }
    return false;
  };
  const mix = { 'full title': count, prefix: count, 'two words': count, 'one word': 200 };
  const candidates = generateQueries(mix, random, catalog, taken).filter((query) => /^[\x20-\x7e]+$/.test(query.q) && hits(query));
  if (candidates.length < count) throw new Error(`only ${candidates.length} local-hit queries found, ${count} needed`);
  return shuffle(candidates, random).slice(0, count);
}

export interface ApiResult {
  concurrency: number;
  latency: Latency;
  throughput: number;
  wallMs: number;
  stoppedByBudget: boolean;
  errors: number;
  /** The first few failures, so a run with errors says what they were. */
  errorSamples: { status: number; body: string }[];
  incomplete: number;
}

const isIncomplete = (body: unknown) => (body as { incomplete?: boolean } | null)?.incomplete === true;

export function apiResult(load: LoadResult<SearchQuery>, concurrency: number): ApiResult {
  return {
    concurrency,
    latency: summarize(load.timings.map((t) => t.ms)),
    throughput: load.throughput,
    wallMs: Math.round(load.wallMs),
    stoppedByBudget: load.stoppedByBudget,
    errors: load.timings.filter((t) => t.status !== 200).length,
    errorSamples: errorSamples(load.timings),
    incomplete: load.timings.filter((t) => isIncomplete(t.body)).length,
  };
}

interface LoggedRequest {
  path: string;
  time: number;
}

export async function tmdbRequestsSince(controlUrl: string, since: number): Promise<LoggedRequest[]> {
  const response = await fetch(`${controlUrl}/__control/requests?provider=tmdb&since=${since}`);
  return ((await response.json()) as { requests: LoggedRequest[] }).requests;
}

export interface BurstResult {
  searches: number;
  concurrency: number;
  tmdbCalls: number;
  maxCallsInWindow: number;
  limit: number;
  windowSeconds: number;
  withinLimit: boolean;
  durationMs: number;
  latency: Latency;
  incomplete: number;
  errors: number;
  /** The first few failures, so a run with errors says what they were. */
  errorSamples: { status: number; body: string }[];
}

export async function runBurst(options: {
  workerUrl: string;
  standInsUrl: string;
  count: number;
  concurrency: number;
  limit: number;
  windowSeconds: number;
  random: Random;
  catalog: readonly SeedShow[];
  taken: Set<string>;
}): Promise<BurstResult> {
  const queries = generateQueries({ 'no match': options.count }, options.random, options.catalog, options.taken);
  const since = Date.now();
  // No budget: every cold search must finish, however long the gate makes it wait.
  const load = await runLoad(queries, { concurrency: options.concurrency, budgetMs: Infinity, url: searchUrl(options.workerUrl) });
  const calls = (await tmdbRequestsSince(options.standInsUrl, since)).filter((call) => call.path.startsWith('/search/'));
  const maxCallsInWindow = maxInSlidingWindow(
    calls.map((call) => call.time),
    options.windowSeconds * 1000,
  );
  return {
    searches: load.timings.length,
    concurrency: options.concurrency,
    tmdbCalls: calls.length,
    maxCallsInWindow,
    limit: options.limit,
    windowSeconds: options.windowSeconds,
    withinLimit: maxCallsInWindow <= options.limit,
    durationMs: Math.round(load.wallMs),
    latency: summarize(load.timings.map((t) => t.ms)),
    incomplete: load.timings.filter((t) => isIncomplete(t.body)).length,
    errors: load.timings.filter((t) => t.status !== 200).length,
    errorSamples: errorSamples(load.timings),
  };
}

function errorSamples(timings: { status: number; body: unknown }[]) {
  return timings
    .filter((t) => t.status !== 200)
    .slice(0, 3)
    .map((t) => ({ status: t.status, body: JSON.stringify(t.body ?? null).slice(0, 300) }));
}
