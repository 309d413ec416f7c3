// The embedded Postgres of the local runtime: PGlite (Postgres in WASM, with
// pg_trgm) persisted on disk and served over the Postgres wire protocol on a
// loopback TCP port, so every client (the migration runner, the WebSocket
// bridge the worker uses, psql) talks to it like a real server.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir: options.dataDir ?? 'memory://',
    extensions: { pg_trgm },
  });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    // The worker opens a pool per request and closes it in waitUntil, which
    // workerd may run well after the response: dozens of connections can be
    // open at once. PGlite multiplexes them all on one session, so a high cap
    // costs nothing.
    maxConnections: 1000,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
