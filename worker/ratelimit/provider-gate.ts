// One Durable Object per metadata provider ("tmdb", "tvdb", "omdb", "tvmaze")
// serializes, for every isolate at once:
// - the rate limit: a sliding-window log of grant times. A call is granted at
//   the earliest instant at which no more than `limit` grants fall in any
//   `window`; callers reserve that instant and wait for it, up to a bound,
//   rather than fail. TMDB's is the original design's token bucket (40 per 10 s
//   by default; docs/design.md#provider-limits).
// - the circuit breaker: after FAILURE_THRESHOLD consecutive failed calls the
//   provider is skipped for a cool-down that doubles while it keeps failing;
//   then one trial call is let through (half-open) to decide.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type Admission =
  | { admitted: true; waitMs: number }
  | { admitted: false; reason: 'rate_limited' | 'circuit_open'; retryInMs: number };

export type BreakerState = 'closed' | 'open' | 'half_open';

interface State {
  grants: number[];
  failures: number;
  openUntil: number;
  cooldownMs: number;
  trialInFlightUntil: number;
}

export const FAILURE_THRESHOLD = 5;
const BASE_COOLDOWN_MS = 30_000;
const MAX_COOLDOWN_MS = 10 * 60_000;
// A half-open trial that never reports back (the caller crashed) stops blocking after this.
const TRIAL_TIMEOUT_MS = 30_000;

export class ProviderGate extends DurableObject<Env> {
  private state: State;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.state = ctx.storage.kv.get<State>('state') ?? {
      grants: [],
      failures: 0,
      openUntil: 0,
      cooldownMs: BASE_COOLDOWN_MS,
      trialInFlightUntil: 0,
    };
  }

  private save(): void {
    this.ctx.storage.kv.put('state', this.state);
  }

  breakerState(now = Date.now()): BreakerState {
    if (this.state.failures < FAILURE_THRESHOLD) return 'closed';
    return now < this.state.openUntil ? 'open' : 'half_open';
  }

  /**
   * Asks to call the provider: admits (possibly after waitMs), or refuses
   * without reserving anything. `share` (0..1] caps the part of the window's
   * budget this call may draw on, so low-priority work leaves the rest of a
   * scarce quota (OMDb's 1,000 a day) to high-priority work.
   */
  admit(rate: RateLimit, maxWaitMs: number, now = Date.now(), share = 1): Admission {
    const breaker = this.breakerState(now);
    if (breaker === 'open') return { admitted: false, reason: 'circuit_open', retryInMs: this.state.openUntil - now };
    if (breaker === 'half_open' && now < this.state.trialInFlightUntil) {
      return { admitted: false, reason: 'circuit_open', retryInMs: this.state.trialInFlightUntil - now };
    }

    const grants = this.state.grants.filter((at) => at > now - rate.windowMs);
    const limit = Math.max(1, Math.floor(rate.limit * Math.min(1, Math.max(0, share))));
    // With `limit` grants in the log, the next may happen once the limit-th
    // most recent one has left the window.
    const at = grants.length < limit ? now : grants[grants.length - limit]! + rate.windowMs;
    const waitMs = Math.max(0, at - now);
    if (waitMs > maxWaitMs) return { admitted: false, reason: 'rate_limited', retryInMs: waitMs };
    grants.push(Math.max(at, now));
    this.state.grants = grants;
    if (breaker === 'half_open') this.state.trialInFlightUntil = now + waitMs + TRIAL_TIMEOUT_MS;
    this.save();
    return { admitted: true, waitMs };
  }

  /** Records how an admitted call ended (after its retries). */
  report(ok: boolean, now = Date.now()): BreakerState {
    this.state.trialInFlightUntil = 0;
    if (ok) {
      this.state.failures = 0;
      this.state.cooldownMs = BASE_COOLDOWN_MS;
      this.state.openUntil = 0;
    } else {
      const wasHalfOpen = this.breakerState(now) === 'half_open';
      this.state.failures += 1;
      if (this.state.failures >= FAILURE_THRESHOLD) {
        if (wasHalfOpen) this.state.cooldownMs = Math.min(MAX_COOLDOWN_MS, this.state.cooldownMs * 2);
        this.state.openUntil = now + this.state.cooldownMs;
      }
    }
    this.save();
    return this.breakerState(now);
  }
}
