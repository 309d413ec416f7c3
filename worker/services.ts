// The one place that builds what a request, a queue batch or a cron run works
// with: the checked configuration, the database, the cache, the logger and the
// metadata providers. The request middleware (app.ts), the queue consumers
// (jobs/queue.ts) and the cron triggers (jobs/scheduled.ts) all start here.
import { openDb, type Db } from './db/client.ts';
import { configOf, type Config, type Env } from './env.ts';
import { createProviders, type Providers } from './features/metadata/providers/index.ts';
import { countingKv, type KvCount } from './lib/kv-count.ts';
import { describeError, type Logger } from './lib/logger.ts';

export interface Services {
  config: Config;
  /** Opened on first use; a pool must not outlive its request or batch, so `close` ends it. */
  readonly db: Db;
  /** Workers KV; a request's counts its operations for Server-Timing. */
  cache: KVNamespace;
  logger: Logger;
  /** Built on first use, then shared by the request's or batch's work. */
  readonly providers: Providers;
  /** Ends the database pool, if one was opened. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  logger: Logger;
  /** Counts the cache's reads and writes here (a request's Server-Timing header). */
  kvCount?: KvCount;
}

/** Throws ConfigError (env.ts) when a required secret is missing or a variable is malformed. */
export function openServices(env: Env, { logger, kvCount }: ServiceOptions): Services {
  const config = configOf(env);
  const cache = kvCount ? countingKv(env.CACHE, kvCount) : env.CACHE;
  let database: ReturnType<typeof openDb> | undefined;
  let providers: Providers | undefined;
  return {
    config,
    cache,
    logger,
    get db() {
      database ??= openDb(config, (error) => logger.warn('idle database connection dropped', describeError(error)));
      return database.db;
    },
    get providers() {
      return (providers ??= createProviders(env, logger, { config, cache }));
    },
    close: async () => {
      const opened = database;
      database = undefined;
      await opened?.close();
    },
  };
}
