// The worker's CPU time per request, locally (issue 13: "Worker CPU … measure
// it: workerd's CPU time per request in the bench").
//
// Locally workerd does not report CPU time (a tail worker's cpuTime is 0), so
// this reads its async trace instead: `workerd serve --async-trace=<file>`
// writes one JSON object per line, among them a `turn` per stretch of
// JavaScript an isolate ran for a request context ({ctx, start, locked, end},
// nanoseconds: asked for the isolate lock, got it, let go). The sum of
// `end − locked` over a request's context is the time its JavaScript held the
// isolate: everything the request computed (the handler, the driver, crypto,
// JSON, its waitUntil work), none of its waiting on I/O (Postgres, KV) and
// none of its waiting for the lock. It is wall time of those turns, so it is
// CPU time only when the thread is not descheduled, that is when the machine
// is not saturated.
//
// wrangler dev starts workerd through miniflare, which runs
// MINIFLARE_WORKERD_PATH when set: startCpuTrace writes a wrapper script that
// runs the real workerd with --async-trace=<dir>/workerd-<pid>.ndjson added
// (one file per workerd process: wrangler starts two, its proxy and the
// worker's). bench/lib/worker.ts does this with { cpuTrace: true }:
//
//   const worker = await startBenchWorker(vars, { cpuTrace: true });
//   const sentAt = clock(); const response = await fetch(…); await response.text(); const receivedAt = clock();
//   await worker.cpu!.settled();               // its waitUntil work done too
//   const [cpu] = worker.cpu!.cpuOf([{ sentAt, receivedAt }]);   // cpu.cpuMs
//
// Requests are told apart by time: the trace does not carry X-Request-Id (the
// worker's requests have no URL or header annotations either), but its
// timestamps are on this machine's clock, so a request is the one context of
// the worker that began between sending it and receiving its answer. Send the
// measured requests one at a time, with `settled()` between them.
import { chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WRANGLER_CLI } from '../../dev/lib/paths.ts';
import { percentile } from './stats.ts';
import { processCpuMs } from './workerd-cpu.ts';

/** wrangler.jsonc's "name": miniflare runs the worker as the service `core:user:<name>`. */
export const WORKER_NAME = 'showtracker';

/** This machine's clock in milliseconds since the epoch, sub-millisecond: the trace's timestamps are on it. */
export const clock = () => performance.timeOrigin + performance.now();

/** One request context of the worker: one fetch event, from its start to the end of its waitUntil work. */
export interface TraceContext {
  /** The trace file (one per workerd process) and the context's number in it. */
  file: string;
  ctx: number;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Epoch milliseconds; null while the context is still open. */
  endedAt: number | null;
  /** The event that opened it: "fetch" for a request (also "scheduled", "queue", …). */
  event: string | null;
  /** Sum of the turns' end − locked: the time its JavaScript held the isolate. */
  cpuMs: number;
  /** Sum of the turns' locked − start: time spent waiting for the isolate lock (other requests' turns). */
  lockWaitMs: number;
  turns: number;
}

/** A request as the bench made it: when it was sent and its answer read, from `clock()`. */
export interface TimedRequest {
  sentAt: number;
  receivedAt: number;
}

export interface RequestCpu {
  /** The request's context's turn time, ms. */
  cpuMs: number;
  lockWaitMs: number;
  turns: number;
  ctx: number;
}

