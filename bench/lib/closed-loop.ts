// A closed-loop load generator, as `wrk -c<N> -d<S>s` runs one: N virtual
// users, each on its own keep-alive connection, each sending its next request
// as soon as the previous answer has been read, for S seconds. It runs in a
// worker thread, so it does not share an event loop with what the bench runs
// in its main thread (the WebSocket bridge and, in embedded mode, PGlite);
// it still shares the machine's cores with them and with workerd.
//
// Each virtual user asks as one person (their bearer token) and takes the
// next path of that person's list, shared by the users of the same person:
// a list of one path repeats it (a warm cache), a list of distinct paths gives
// each request its own (a cold cache) until the list runs out, after which it
// starts over and the repeats are counted. An answer can be checked: a
// timeline must hold exactly the expected episodes.
import { Agent, request } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { summarize, type Latency } from './stats.ts';

export interface LoadPerson {
  /** Bearer token, or null for a public route. */
  token: string | null;
  /** The paths this person asks, in order (shared by the virtual users of this person). */
  paths: string[];
  /** Extra request headers, e.g. the X-ShowTracker-State the PWA sends back. */
  headers?: Record<string, string>;
}

export interface ClosedLoopOptions {
  baseUrl: string;
  connections: number;
  seconds: number;
  people: LoadPerson[];
  /** When given, every 200 answer must be a timeline with exactly these episodes (by episode_id). */
  expectEpisodes?: string[];
}

export interface ClosedLoopResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Requests sent, including those still in flight at the end (what the database saw). */
  sent: number;
  /** Answers per second over the phase (requests still in flight at the end are not counted). */
  requestsPerSecond: number;
  latency: Latency;
  /** Non-2xx answers and failed requests. */
  errors: number;
  /** The first error, for the log. */
  firstError: string | null;
  /** 200 answers whose episodes were not exactly the expected ones (only with expectEpisodes). */
  wrongAnswers: number;
  firstWrongAnswer: string | null;
  /** Requests that repeated a path its person had already asked in this phase (a list that ran out). */
  repeatedPaths: number;
  /** Per person, how many of their paths were taken (where a next phase on the same lists would go on). */
  cursors: number[];
}

interface Sample {
  ms: number;
  ok: boolean;
}

/** Runs the load in a worker thread and resolves with its figures. */
export function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: options });
    let result: ClosedLoopResult | undefined;
    worker.once('message', (message: ClosedLoopResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the load generator exited with code ${code} and no figures`))));
  });
}

function get(agent: Agent, url: URL, path: string, token: string | null, extra: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'GET',
        headers: { ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}), Accept: 'application/json' },
        timeout: 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', reject);
    req.end();
  });
}

/** Why a timeline answer is not exactly the expected episodes, or null. */
function wrongEpisodes(body: string, expected: Set<string>): string | null {
  let events: { episode_id?: string | null }[];
  try {
    events = (JSON.parse(body) as { events: { episode_id?: string | null }[] }).events;
  } catch {
    return `not JSON: ${body.slice(0, 120)}`;
  }
  if (!Array.isArray(events)) return `no events: ${body.slice(0, 120)}`;
  const seen = new Set<string>();
  for (const event of events) if (event.episode_id && expected.has(event.episode_id)) seen.add(event.episode_id);
  if (events.length !== expected.size || seen.size !== expected.size) {
    return `${events.length} events, ${seen.size} of the ${expected.size} expected episodes`;
  }
  return null;
}

async function generate(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const url = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const expected = options.expectEpisodes ? new Set(options.expectEpisodes) : undefined;
  const rightBodies = new Set<string>();
  const cursors = options.people.map(() => 0);
  const samples: Sample[] = [];
  let firstError: string | null = null;
  let wrongAnswers = 0;
  let firstWrongAnswer: string | null = null;
  let repeatedPaths = 0;
  let requestsSent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  async function virtualUser(index: number) {
    const personIndex = index % options.people.length;
    const person = options.people[personIndex]!;
    while (performance.now() < deadline) {
      const n = cursors[personIndex]!++;
      requestsSent += 1;
      if (n >= person.paths.length && person.paths.length > 1) repeatedPaths += 1;
      const path = person.paths[n % person.paths.length]!;
      const sent = performance.now();
      try {
        const { status, body } = await get(agent, url, path, person.token, person.headers);
        const now = performance.now();
        if (now > deadline) break; // answered after the end: not counted, as wrk does
        const ok = status >= 200 && status < 300;
        samples.push({ ms: now - sent, ok });
        if (!ok) firstError ??= `${status} ${path}: ${body.slice(0, 200)}`;
        else if (expected && !rightBodies.has(body)) {
          // Every answer is checked; one byte-for-byte the same as an answer already found right is right too.
          const wrong = wrongEpisodes(body, expected);
          if (!wrong && rightBodies.size < 1000) rightBodies.add(body);
          if (wrong) {
            wrongAnswers += 1;
            firstWrongAnswer ??= `${path}: ${wrong}`;
          }
        }
      } catch (error) {
        const now = performance.now();
        if (now > deadline) break;
        samples.push({ ms: now - sent, ok: false });
        firstError ??= `${path}: ${(error as Error).message}`;
      }
    }
  }

  await Promise.all(Array.from({ length: options.connections }, (_, index) => virtualUser(index)));
  agent.destroy();
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: samples.length,
    sent: requestsSent,
    requestsPerSecond: Math.round((samples.length / options.seconds) * 10) / 10,
    latency: summarize(samples.map((sample) => sample.ms)),
    errors: samples.filter((sample) => !sample.ok).length,
    firstError,
    wrongAnswers,
    firstWrongAnswer,
    repeatedPaths,
    cursors,
  };
}

if (!isMainThread && parentPort) {
  parentPort.postMessage(await generate(workerData as ClosedLoopOptions));
}
