import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TEST_ENV } from '../test-helpers.ts';
import type { TmdbRateLimiter } from './tmdb-rate-limiter.ts';

const stub = (name: string) => TEST_ENV.TMDB_RATE_LIMITER.get(TEST_ENV.TMDB_RATE_LIMITER.idFromName(name));

describe('the TMDB token bucket', () => {
  it('grants 40 calls at once, then makes the 41st wait for the window to slide', async () => {
    await runInDurableObject(stub(crypto.randomUUID()), (limiter: TmdbRateLimiter) => {
      const start = 1_000_000;
      for (let i = 0; i < 40; i++) expect(limiter.take(0, start + i)).toEqual({ granted: true, waitMs: 0 });
      // The first grant leaves the 10 s window at start + 10 s.
      expect(limiter.take(0, start + 100)).toEqual({ granted: false, waitMs: 9_900 });
      expect(limiter.take(10_000, start + 100)).toEqual({ granted: true, waitMs: 9_900 });
    });
  });

  it('never lets more than 40 calls into any 10 s window, however callers race', async () => {
    await runInDurableObject(stub(crypto.randomUUID()), (limiter: TmdbRateLimiter) => {
      const grantedAt: number[] = [];
      for (let i = 0; i < 200; i++) {
        const now = 5_000_000 + Math.floor(i * 37.5);
        const grant = limiter.take(60_000, now);
        expect(grant.granted).toBe(true);
        grantedAt.push(now + grant.waitMs);
      }
      grantedAt.sort((a, b) => a - b);
      for (let i = 40; i < grantedAt.length; i++) expect(grantedAt[i]! - grantedAt[i - 40]!).toBeGreaterThanOrEqual(10_000);
    });
  });

  it('keeps its reservations across restarts of the object', async () => {
    const name = crypto.randomUUID();
    await runInDurableObject(stub(name), (limiter: TmdbRateLimiter) => {
      for (let i = 0; i < 40; i++) limiter.take(0, 2_000_000);
    });
    await runInDurableObject(stub(name), (limiter: TmdbRateLimiter) => {
      expect(limiter.take(0, 2_000_001).granted).toBe(false);
    });
  });
});
