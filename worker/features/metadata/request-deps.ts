// What a request's services need, built from its context: the database and
// the cache (history, Up Next, catch-up, timeline, calendar, notifications),
// and for catalog and sync work the providers and the logger too.
import type { Context } from 'hono';
import type { Db } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import { createProviders } from './providers/index.ts';
import type { SyncDeps } from './sync.service.ts';

export interface DataDeps {
  db: Db;
  cache: KVNamespace;
}

export const requestDataDeps = (c: Context<AppEnv>): DataDeps => ({ db: c.var.db, cache: c.env.CACHE });

export const requestSyncDeps = (c: Context<AppEnv>): SyncDeps => ({
  ...requestDataDeps(c),
  providers: createProviders(c.env, c.var.logger),
  logger: c.var.logger,
});
