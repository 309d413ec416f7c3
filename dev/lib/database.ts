// The database of the local runtime and the tests: the Postgres at
// DATABASE_URL when one is given, else the embedded PGlite; either way behind
// the WebSocket bridge that the worker's Neon driver connects through.
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { startWsBridge, type BridgeStats } from './ws-bridge.ts';

export interface LocalDatabase {
  /** Connection string for Node-side clients (migrations, psql, benchmarks). */
  databaseUrl: string;
  /** host:port of the bridge: the worker's DATABASE_WS_PROXY. */
  wsProxy: string;
  embedded: boolean;
  /** Migrations applied by this start (empty when already current). */
  applied: string[];
  /** The bridge's counters: connections to Postgres, WebSockets, round trips. */
  bridgeStats?: () => BridgeStats;
  stop(): Promise<void>;
}

export async function startLocalDatabase(options: {
  /** A real Postgres; when absent the embedded one is started. */
  databaseUrl?: string;
  /** Where the embedded database persists; absent = in memory. */
  dataDir?: string;
  embeddedPort?: number;
  bridgePort?: number;
  /** A simulated distance to Postgres, ms per round trip; default DATABASE_LATENCY_MS, else 0. */
  latencyMs?: number;
}): Promise<LocalDatabase> {
  const latencyMs = options.latencyMs ?? latencyFromEnvironment();
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  try {
    const applied = await migrate(databaseUrl);
    const bridge = await startWsBridge({ databaseUrl, port: options.bridgePort, serialize: Boolean(embedded), latencyMs });
    return {
      databaseUrl,
      wsProxy: bridge.proxy,
      bridgeStats: () => bridge.stats(),
      embedded: Boolean(embedded),
      applied,
      async stop() {
        await bridge.stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** DATABASE_LATENCY_MS: a whole number of ms from 0 to 5000, or unset (0). */
export function latencyFromEnvironment(value = process.env.DATABASE_LATENCY_MS): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,4}$/.test(value) || Number(value) > 5000) {
    throw new Error(`DATABASE_LATENCY_MS must be a whole number of milliseconds from 0 to 5000 (got "${value}")`);
  }
  return Number(value);
}
