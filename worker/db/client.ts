// The per-request database: a Neon Pool, wrapped by drizzle. One-shot
// statements (drizzle's selects, inserts, updates outside a transaction) go as
// Neon's SQL-over-HTTP: one fetch per statement, to an endpoint that keeps its
// own authenticated connections to Postgres, so a request never opens and
// authenticates a connection of its own, and statements run in parallel
// without a connection each. Transactions need a session: they take a
// WebSocket from the pool (pipelined password start-up, as Neon's proxy
// accepts). README "Edge-fast reads" has the measurements behind the choice.
// A pool must not outlive its request on Workers ("Cannot perform I/O on
// behalf of a different request"), so each request builds one and closes it
// with waitUntil.
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';

// drizzle is given no schema: nothing uses its relational `db.query` API, and
// with a schema it rebuilt the relations of every table on each request (a
// twentieth of a cold timeline's CPU, bench/edge-reads.ts).
export type Db = NeonDatabase & { $client: Pool };

/** What a query needs: the database or an open transaction. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface DbSettings {
  DATABASE_URL: string;
  /** Local runtime only: host:port of the bridge to a local Postgres (WebSocket and SQL-over-HTTP). */
  DATABASE_WS_PROXY?: string;
  /** How one-shot statements travel: 'http' (default) or 'websocket' (every statement on the pool's WebSockets, as before issue 13). */
  DATABASE_QUERIES?: string;
}

export function openDb(
  settings: DbSettings,
  onIdleError?: (error: unknown) => void,
): { db: Db; close: () => Promise<void> } {
  if (settings.DATABASE_WS_PROXY) {
    // Global, but the same for every request of an isolate: the bridge speaks
    // plain ws on loopback. It ends the start-up as Neon's proxy does (the
    // driver's default pipelined cleartext password, checked by the bridge)
    // and lends a connection it authenticated to Postgres once.
    const proxy = settings.DATABASE_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.fetchEndpoint = `http://${proxy}/sql`;
  }
  // Global in the driver; the same for every request of an isolate.
  neonConfig.poolQueryViaFetch = settings.DATABASE_QUERIES !== 'websocket';
  const pool = new Pool({ connectionString: settings.DATABASE_URL });
  // An idle connection whose socket drops (the request's I/O ended, the server
  // restarted) is reported on the pool; the next query simply connects again.
  pool.on('error', (error: Error) => onIdleError?.(error));
  return { db: drizzle({ client: pool }), close: () => pool.end() };
}
