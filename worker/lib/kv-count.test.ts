// The Server-Timing header's KV counts: the wrapper counts what a request
// does, and a route's answer says it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../test-helpers.ts';
import { countingKv, kvServerTiming } from './kv-count.ts';

const timing = (header: string | null) => Object.fromEntries([...(header ?? '').matchAll(/(kv-read|kv-write);desc=(\d+)/g)].map((m) => [m[1], Number(m[2])]));

describe('KV counts', () => {
  it('counts reads and writes through the real binding, and leaves what is read unchanged', async () => {
    const count = { reads: 0, writes: 0 };
    const kv = countingKv(env.CACHE, count);
    const key = `test:${crypto.randomUUID()}`;
    await kv.put(key, 'one');
    expect(await kv.get(key)).toBe('one');
    expect((await kv.getWithMetadata(key)).value).toBe('one');
    await kv.delete(key);
    expect(await kv.get(key)).toBeNull();
    expect(count).toEqual({ reads: 3, writes: 2 });
    expect(kvServerTiming(count)).toBe('kv-read;desc=3, kv-write;desc=2');
  });

  it('is on every API answer: a timeline read twice writes its entry once, then only reads', async () => {
    const ada = await signUp();
    const first = await call('GET', '/api/v1/timeline', { token: ada.accessToken });
    expect(first.status).toBe(200);
    expect(timing(first.headers.get('Server-Timing'))).toMatchObject({ 'kv-read': expect.any(Number), 'kv-write': expect.any(Number) });
    const me = await call('GET', '/api/v1/me', { token: ada.accessToken });
    expect(timing(me.headers.get('Server-Timing'))).toEqual({ 'kv-read': 0, 'kv-write': 0 });
  });
});
