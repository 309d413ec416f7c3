// Every call to a metadata provider goes through here: admission by the
// provider's gate (rate limit + circuit breaker), a timeout per attempt, up to
// `attempts` tries with exponential backoff and jitter for network errors, 429
// and 5xx (honouring Retry-After), and one report of the outcome to the breaker.
import type { Gate, ProviderName } from '../ratelimit/gate-client.ts';
import type { Logger } from './logger.ts';

export type ProviderErrorKind = 'circuit_open' | 'rate_limited' | 'unavailable' | 'bad_response' | 'unauthorized';

export class ProviderError extends Error {
  readonly provider: ProviderName;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;

  constructor(provider: ProviderName, kind: ProviderErrorKind, message: string, status?: number) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
    this.provider = provider;
    this.kind = kind;
    this.status = status;
  }
}

export interface HttpPolicy {
  timeoutMs: number;
  attempts: number;
  /** The longest this call may wait, in total, for the rate limit or a Retry-After. */
  maxWaitMs: number;
  baseBackoffMs: number;
}

export const DEFAULT_POLICY: HttpPolicy = { timeoutMs: 10_000, attempts: 3, maxWaitMs: 15_000, baseBackoffMs: 250 };

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(attempt: number, baseMs: number, random = Math.random()): number {
  const ceiling = baseMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export interface CallOptions {
  /** The part of the provider's rate budget this call may use (see ProviderGate.admit). */
  share?: number;
}

export interface ProviderHttp {
  fetch(provider: ProviderName, url: string, init?: RequestInit, options?: CallOptions): Promise<Response>;
}

export function createProviderHttp(deps: {
  gate: (provider: ProviderName) => Gate;
  logger: Logger;
  policy?: Partial<HttpPolicy>;
}): ProviderHttp {
  const policy = { ...DEFAULT_POLICY, ...deps.policy };

  async function attempt(provider: ProviderName, url: string, init: RequestInit | undefined) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return timedOut ? ('timeout' as const) : ('network' as const);
    }
  }

  return {
    async fetch(provider, url, init, options = {}) {
      const gate = deps.gate(provider);
      const deadline = Date.now() + policy.maxWaitMs;
      let lastProblem = 'no attempt made';
      for (let attemptNumber = 1; attemptNumber <= policy.attempts; attemptNumber++) {
        const admission = await gate.admit(Math.max(0, deadline - Date.now()), options.share);
        if (!admission.admitted) {
          throw new ProviderError(
            provider,
            admission.reason,
            admission.reason === 'circuit_open'
              ? `temporarily skipped after repeated failures (retry in ${Math.ceil(admission.retryInMs / 1000)} s)`
              : `rate limit reached (next slot in ${Math.ceil(admission.retryInMs / 1000)} s)`,
          );
        }
        if (admission.waitMs > 0) await sleep(admission.waitMs);

        const result = await attempt(provider, url, init);
        if (typeof result !== 'string' && !RETRYABLE.has(result.status)) {
          await gate.report(true);
          return result;
        }
        lastProblem = typeof result === 'string' ? result : `HTTP ${result.status}`;
        if (attemptNumber === policy.attempts) break;

        let delay = backoffMs(attemptNumber, policy.baseBackoffMs);
        if (typeof result !== 'string') {
          const asked = retryAfterMs(result.headers.get('Retry-After'));
          await result.body?.cancel();
          if (asked !== undefined) delay = Math.max(delay, asked);
        }
        if (Date.now() + delay > deadline) {
          lastProblem += ` (retry in ${Math.ceil(delay / 1000)} s would pass the wait budget)`;
          break;
        }
        deps.logger.warn('provider call failed; retrying', { provider, url: redact(url), problem: lastProblem, delay });
        await sleep(delay);
      }
      await gate.report(false);
      throw new ProviderError(provider, 'unavailable', `unavailable: ${lastProblem}`);
    },
  };
}

/** Drops credentials from a URL before it is logged. */
export function redact(url: string): string {
  return url.replace(/([?&](api_key|apikey)=)[^&]*/gi, '$1***');
}
