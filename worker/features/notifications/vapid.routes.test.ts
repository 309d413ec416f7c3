// GET /api/v1/push/vapid-public-key, through the real app with a VAPID
// identity set (or not) per test: TEST_ENV's own depends on the machine's .dev.vars.
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { fromBase64Url } from '../auth/password.ts';
import { call, expectErrorEnvelope, TEST_ENV } from '../../test-helpers.ts';
import { vapid } from './push.fixtures.ts';

async function vapidKey(keys: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string; VAPID_SUBJECT?: string }) {
  const env = { ...TEST_ENV, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined, VAPID_SUBJECT: undefined, ...keys } as unknown as typeof TEST_ENV;
  const response = await createApp().fetch(new Request('http://localhost/api/v1/push/vapid-public-key'), env, createExecutionContext());
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const configured = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject };

describe('the VAPID public key', () => {
  it('is public, the 65-byte uncompressed point a browser subscribes with, cacheable for a day', async () => {
    const response = await vapidKey(configured);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ public_key: vapid.publicKey });
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400');
    const point = fromBase64Url(response.body.public_key);
    expect(point.length).toBe(65);
    expect(point[0]).toBe(0x04);
    await expect(crypto.subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])).resolves.toBeDefined();
  });

  it.each([
    ['no key pair', { VAPID_SUBJECT: vapid.subject }, 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY not set'],
    ['only the public half', { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_SUBJECT: vapid.subject }, 'VAPID_PRIVATE_KEY not set'],
    ['only the private half', { VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject }, 'VAPID_PUBLIC_KEY not set'],
    ['a key pair but no subject', { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey }, 'VAPID_SUBJECT not set'],
    ['nothing', {}, 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT not set'],
  ])('answers 503 push_unavailable, not cached, with %s', async (_name, keys, missing) => {
    const response = await vapidKey(keys);
    expectErrorEnvelope(response, 503, 'push_unavailable');
    expect(response.body.error.message).toContain('VAPID_PUBLIC_KEY');
    expect(response.body.error.message).toContain(`; ${missing}.`);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it.each([
    ['padded', `${vapid.publicKey}=`],
    ['standard base64', btoa(String.fromCharCode(...fromBase64Url(vapid.publicKey)))],
    ['a compressed point', vapid.publicKey.slice(0, 44)],
    ['not base64', 'not a key!'],
  ])('answers 503 push_unavailable for a public key that is %s', async (_name, publicKey) => {
    const response = await vapidKey({ ...configured, VAPID_PUBLIC_KEY: publicKey });
    expectErrorEnvelope(response, 503, 'push_unavailable');
    expect(response.body.error.message).toMatch(/base64url/);
  });

  it('is in the OpenAPI document, without security', async () => {
    const operation = (await call('GET', '/api/openapi.json')).body.paths['/api/v1/push/vapid-public-key'].get;
    expect(operation.security).toBeUndefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });
});
