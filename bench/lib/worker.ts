// The worker under test: `wrangler dev --local` (workerd on this machine) on a
// free loopback port, pointed at the bench's database and stand-ins only.
// Unlike dev/lib/wrangler.ts it keeps KV and the Durable Objects in a fresh
// temporary directory, so a run never reads search results cached by an
// earlier run (or by `npm start`) and the TMDB gate starts with an empty log;
// and it writes wrangler's output to a file instead of the terminal, because
// the worker logs a line per request.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, WRANGLER_CLI } from '../../dev/lib/paths.ts';
import type { BenchDatabase } from './database.ts';
import { startCpuTrace, type WorkerCpuTrace } from './worker-cpu.ts';

export interface BenchWorker {
  url: string;
  /** Resolves once `path` answers 2xx; throws with the end of wrangler's log if it exits or takes over 90 s. */
  ready(path: string, headers: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
  /** With { cpuTrace: true }: workerd's async trace, for the worker's CPU time per request (bench/lib/worker-cpu.ts). */
  cpu?: WorkerCpuTrace;
  /** The worker's DevTools port: CPU profiles (BENCH_PROFILE). */
  inspectorPort?: number;
}

export interface BenchWorkerOptions {
  /** Run workerd with --async-trace, for CPU accounting (bench/lib/worker-cpu.ts). Off by default: tracing costs every request a little. */
  cpuTrace?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Provider settings for a bench that calls no provider: port 9 (discard) makes sure nothing would. */
export const NO_PROVIDERS: Record<string, string> = {
  TMDB_API_BASE: 'http://127.0.0.1:9',
  TMDB_API_TOKEN: 'bench',
  TVDB_API_BASE: 'http://127.0.0.1:9',
  TVDB_API_KEY: 'bench',
  OMDB_API_BASE: 'http://127.0.0.1:9',
  OMDB_API_KEY: 'bench',
  TVMAZE_API_BASE: 'http://127.0.0.1:9',
};

export const BENCH_VAPID_SUBJECT = 'mailto:bench@showtracker.invalid';

export interface BenchWorkerSecrets {
  jwtSecret: string;
  internalToken: string;
  vapid: { publicKey: string; privateKey: string };
}

/** The state version header of worker/lib/person-state.ts, which the benches send back as the PWA does (not imported: the benches stay out of the worker's modules). */
export const STATE_HEADER = 'X-ShowTracker-State';

/** A count from an answer's `Server-Timing` (`kv-read;desc=N`, worker/lib/kv-count.ts), or null when absent. */
export function serverTimingCount(header: string | null, name: string): number | null {
  const match = new RegExp(`${name};desc=(\\d+)`).exec(header ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * Every variable the worker reads, so nothing in .dev.vars (a real provider
 * key, another database) can reach past 127.0.0.1.
 */
export function benchWorkerVars(
  database: Pick<BenchDatabase, 'databaseUrl' | 'wsProxy'>,
  secrets: BenchWorkerSecrets,
  providers: Record<string, string>,
): Record<string, string> {
  return {
    DATABASE_URL: database.databaseUrl,
    DATABASE_WS_PROXY: database.wsProxy,
    JWT_SECRET: secrets.jwtSecret,
    INTERNAL_API_TOKEN: secrets.internalToken,
    VAPID_PUBLIC_KEY: secrets.vapid.publicKey,
    VAPID_PRIVATE_KEY: secrets.vapid.privateKey,
    VAPID_SUBJECT: BENCH_VAPID_SUBJECT,
    // How one-shot statements travel (README "Edge-fast reads"): BENCH_DATABASE_QUERIES=websocket measures the WebSocket-only way.
    DATABASE_QUERIES: process.env.BENCH_DATABASE_QUERIES || 'http',
    ...providers,
  };
}

/**
 * Resolves once `url` answers 2xx, asking every 250 ms; bounded, so a bench
 * ends by itself even when the worker never comes up. `check` throws when the
 * worker is known gone; `log` adds what it printed to the timeout's message.
 */
export async function untilAnswered(url: string, headers: Record<string, string>, check: () => void = () => {}, log: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    check();
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the worker did not answer within 90 s:\n${log()}`);
    await sleep(250);
  }
}

const logTail = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');

export async function startBenchWorker(vars: Record<string, string>, options: BenchWorkerOptions = {}): Promise<BenchWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const stateDir = mkdtempSync(join(tmpdir(), 'showtracker-bench-'));
  const logFile = join(stateDir, 'wrangler.log');
  const log = openSync(logFile, 'a');
  const cpu = options.cpuTrace ? startCpuTrace(join(stateDir, 'trace')) : undefined;
  const child = spawn(
    process.execPath,
    [
      WRANGLER_CLI,
      'dev',
      '--local',
      '--ip=127.0.0.1',
      `--port=${port}`,
      `--inspector-port=${inspectorPort}`,
      `--persist-to=${join(stateDir, 'state')}`,
      '--show-interactive-dev-session=false',
      ...Object.entries(vars).map(([key, value]) => `--var=${key}:${value}`),
    ],
    // Its own process group, so stopping reaches workerd too.
    { cwd: ROOT, detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...cpu?.env } },
  );
  closeSync(log);
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? 1));

  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    cpu,
    inspectorPort,
    ready: (path, headers) =>
      untilAnswered(`${url}${path}`, headers, () => {
        if (exitCode !== null) throw new Error(`wrangler dev exited (code ${exitCode}):\n${logTail(logFile)}`);
      }, () => logTail(logFile)),
    async stop() {
      if (child.pid !== undefined) {
        signal('SIGTERM');
        for (let waited = 0; alive() && waited < 5000; waited += 100) await sleep(100);
        if (alive()) signal('SIGKILL');
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
