// What catalog and sync work needs, built from a request's context.
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { createProviders } from './providers/index.ts';
import type { SyncDeps } from './sync.service.ts';

export const requestSyncDeps = (c: Context<AppEnv>): SyncDeps => ({
  db: c.var.db,
  cache: c.env.CACHE,
  providers: createProviders(c.env, c.var.logger),
  logger: c.var.logger,
});
