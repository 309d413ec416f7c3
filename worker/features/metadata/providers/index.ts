// Builds the provider clients for one request or one queue batch (through
// worker/services.ts). A provider without a configured key is absent (null),
// and callers degrade.
import { configOf, type Config, type Env } from '../../../env.ts';
import { createProviderHttp, type HttpPolicy } from '../../../lib/http.ts';
import type { Logger } from '../../../lib/logger.ts';
import { gateFor, type ProviderName } from '../../../ratelimit/gate-client.ts';
import { createOmdbClient, type OmdbClient } from './omdb/omdb.client.ts';
import { createTmdbClient, type TmdbClient } from './tmdb/tmdb.client.ts';
import { createTvdbClient, type TvdbClient } from './tvdb/tvdb.client.ts';
import { createTvmazeClient, type TvmazeClient } from './tvmaze/tvmaze.client.ts';

export interface Providers {
  tmdb: TmdbClient | null;
  tvdb: TvdbClient | null;
  omdb: OmdbClient | null;
  tvmaze: TvmazeClient;
}

export interface ProviderOptions {
  policy?: Partial<HttpPolicy>;
  /** Gives these clients their own rate limits and breakers (see gateFor). */
  gateScope?: string;
  /** The checked configuration (openServices passes its own); read from `env` when absent. */
  config?: Config;
  /** Where TheTVDB's token is kept (a request's counting cache); `env.CACHE` when absent. */
  cache?: KVNamespace;
}

/** `env` supplies the ProviderGate binding (and, without options.config, the configuration). */
export function createProviders(env: Env, logger: Logger, options: ProviderOptions = {}): Providers {
  const config = options.config ?? configOf(env);
  const cache = options.cache ?? env.CACHE;
  const gate = (provider: ProviderName) => gateFor(env, config, provider, options.gateScope);
  const context = { http: createProviderHttp({ gate, logger, policy: options.policy }), logger };
  return {
    tmdb: config.TMDB_API_TOKEN
      ? createTmdbClient({ baseUrl: config.TMDB_API_BASE, imageBase: config.TMDB_IMAGE_BASE, token: config.TMDB_API_TOKEN }, context)
      : null,
    tvdb: config.TVDB_API_KEY
      ? createTvdbClient({ baseUrl: config.TVDB_API_BASE, apiKey: config.TVDB_API_KEY, pin: config.TVDB_PIN, cache }, context)
      : null,
    omdb: config.OMDB_API_KEY ? createOmdbClient({ baseUrl: config.OMDB_API_BASE, apiKey: config.OMDB_API_KEY }, context) : null,
    tvmaze: createTvmazeClient({ baseUrl: config.TVMAZE_API_BASE }, context),
  };
}
