// The bench's database, always fresh: the embedded PGlite in memory, or, with
// DATABASE_URL, a new database created on that server for this run and
// dropped afterwards, so the bench never touches the data already there.
import pg from 'pg';
import { startLocalDatabase } from '../../dev/lib/database.ts';
import { redactUrl } from '../../dev/lib/environment.ts';
import type { BridgeStats } from '../../dev/lib/ws-bridge.ts';

export interface BenchDatabase {
  mode: 'embedded' | 'postgres';
  databaseUrl: string;
  wsProxy: string;
  /** `SELECT version()`, for the results. */
  version: string;
  label: string;
  /** The WebSocket bridge's counters (connections, WebSockets, round trips): what the worker asked of Postgres. */
  bridgeStats(): BridgeStats;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

async function serverVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ version: string }>('SELECT version()')).rows[0]!.version;
  } finally {
    await client.end();
  }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function startBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    const local = await startLocalDatabase({});
    return {
      mode: 'embedded',
      databaseUrl: local.databaseUrl,
      wsProxy: local.wsProxy,
      version: await serverVersion(local.databaseUrl),
      label: 'embedded PGlite (in memory, in the bench process)',
      bridgeStats: local.bridgeStats!,
      stop: () => local.stop(),
    };
  }

  const url = new URL(serverUrl);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`DATABASE_URL must point at this machine (127.0.0.1), not ${url.hostname}`);
  // One database per run (pid in the name), so two runs on one server do not collide.
  const name = `showtracker_bench_${process.pid}`;
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const dropIt = () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  url.pathname = `/${name}`;
  try {
    const local = await startLocalDatabase({ databaseUrl: url.toString() });
    return {
      mode: 'postgres',
      databaseUrl: local.databaseUrl,
      wsProxy: local.wsProxy,
      version: await serverVersion(local.databaseUrl),
      label: `${redactUrl(url.toString())} (created for this run, dropped after)`,
      bridgeStats: local.bridgeStats!,
      async stop() {
        await local.stop();
        await dropIt();
      },
    };
  } catch (error) {
    await dropIt();
    throw error;
  }
}
