// What a request's services need, read from its services (worker/services.ts,
// built by the request middleware): the database and the cache (history, Up
// Next, catch-up, timeline, calendar, notifications), and for catalog and
// sync work the providers and the logger too.
import type { Context } from 'hono';
import type { Db } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import type { SyncDeps } from './sync.service.ts';

export interface DataDeps {
  db: Db;
  cache: KVNamespace;
}

export const requestDataDeps = (c: Context<AppEnv>): DataDeps => {
  const { services } = c.var;
  return { db: services.db, cache: services.cache };
};

export const requestSyncDeps = (c: Context<AppEnv>): SyncDeps => {
  const { services } = c.var;
  return { db: services.db, cache: services.cache, providers: services.providers, logger: services.logger };
};
