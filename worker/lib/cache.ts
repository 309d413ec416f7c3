// The KV cache (docs/design.md#cache-keys; Workers KV instead of Redis): typed
// keys in one place, and one read-through helper. KV's minimum TTL is 60 s.
import { createLogger, describeError } from './logger.ts';

export const cacheKeys = {
  search: (digest: string) => `search:${digest}`,
  show: (showId: string) => `show:${showId}`,
  trending: (type: string) => `trending:${type}`,
  popular: (type: string) => `popular:${type}`,
};

export const TTL = {
  search: 60 * 60,
  show: 15 * 60,
  lists: 60 * 60,
};

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : (input as Uint8Array<ArrayBuffer>);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores a computed answer for later requests, best effort: a write refused
 * (the Workers Free plan's 1,000 KV writes a day, or KV's one write a second
 * per key) costs only a later cache miss, never the answer in hand. Version
 * bumps are not written through here: losing one would serve stale data.
 */
export async function cachePut(kv: KVNamespace, key: string, value: unknown, ttlSeconds: number): Promise<void> {
  await cachePutText(kv, key, JSON.stringify(value), ttlSeconds);
}

/** KV's shortest TTL: a shorter one is refused. */
export const kvTtl = (ttlSeconds: number) => Math.max(60, ttlSeconds);

/** cachePut for a value already serialized (lib/person-state.ts sizes its entries by their text). */
export async function cachePutText(kv: KVNamespace, key: string, text: string, ttlSeconds: number): Promise<void> {
  try {
    await kv.put(key, text, { expirationTtl: kvTtl(ttlSeconds) });
  } catch (error) {
    createLogger({ key }).warn('cache write refused; answering uncached', describeError(error));
  }
}

/**
 * Returns the cached value, or computes it and stores it when `store` says
 * so (a degraded answer is served but not cached).
 */
export async function readThrough<T>(
  kv: KVNamespace,
  key: string,
  ttlSeconds: number,
  compute: () => Promise<{ value: T; store: boolean }>,
): Promise<T> {
  const hit = await kv.get<T>(key, 'json');
  if (hit !== null) return hit;
  const { value, store } = await compute();
  if (store) await cachePut(kv, key, value, ttlSeconds);
  return value;
}