export interface CpuSummary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export interface WorkerCpuTrace {
  /** Where the trace files are. */
  dir: string;
  /** The environment for wrangler dev: MINIFLARE_WORKERD_PATH pointing at the wrapper. */
  env: Record<string, string>;
  /** Every request context of the worker so far (read incrementally from the trace files). */
  contexts(): TraceContext[];
  /** Waits until every context of the worker has ended and none began for `quietMs`; throws after `timeoutMs`. */
  settled(options?: { quietMs?: number; timeoutMs?: number }): Promise<TraceContext[]>;
  /** Each request's context, matched by time; throws when a request matches none or several. */
  cpuOf(requests: readonly TimedRequest[]): RequestCpu[];
  /**
   * CPU time (user + system) of the workerd process that runs the worker, from
   * /proc in clock ticks (10 ms): for averages over many requests. It includes
   * miniflare's own services in that process (the entry worker, the asset
   * router, the KV simulator) and the tracing itself, so it is an upper bound.
   */
  processCpuMs(): number | null;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The workerd miniflare would run: MINIFLARE_WORKERD_PATH if already set, else the `workerd` package wrangler's miniflare resolves. */
function realWorkerd(): string {
  const own = process.env.MINIFLARE_WORKERD_PATH;
  if (own) return own;
  const miniflare = createRequire(WRANGLER_CLI).resolve('miniflare');
  return (createRequire(miniflare)('workerd') as { default: string }).default;
}

interface FileState {
  path: string;
  offset: number;
  partial: string;
  epochMs: number | null;
  pid: number | null;
  /** The worker's contexts in this file, by number (not its Durable Objects': their CPU is their own). */
  mine: Map<number, TraceContext>;
}

/** Whether a `ctx` event opens one of the worker's contexts, not one of its Durable Objects'. */
const isMine = (event: { worker?: string; actor?: string | null }, service: string) => event.worker === service && event.actor === null;

/**
 * Writes the wrapper into `dir` (created if missing) and returns the trace
 * reader. Start wrangler dev with `env` added to its environment.
 */
export function startCpuTrace(dir: string, workerName = WORKER_NAME): WorkerCpuTrace {
  mkdirSync(dir, { recursive: true });
  const wrapper = join(dir, 'workerd-with-async-trace.sh');
  const workerd = realWorkerd();
  // Only `serve` gets the flag (miniflare runs nothing else, but a `--version` must still work).
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      '# Written by bench/lib/worker-cpu.ts: workerd with an async trace per process.',
      `if [ "$1" = serve ]; then exec ${shellQuote(workerd)} "$@" --async-trace=${shellQuote(dir)}/workerd-$$.ndjson; fi`,
      `exec ${shellQuote(workerd)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);

  const service = `core:user:${workerName}`;
  const files = new Map<string, FileState>();

  function readNew(state: FileState): void {
    const fd = openSync(state.path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= state.offset) return;
      const buffer = Buffer.alloc(size - state.offset);
      const read = readSync(fd, buffer, 0, buffer.length, state.offset);
      state.offset += read;
      const lines = (state.partial + buffer.toString('utf8', 0, read)).split('\n');
      state.partial = lines.pop()!;
      for (const line of lines) if (line) take(state, line);
    } finally {
      closeSync(fd);
    }
  }

  function take(state: FileState, line: string): void {
    // Most lines are other services' (miniflare's entry, KV, assets) or annotations: skip them before parsing.
    if (state.epochMs === null) {
      const header = JSON.parse(line) as { e: string; epochUnixMs: number; pid: number };
      if (header.e !== 'header') throw new Error(`${state.path}: not a workerd async trace (first line ${line.slice(0, 80)})`);
      state.epochMs = header.epochUnixMs;
      state.pid = header.pid;
      return;
    }
    const kind = /^\{"e":"([a-z_]+)"/.exec(line)?.[1];
    if (kind !== 'ctx' && kind !== 'turn' && kind !== 'ctx_end' && kind !== 'init') return;
    const event = JSON.parse(line) as Record<string, unknown> & { ctx: number };
    const at = (ns: unknown) => state.epochMs! + (ns as number) / 1e6;
    if (kind === 'ctx') {
      if (isMine(event as { worker?: string; actor?: string | null }, service)) {
        state.mine.set(event.ctx, {
          file: state.path,
          ctx: event.ctx,
          startedAt: at(event.at),
          endedAt: null,
          event: null,
          cpuMs: 0,
          lockWaitMs: 0,
          turns: 0,
        });
      }
      return;
    }
    const context = state.mine.get(event.ctx);
    if (!context) return;
    if (kind === 'init') {
      if (context.event === null && event.kind === 'request') context.event = event.name as string;
    } else if (kind === 'turn') {
      context.cpuMs += ((event.end as number) - (event.locked as number)) / 1e6;
      context.lockWaitMs += ((event.locked as number) - (event.start as number)) / 1e6;
      context.turns++;
    } else {
      context.endedAt = at(event.at);
    }
  }

  function contexts(): TraceContext[] {
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        if (!/^workerd-\d+\.ndjson$/.test(name)) continue;
        const path = join(dir, name);
        let state = files.get(path);
        if (!state) files.set(path, (state = { path, offset: 0, partial: '', epochMs: null, pid: null, mine: new Map() }));
        readNew(state);
      }
    }
    return [...files.values()].flatMap((state) => [...state.mine.values()]).sort((a, b) => a.startedAt - b.startedAt);
  }

  return {
    dir,
    env: { MINIFLARE_WORKERD_PATH: wrapper },
    contexts,
    async settled({ quietMs = 30, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let count = -1;
      let still = performance.now();
      for (;;) {
        const now = contexts();
        if (now.length !== count || now.some((context) => context.endedAt === null)) {
          count = now.length;
          still = performance.now();
        } else if (performance.now() - still >= quietMs) {
          return now;
        }
        if (Date.now() > deadline) throw new Error(`the worker's request contexts did not end within ${timeoutMs} ms (trace in ${dir})`);
        await sleep(5);
      }
    },
    cpuOf(requests) {
      const all = contexts().filter((context) => context.event === 'fetch');
      if (all.length === 0) {
        const seen = [...files.keys()].join(', ') || 'no trace file';
        throw new Error(`no request context of ${service} in the async trace (${seen}): is the worker named "${workerName}"?`);
      }
      // The two clocks are one (the trace's epoch plus a monotonic offset): a millisecond either side is plenty.
      const slack = 1;
      return requests.map((request) => {
        const found = all.filter((context) => context.startedAt >= request.sentAt - slack && context.startedAt <= request.receivedAt + slack);
        if (found.length !== 1) {
          throw new Error(
            `${found.length} request contexts of ${service} began while a request was in flight ` +
              `(${new Date(request.sentAt).toISOString()} + ${(request.receivedAt - request.sentAt).toFixed(1)} ms): send measured requests one at a time`,
          );
        }
        const [context] = found as [TraceContext];
        return { cpuMs: context.cpuMs, lockWaitMs: context.lockWaitMs, turns: context.turns, ctx: context.ctx };
      });
    },
    processCpuMs() {
      contexts();
      const state = [...files.values()].find((file) => file.mine.size > 0 && file.pid !== null);
      if (!state) return null;
      return processCpuMs(state.pid!);
    },
  };
}

/** Nearest-rank percentiles (a value actually observed), to 0.01 ms. */
export function summarizeCpu(samples: readonly number[]): CpuSummary {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => percentile(sorted, p);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    n: sorted.length,
    p50: round(rank(50)),
    p95: round(rank(95)),
    max: round(sorted.at(-1)!),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
  };
}
