// Builds the provider clients for one request or one queue message. A
// provider without a configured key is absent (null), and callers degrade.
import type { Env } from '../../../env.ts';
import { createProviderHttp, type HttpPolicy } from '../../../lib/http.ts';
import type { Logger } from '../../../lib/logger.ts';
import { gateFor } from '../../../ratelimit/gate-client.ts';
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
}

export function createProviders(env: Env, logger: Logger, options: ProviderOptions = {}): Providers {
  const gate = (provider: Parameters<typeof gateFor>[1]) => gateFor(env, provider, options.gateScope);
  const context = { http: createProviderHttp({ gate, logger, policy: options.policy }), logger };
  return {
    tmdb: env.TMDB_API_TOKEN ? createTmdbClient({ baseUrl: env.TMDB_API_BASE, imageBase: env.TMDB_IMAGE_BASE, token: env.TMDB_API_TOKEN }, context) : null,
    tvdb: env.TVDB_API_KEY
      ? createTvdbClient({ baseUrl: env.TVDB_API_BASE, apiKey: env.TVDB_API_KEY, pin: env.TVDB_PIN, cache: env.CACHE }, context)
      : null,
    omdb: env.OMDB_API_KEY ? createOmdbClient({ baseUrl: env.OMDB_API_BASE, apiKey: env.OMDB_API_KEY }, context) : null,
    tvmaze: createTvmazeClient({ baseUrl: env.TVMAZE_API_BASE }, context),
  };
}
