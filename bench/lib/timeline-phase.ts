// The timeline, two ways:
// - raw SQL: the statements of a cache miss (person + events) straight to
//   Postgres, one connection, one user at a time;
// - through the API in wrangler dev: each sampled user asks once (KV cache
//   cold: their first request runs the events query) and then again (warm:
//   served from KV, though the person query still runs), a few at a time.
import { SignJWT } from 'jose';
import type pg from 'pg';
import { runLoad, type LoadResult } from './load.ts';
import type { Random } from './random.ts';
import { summarize, type Latency } from './stats.ts';
import { eventsStatement, explainEvents, personStatement, type RangeKind, type Statement } from './timeline-sql.ts';

export interface SampleUser {
  id: string;
  zone: string;
}

/** `count` distinct users, drawn with the bench's seeded generator from every user (by creation order). */
export async function sampleUsers(client: pg.Client, count: number, random: Random): Promise<SampleUser[]> {
  const { rows } = await client.query<SampleUser>('SELECT id, timezone AS zone FROM users ORDER BY username');
  const picked = new Map<number, SampleUser>();
  while (picked.size < Math.min(count, rows.length)) {
    const index = random.int(rows.length);
    picked.set(index, rows[index]!);
  }
  return [...picked.values()];
}

export interface RawTimeline {
  users: number;
  person: Latency;
  events: Latency & { meanRows: number };
  /** What the database spends on one cache miss: person + events. */
  miss: Latency;
  stoppedByBudget: boolean;
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest events query, re-run after the timing. */
  slowest: { userId: string; zone: string; ms: number; rows: number; explain: string };
}

export async function runRawTimeline(
  client: pg.Client,
  users: SampleUser[],
  kind: RangeKind,
  options: { now: Date; budgetMs: number },
): Promise<RawTimeline> {
  const deadline = performance.now() + options.budgetMs;
  const timed: { user: SampleUser; personMs: number; eventsMs: number; rows: number; events: Statement }[] = [];
  for (const user of users) {
    if (performance.now() > deadline) break;
    const person = personStatement(user.id);
    const events = eventsStatement(user, kind, options.now);
    let at = performance.now();
    await client.query(person.text, person.values);
    const personMs = performance.now() - at;
    at = performance.now();
    const { rowCount } = await client.query(events.text, events.values);
    timed.push({ user, personMs, eventsMs: performance.now() - at, rows: rowCount ?? 0, events });
  }
  const slowest = timed.reduce((worst, t) => (t.eventsMs > worst.eventsMs ? t : worst));
  return {
    users: timed.length,
    person: summarize(timed.map((t) => t.personMs)),
    events: { ...summarize(timed.map((t) => t.eventsMs)), meanRows: Math.round((timed.reduce((s, t) => s + t.rows, 0) / timed.length) * 10) / 10 },
    miss: summarize(timed.map((t) => t.personMs + t.eventsMs)),
    stoppedByBudget: timed.length < users.length,
    slowest: {
      userId: slowest.user.id,
      zone: slowest.user.zone,
      ms: Math.round(slowest.eventsMs * 10) / 10,
      rows: slowest.rows,
      explain: await explainEvents(client, slowest.events),
    },
  };
}

/** An access token as worker/features/auth/tokens.ts signs one (signAccessToken), minted here instead of logging 100,000 people in. */
export function accessToken(userId: string, secret: string): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(userId)
    .setIssuer('showtracker')
    .setAudience('showtracker-api')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 15 * 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(secret));
}

export interface ApiBaseline {
  path: string;
  concurrency: number;
  latency: Latency;
  /** As the health route measures them inside the worker: a new pool's connection + SELECT 1, and one KV read. */
  meanDatabaseMs: number;
  meanKvMs: number;
  errors: number;
}

/**
 * The floor under every API figure: GET /api/internal/health does what each
 * timeline request does first (open a Postgres connection through the bridge,
 * one query, one KV read) and nothing else.
 */
export async function runApiBaseline(
  baseUrl: string,
  internalToken: string,
  count: number,
  options: { concurrency: number; budgetMs: number },
): Promise<ApiBaseline> {
  const path = '/api/internal/health';
  const items = Array.from({ length: count }, () => ({ token: internalToken }));
  const load = await runLoadWithAuth(items, `${baseUrl}${path}`, options);
  type Health = { checks?: { database?: { latency_ms: number }; kv?: { latency_ms: number } } } | null;
  const mean = (pick: (body: Health) => number | undefined) => {
    const values = load.timings.map((t) => pick(t.body as Health)).filter((v): v is number => typeof v === 'number');
    return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : NaN;
  };
  return {
    path,
    concurrency: options.concurrency,
    latency: summarize(load.timings.map((t) => t.ms)),
    meanDatabaseMs: mean((body) => body?.checks?.database?.latency_ms),
    meanKvMs: mean((body) => body?.checks?.kv?.latency_ms),
    errors: load.timings.filter((t) => t.status !== 200).length,
  };
}

export interface ApiTimeline {
  path: string;
  concurrency: number;
  cold: ApiPass;
  warm: ApiPass;
}

export interface ApiPass {
  latency: Latency;
  throughput: number;
  errors: number;
  meanEvents: number;
  stoppedByBudget: boolean;
}

export interface Caller {
  user: SampleUser;
  token: string;
}

function pass(load: LoadResult<Caller>): ApiPass {
  const ok = load.timings.filter((t) => t.status === 200);
  const events = ok.map((t) => (t.body as { events?: unknown[] } | null)?.events?.length ?? 0);
  return {
    latency: summarize(load.timings.map((t) => t.ms)),
    throughput: load.throughput,
    errors: load.timings.length - ok.length,
    meanEvents: ok.length ? Math.round((events.reduce((a, b) => a + b, 0) / ok.length) * 10) / 10 : 0,
    stoppedByBudget: load.stoppedByBudget,
  };
}

/**
 * Cold then warm for one path. Each user's first request misses the KV cache
 * (a fresh wrangler state directory, and one request per user); the second,
 * moments later, hits it. The warm pass asks only users whose cold request ran.
 */
export async function runApiTimeline(
  baseUrl: string,
  path: string,
  callers: Caller[],
  options: { concurrency: number; budgetMs: number },
): Promise<ApiTimeline> {
  const url = `${baseUrl}${path}`;
  const load = (items: Caller[]) => runLoadWithAuth(items, url, options);
  const cold = await load(callers);
  const warm = await load(cold.timings.map((t) => t.item));
  return { path, concurrency: options.concurrency, cold: pass(cold), warm: pass(warm) };
}

/** runLoad with each caller's bearer token. */
const runLoadWithAuth = <T extends { token: string }>(items: T[], url: string, options: { concurrency: number; budgetMs: number }) =>
  runLoad(items, { ...options, url: () => url, headers: (item) => ({ Authorization: `Bearer ${item.token}` }) });
