// The per-request database: a Neon Pool over WebSocket, wrapped by drizzle.
// A pool must not outlive its request on Workers ("Cannot perform I/O on
// behalf of a different request"), so each request builds one and closes it
// with waitUntil.
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from './schema/index.ts';

export type Db = NeonDatabase<typeof schema> & { $client: Pool };

/** What a query needs: the database or an open transaction. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface DbSettings {
  DATABASE_URL: string;
  /** Local runtime only: host:port of the WebSocket bridge to a local Postgres. */
  DATABASE_WS_PROXY?: string;
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
  }
  const pool = new Pool({ connectionString: settings.DATABASE_URL });
  // An idle connection whose socket drops (the request's I/O ended, the server
  // restarted) is reported on the pool; the next query simply connects again.
  pool.on('error', (error: Error) => onIdleError?.(error));
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}
