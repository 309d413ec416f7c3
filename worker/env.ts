// The worker's bindings (wrangler.toml) and secrets (the configuration
// contract of ARCHITECTURE.md), and the per-request context the app builds.
import { z } from 'zod';
import type { Db } from './db/client.ts';
import type { Logger } from './lib/logger.ts';
import type { ProviderGate } from './ratelimit/provider-gate.ts';

export interface Env {
  CACHE: KVNamespace;
  SYNC_QUEUE: Queue;
  DISPATCH_QUEUE: Queue;
  PROVIDER_GATE: DurableObjectNamespace<ProviderGate>;
  ASSETS: Fetcher;

  DATABASE_URL: string;
  DATABASE_WS_PROXY?: string;
  JWT_SECRET: string;
  INTERNAL_API_TOKEN: string;
  VAPID_PUBLIC_KEY: string;
  VAPID_PRIVATE_KEY: string;
  VAPID_SUBJECT: string;
  PUSH_ENDPOINT_ALLOWLIST?: string;
  TMDB_API_BASE: string;
  /** Where poster and still URLs point: TMDB's image CDN, or the stand-ins' locally. */
  TMDB_IMAGE_BASE: string;
  TMDB_API_TOKEN?: string;
  TMDB_RATE_LIMIT?: string;
  TMDB_RATE_WINDOW_SECONDS?: string;
  TVMAZE_RATE_LIMIT?: string;
  TVDB_RATE_LIMIT?: string;
  OMDB_DAILY_LIMIT?: string;
  /** Sign-ups allowed per client address per hour (default 10). */
  REGISTER_RATE_LIMIT?: string;
  /** Sign-in attempts allowed per client address per 15 minutes (default 20). */
  LOGIN_RATE_LIMIT?: string;
  TVDB_API_BASE: string;
  TVDB_API_KEY?: string;
  TVDB_PIN?: string;
  OMDB_API_BASE: string;
  OMDB_API_KEY?: string;
  TVMAZE_API_BASE: string;
}

const configSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is not set'),
  DATABASE_WS_PROXY: z.string().optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  INTERNAL_API_TOKEN: z.string().min(16, 'INTERNAL_API_TOKEN must be at least 16 characters'),
  PUSH_ENDPOINT_ALLOWLIST: z.string().optional(),
  REGISTER_RATE_LIMIT: z.coerce.number().int().min(1, 'REGISTER_RATE_LIMIT must be at least 1').default(10),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1, 'LOGIN_RATE_LIMIT must be at least 1').default(20),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Checks the secrets once per isolate. A deployment missing one answers 503
 * with the variable's name in the log, never a confusing failure deep inside.
 */
let checked: { env: Env; result: ReturnType<typeof configSchema.safeParse> } | undefined;
export function readConfig(env: Env): { ok: true; config: Config } | { ok: false; problems: string[] } {
  if (checked?.env !== env) checked = { env, result: configSchema.safeParse(env) };
  const { result } = checked;
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}

export interface AppVariables {
  requestId: string;
  config: Config;
  db: Db;
  logger: Logger;
  /** Set by the auth middleware on routes that require a signed-in person. */
  userId: string;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
