// How a worker asks a provider's ProviderGate for admission: the rate limit
// each provider gets, and the small interface the HTTP layer depends on.
import type { Config, Env } from '../env.ts';
import type { Admission, RateLimit } from './provider-gate.ts';

export type ProviderName = 'tmdb' | 'tvdb' | 'omdb' | 'tvmaze';

export interface Gate {
  admit(maxWaitMs: number, share?: number): Promise<Admission>;
  report(ok: boolean): Promise<void>;
}

/**
 * The gate spaces grants by the window exactly, but calls reach the provider
 * a little later, each by its own network delay: widening the window by 5%
 * keeps that jitter from bunching more than `limit` arrivals into one window.
 */
const withJitterMargin = ({ limit, windowMs }: RateLimit): RateLimit => ({
  limit,
  windowMs: windowMs + Math.min(1000, Math.round(windowMs * 0.05)),
});

type RateSettings = Pick<Config, 'TMDB_RATE_LIMIT' | 'TMDB_RATE_WINDOW_SECONDS' | 'TVMAZE_RATE_LIMIT' | 'TVDB_RATE_LIMIT' | 'OMDB_DAILY_LIMIT'>;

/** Per-provider limits, each configurable (see README "Configuration"; defaults in env.ts). */
export function rateLimitFor(provider: ProviderName, settings: RateSettings): RateLimit {
  return withJitterMargin(nominalRateLimit(provider, settings));
}

function nominalRateLimit(provider: ProviderName, settings: RateSettings): RateLimit {
  switch (provider) {
    case 'tmdb':
      // The original design's token bucket: 40 per 10 s (docs/design.md#provider-limits).
      return { limit: settings.TMDB_RATE_LIMIT, windowMs: settings.TMDB_RATE_WINDOW_SECONDS * 1000 };
    case 'tvmaze':
      // TVmaze allows at least 20 calls per 10 s per address.
      return { limit: settings.TVMAZE_RATE_LIMIT, windowMs: 10_000 };
    case 'omdb':
      // The free tier's daily quota; the sync spends it by priority.
      return { limit: settings.OMDB_DAILY_LIMIT, windowMs: 24 * 60 * 60 * 1000 };
    case 'tvdb':
      return { limit: settings.TVDB_RATE_LIMIT, windowMs: 10_000 };
  }
}

/** `scope` separates gates that must not share state (tests that trip a breaker on purpose). */
export function gateFor(env: Pick<Env, 'PROVIDER_GATE'>, settings: RateSettings, provider: ProviderName, scope = ''): Gate {
  const stub = env.PROVIDER_GATE.get(env.PROVIDER_GATE.idFromName(scope ? `${scope}:${provider}` : provider));
  const rate = rateLimitFor(provider, settings);
  return {
    admit: (maxWaitMs, share) => stub.admit(rate, maxWaitMs, undefined, share),
    report: async (ok) => {
      await stub.report(ok);
    },
  };
}
