import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readThrough } from './cache.ts';

/** The real KV binding, but every write refused as KV refuses one past the daily quota. */
const quotaSpent = new Proxy(env.CACHE, {
  get(target, property) {
    if (property === 'put') return async () => Promise.reject(new Error('KV put() limit exceeded for the day.'));
    const value = Reflect.get(target, property);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

describe('the read-through cache', () => {
  it('still answers when KV refuses the write, and the next read computes again', async () => {
    const key = `test:${crypto.randomUUID()}`;
    let computed = 0;
    const compute = async () => ({ value: { n: ++computed }, store: true });
    expect(await readThrough(quotaSpent, key, 60, compute)).toEqual({ n: 1 });
    expect(await readThrough(quotaSpent, key, 60, compute)).toEqual({ n: 2 });
  });

  it('serves what it stored when KV takes the write', async () => {
    const key = `test:${crypto.randomUUID()}`;
    let computed = 0;
    const compute = async () => ({ value: { n: ++computed }, store: true });
    await readThrough(env.CACHE, key, 60, compute);
    expect(await readThrough(env.CACHE, key, 60, compute)).toEqual({ n: 1 });
  });
});
