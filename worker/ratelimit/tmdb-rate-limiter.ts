// The TMDB rate limit, serialized for every isolate by one Durable Object.
// A sliding-window log of grant times: a call is granted at the earliest
// instant at which no more than `limit` grants fall in any `window`. Callers
// reserve that instant and wait for it, up to a bound, rather than fail.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';

export interface TokenGrant {
  granted: boolean;
  /** How long the caller must wait before calling (granted), or before asking again (refused). */
  waitMs: number;
}

export class TmdbRateLimiter extends DurableObject<Env> {
  private grants: number[];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.grants = ctx.storage.kv.get<number[]>('grants') ?? [];
  }

  private settings(): { limit: number; windowMs: number } {
    const limit = Number(this.env.TMDB_RATE_LIMIT) || 40;
    const windowSeconds = Number(this.env.TMDB_RATE_WINDOW_SECONDS) || 10;
    return { limit, windowMs: windowSeconds * 1000 };
  }

  /** Reserves one call. Refuses (without reserving) when the wait would exceed maxWaitMs. */
  take(maxWaitMs: number, now = Date.now()): TokenGrant {
    const { limit, windowMs } = this.settings();
    this.grants = this.grants.filter((at) => at > now - windowMs);
    // With `limit` grants in the log, the next may happen once the
    // limit-th most recent one has left the window.
    const at = this.grants.length < limit ? now : this.grants[this.grants.length - limit]! + windowMs;
    const waitMs = Math.max(0, at - now);
    if (waitMs > maxWaitMs) return { granted: false, waitMs };
    this.grants.push(Math.max(at, now));
    this.ctx.storage.kv.put('grants', this.grants);
    return { granted: true, waitMs };
  }
}
