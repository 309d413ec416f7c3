import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TEST_ENV } from '../test-helpers.ts';
import { FAILURE_THRESHOLD, type ProviderGate } from './provider-gate.ts';

const stub = (name = crypto.randomUUID()) => TEST_ENV.PROVIDER_GATE.get(TEST_ENV.PROVIDER_GATE.idFromName(name));
const TMDB = { limit: 40, windowMs: 10_000 };

describe('the rate limit', () => {
  it('grants 40 calls at once, then makes the 41st wait for the window to slide', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const start = 1_000_000;
      for (let i = 0; i < 40; i++) expect(gate.admit(TMDB, 0, start + i)).toEqual({ admitted: true, waitMs: 0 });
      // The first grant leaves the 10 s window at start + 10 s.
      expect(gate.admit(TMDB, 0, start + 100)).toEqual({ admitted: false, reason: 'rate_limited', retryInMs: 9_900 });
      expect(gate.admit(TMDB, 10_000, start + 100)).toEqual({ admitted: true, waitMs: 9_900 });
    });
  });

  it('never lets more than 40 calls into any 10 s window, however callers race', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const grantedAt: number[] = [];
      for (let i = 0; i < 200; i++) {
        const now = 5_000_000 + Math.floor(i * 37.5);
        const admission = gate.admit(TMDB, 60_000, now);
        if (!admission.admitted) throw new Error('refused');
        grantedAt.push(now + admission.waitMs);
      }
      grantedAt.sort((a, b) => a - b);
      for (let i = 40; i < grantedAt.length; i++) expect(grantedAt[i]! - grantedAt[i - 40]!).toBeGreaterThanOrEqual(10_000);
    });
  });

  it('keeps its reservations across restarts of the object', async () => {
    const name = crypto.randomUUID();
    await runInDurableObject(stub(name), (gate: ProviderGate) => {
      for (let i = 0; i < 40; i++) gate.admit(TMDB, 0, 2_000_000);
    });
    await runInDurableObject(stub(name), (gate: ProviderGate) => {
      expect(gate.admit(TMDB, 0, 2_000_001).admitted).toBe(false);
    });
  });
});

describe('quota shares', () => {
  it('lets low-priority calls use only their share of the window, and high-priority ones the rest', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const omdb = { limit: 10, windowMs: 86_400_000 };
      for (let i = 0; i < 5; i++) expect(gate.admit(omdb, 0, 6_000_000 + i, 0.5).admitted).toBe(true);
      expect(gate.admit(omdb, 0, 6_000_010, 0.5)).toMatchObject({ admitted: false, reason: 'rate_limited' });
      for (let i = 0; i < 5; i++) expect(gate.admit(omdb, 0, 6_000_020 + i, 1).admitted).toBe(true);
      expect(gate.admit(omdb, 0, 6_000_030, 1).admitted).toBe(false);
    });
  });
});

describe('the circuit breaker', () => {
  it(`opens after ${FAILURE_THRESHOLD} consecutive failures and refuses calls during the cool-down`, async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const now = 3_000_000;
      for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) expect(gate.report(false, now)).toBe('closed');
      expect(gate.report(false, now)).toBe('open');
      expect(gate.admit(TMDB, 0, now + 1_000)).toEqual({ admitted: false, reason: 'circuit_open', retryInMs: 29_000 });
    });
  });

  it('lets one trial call through after the cool-down; success closes it', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const now = 4_000_000;
      for (let i = 0; i < FAILURE_THRESHOLD; i++) gate.report(false, now);
      const later = now + 30_000;
      expect(gate.breakerState(later)).toBe('half_open');
      expect(gate.admit(TMDB, 0, later).admitted).toBe(true);
      expect(gate.admit(TMDB, 0, later + 1).admitted).toBe(false);
      expect(gate.report(true, later + 2)).toBe('closed');
      expect(gate.admit(TMDB, 0, later + 3).admitted).toBe(true);
    });
  });

  it('a failed trial reopens it for twice as long', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      const now = 5_000_000;
      for (let i = 0; i < FAILURE_THRESHOLD; i++) gate.report(false, now);
      const trial = now + 30_000;
      gate.admit(TMDB, 0, trial);
      expect(gate.report(false, trial)).toBe('open');
      expect(gate.breakerState(trial + 59_999)).toBe('open');
      expect(gate.breakerState(trial + 60_000)).toBe('half_open');
    });
  });

  it('a success resets the failure count', async () => {
    await runInDurableObject(stub(), (gate: ProviderGate) => {
      for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) gate.report(false, 1);
      gate.report(true, 2);
      for (let i = 0; i < FAILURE_THRESHOLD - 1; i++) expect(gate.report(false, 3)).toBe('closed');
    });
  });
});
