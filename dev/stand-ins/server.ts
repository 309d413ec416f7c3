// The stand-in server: one node:http listener on 127.0.0.1 serving the four
// providers under path prefixes, TMDB's image CDN and the control API,
// applying faults and logging every provider API request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '../lib/loopback-server.ts';
import type { ShowSpec } from './catalog/spec.ts';
import { type LoggedRequest, type State, control, createState } from './control.ts';
import { type Provider, faultBody, takeFault } from './faults.ts';
import type { Handler, Reply } from './http.ts';
import { TMDB_IMAGES_PREFIX, tmdbImage } from './images.ts';
import { omdb, omdbLimitReached } from './providers/omdb.ts';
import { tmdb } from './providers/tmdb.ts';
import { tvdb } from './providers/tvdb.ts';
import { tvmaze } from './providers/tvmaze.ts';
import { isoDate } from './time.ts';

/** Each provider's API base, and `tmdbImages`, the stand-in for TMDB's image CDN. */
export type StandInBases = Record<Provider, string> & { tmdbImages: string };

export interface StandIns {
  /** Server root; the control API is at `${url}/__control`. */
  url: string;
  bases: StandInBases;
  /** The date the catalog's relative air dates hang off (YYYY-MM-DD). */
  today: string;
  stop(): Promise<void>;
}

const PREFIXES: [prefix: string, provider: Provider, handler: Handler][] = [
  ['/tmdb/3', 'tmdb', tmdb],
  ['/tvdb/v4', 'tvdb', tvdb],
  ['/omdb', 'omdb', omdb],
  ['/tvmaze', 'tvmaze', tvmaze],
];

async function readBody(req: IncomingMessage): Promise<{ body: unknown; malformed: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { body: undefined, malformed: false };
  try {
    return { body: JSON.parse(text), malformed: false };
  } catch {
    return { body: undefined, malformed: true };
  }
}

function send(res: ServerResponse, reply: Reply, truncate = false): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.text !== undefined) {
    res.writeHead(reply.status, headers).end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  let text = JSON.stringify(reply.body);
  if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(text);
}

export interface StandInOptions {
  port?: number;
  today?: Date;
  /**
   * Shows served next to the shipped catalog, by every provider alike (a
   * benchmark's synthetic catalog). Their TMDB, TheTVDB, TVmaze and IMDb ids
   * must not collide with the shipped ones.
   */
  extraShows?: readonly ShowSpec[];
}

export async function startStandIns(options: StandInOptions = {}): Promise<StandIns> {
  const today = isoDate(options.today ?? new Date());
  const state: State = createState(today, options.extraShows);
  const timers = new Set<NodeJS.Timeout>();
  let nextLogId = 1;
  let url = '';
  const bases = () => standInBases(url);

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
    timers.add(timer);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const { body, malformed } = await readBody(req);
    if (target.pathname === '/__control' || target.pathname.startsWith('/__control/')) {
      if (malformed) return send(res, { status: 400, body: { error: 'the body is not JSON' } });
      return send(res, control(state, method, target.pathname, target.searchParams, body, { url, bases: bases() }));
    }
    // Images are the CDN, not TMDB's API: never logged, counted or faulted.
    if (target.pathname.startsWith(`${TMDB_IMAGES_PREFIX}/`)) {
      return send(res, tmdbImage(state.catalog, method, target.pathname.slice(TMDB_IMAGES_PREFIX.length)));
    }
    const match = PREFIXES.find(([prefix]) => target.pathname === prefix || target.pathname.startsWith(`${prefix}/`));
    if (!match) return send(res, { status: 404, body: { error: `unknown path; providers live under ${PREFIXES.map(([p]) => p).join(', ')}` } });
    const [prefix, provider, handler] = match;
    const path = target.pathname.slice(prefix.length) || '/';
    const entry: LoggedRequest = {
      id: nextLogId++, provider, method, path, query: Object.fromEntries(target.searchParams), time: Date.now(),
      authorization: req.headers.authorization !== undefined, status: null, fault: null,
    };
    state.log.push(entry);

    const fault = takeFault(state.faults, provider, `${path}${target.search}`);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'timeout') return; // hold the socket until the client gives up (or stop())
    if (fault?.kind === 'latency') await sleep(fault.delayMs);

    let reply: Reply;
    if (fault?.kind === 'status' || fault?.kind === 'rate_limit') {
      const retryAfter: Record<string, string> = fault.retryAfterSeconds === null ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      // OMDb signals its daily limit as a 401, not a 429.
      reply = provider === 'omdb' && fault.kind === 'rate_limit'
        ? omdbLimitReached()
        : { status: fault.status, body: faultBody(provider, fault.status), headers: retryAfter };
    } else {
      try {
        reply = handler({
          method, path, query: target.searchParams, headers: req.headers, body, base: `${url}${prefix}`,
          catalog: state.catalog, tvdbTokens: state.tvdbTokens,
        });
      } catch (error) {
        reply = { status: 500, body: { error: `stand-in bug: ${(error as Error).message}` } };
      }
    }
    entry.status = reply.status;
    send(res, reply, fault?.kind === 'malformed_json');
  }

  const server = await listenOnLoopback(handle, (res, error) => send(res, { status: 500, body: { error: error.message } }), options.port);
  url = server.url;

  return {
    url,
    bases: bases(),
    today,
    stop: () => {
      // Timeout faults sleep; the server's close() destroys their hung sockets.
      for (const timer of timers) clearTimeout(timer);
      return server.close();
    },
  };
}

/** Each provider's base URL, and the image CDN's, under a stand-ins root URL. */
export const standInBases = (url: string): StandInBases => ({
  ...(Object.fromEntries(PREFIXES.map(([prefix, provider]) => [provider, `${url}${prefix}`])) as Record<Provider, string>),
  tmdbImages: `${url}${TMDB_IMAGES_PREFIX}`,
});
