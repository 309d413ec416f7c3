// The database of the local runtime and the tests: the Postgres at
// DATABASE_URL when one is given, else the embedded PGlite; either way behind
// the WebSocket bridge that the worker's Neon driver connects through.
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { startWsBridge } from './ws-bridge.ts';

export interface LocalDatabase {
  /** Connection string for Node-side clients (migrations, psql, benchmarks). */
  databaseUrl: string;
  /** host:port of the bridge: the worker's DATABASE_WS_PROXY. */
  wsProxy: string;
  embedded: boolean;
  /** Migrations applied by this start (empty when already current). */
  applied: string[];
  /** The bridge's connections to Postgres: opened so far, idle now. */
  bridgeStats?: () => { opened: number; idle: number };
  stop(): Promise<void>;
}

export async function startLocalDatabase(options: {
  /** A real Postgres; when absent the embedded one is started. */
  databaseUrl?: string;
  /** Where the embedded database persists; absent = in memory. */
  dataDir?: string;
  embeddedPort?: number;
  bridgePort?: number;
}): Promise<LocalDatabase> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  try {
    const applied = await migrate(databaseUrl);
    const bridge = await startWsBridge({ databaseUrl, port: options.bridgePort, serialize: Boolean(embedded) });
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
