// Runs `npm start` (node dev/start.ts) for the browser tests, exactly as a
// developer would, once for the whole run: on its own port, with a throwaway
// data directory (its own embedded PGlite and wrangler state; or the server
// at DATABASE_URL when set, as in CI's PostgreSQL run) and the offline
// metadata stand-ins. The web component tests and the end-to-end tests share
// it; whichever global setup starts first starts it, the last teardown stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../dev/lib/paths.ts';

export interface AppServer {
  url: string;
  /** The mail stand-in this npm start printed in its banner. */
  mailUrl: string;
  /** Where this npm start keeps its state; `${dataDir}/web` is the PWA it serves. */
  dataDir: string;
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 180_000;
const shared = globalThis as { __showtrackerApp?: { server: Promise<AppServer>; users: number } };

/** The port the app listens on, fixed when the config is loaded so the web project's proxy can name it. */
export const APP_PORT = Number(process.env.SHOWTRACKER_TEST_APP_PORT ?? 18_790 + (process.pid % 1000));

function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...rest } = env;
  return rest;
}

function start(port: number): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'showtracker-app-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dev', 'start.ts')], {
    cwd: ROOT,
    // Every browser test signs up from 127.0.0.1: more than the 10 an hour one address may.
    // NODE_ENV=test (vitest's) would make npm start build Solid's development bundle.
    env: { ...withoutNodeEnv(process.env), PORT: String(port), SHOWTRACKER_DATA_DIR: dataDir, REGISTER_RATE_LIMIT: '10000', LOGIN_RATE_LIMIT: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  // What the app logged at level error, kept whole: printed when the run
  // ends, so a browser test's 500 in CI comes with the app's own account of it.
  const appErrors: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    appErrors.push(...lines.filter((line) => line.includes('"level":"error"')).map((line) => line.slice(0, 4000)));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

  const stop = async () => {
    if (appErrors.length > 0) {
      process.stderr.write(`\nnpm start (browser tests) logged ${appErrors.length} error(s):\n${appErrors.slice(-20).join('\n')}\n`);
    }
    try {
      process.kill(child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the whole group is gone
    }
    // Grandchildren (wrangler, workerd) inherited these pipes; don't wait on them.
    child.stdout!.destroy();
    child.stderr!.destroy();
    child.unref();
    rmSync(dataDir, { recursive: true, force: true });
  };

  return new Promise<AppServer>((resolve, reject) => {
    const limit = setTimeout(() => {
      void stop().then(() => reject(new Error(`npm start did not come up within ${STARTUP_LIMIT_MS / 1000} s:\n${output}`)));
    }, STARTUP_LIMIT_MS);
    child.stdout!.on('data', () => {
      if (!output.includes('ShowTracker is running at')) return;
      clearTimeout(limit);
      const mailUrl = /mail: +local stand-in, read it at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
      resolve({ url: `http://127.0.0.1:${port}`, mailUrl, dataDir, stop });
    });
    void exited.then((code) => {
      clearTimeout(limit);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/** Starts the app, or joins the one already starting; resolves with its base URL and a release function. */
export async function acquireAppServer(): Promise<{ url: string; mailUrl: string; dataDir: string; release: () => Promise<void> }> {
  shared.__showtrackerApp ??= { server: start(APP_PORT), users: 0 };
  const entry = shared.__showtrackerApp;
  entry.users += 1;
  const server = await entry.server;
  return {
    url: server.url,
    mailUrl: server.mailUrl,
    dataDir: server.dataDir,
    release: async () => {
      entry.users -= 1;
      if (entry.users > 0) return;
      shared.__showtrackerApp = undefined;
      await server.stop();
    },
  };
}

export default async function setup(project: { provide: (key: string, value: unknown) => void }) {
  const app = await acquireAppServer();
  project.provide('appUrl', app.url);
  project.provide('mailUrl', app.mailUrl);
  project.provide('appDataDir', app.dataDir);
  return app.release;
}
