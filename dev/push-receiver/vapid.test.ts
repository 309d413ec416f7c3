// VAPID as a push service enforces it (RFC 8292): 401 without authentication,
// 403 for a JWT that is invalid or signed by another key than the one the
// subscription was restricted to.
import { createPrivateKey, sign } from 'node:crypto';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { VAPID_SUBJECT, messages, send, subscribe, useReceiver, vapidDetails, vapidKeys } from './test-helpers.ts';

const receiver = useReceiver();
const now = () => Math.floor(Date.now() / 1000);

/** A VAPID header with any claims, signed by `keys` (web-push refuses to build the broken ones). */
function vapidHeader(keys: { publicKey: string; privateKey: string }, claims: Record<string, unknown>): string {
  const point = Buffer.from(keys.publicKey, 'base64url');
  const key = createPrivateKey({
    format: 'jwk',
    key: { kty: 'EC', crv: 'P-256', d: keys.privateKey, x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
  });
  const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${segment({ typ: 'JWT', alg: 'ES256' })}.${segment(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `vapid t=${input}.${signature}, k=${keys.publicKey}`;
}

const sendWith = async (authorization: string | null, pinned?: string) => {
  const subscription = await subscribe(receiver.it, pinned);
  const response = await send(subscription, 'hi', { vapidDetails: vapidDetails() }, { authorization });
  return { ...response, stored: await messages(receiver.it, subscription.id) };
};

describe('VAPID', () => {
  it('accepts a subscription restricted to the key that signs', async () => {
    const keys = vapidKeys();
    const subscription = await subscribe(receiver.it, keys.publicKey);
    expect((await send(subscription, 'hi', { vapidDetails: vapidDetails(keys) })).status).toBe(201);
  });

  it('403 when another key signs for a restricted subscription', async () => {
    const subscription = await subscribe(receiver.it, vapidKeys().publicKey);
    const refused = await send(subscription, 'hi', { vapidDetails: vapidDetails() });
    expect(refused).toMatchObject({ status: 403, body: { reason: expect.stringContaining('application server key') } });
    expect(await messages(receiver.it, subscription.id)).toEqual([]);
  });

  it('401 with WWW-Authenticate when there is no authentication', async () => {
    const refused = await sendWith(null);
    expect(refused).toMatchObject({ status: 401, stored: [] });
    expect(refused.headers.get('www-authenticate')).toBe('vapid');
    expect((await sendWith('Bearer abc')).status).toBe(401);
  });

  it('403 for an expired JWT', async () => {
    const keys = vapidKeys();
    const expired = webpush.getVapidHeaders(receiver.it.url, VAPID_SUBJECT, keys.publicKey, keys.privateKey, 'aes128gcm', now() - 60);
    expect(await sendWith(expired.Authorization)).toMatchObject({ status: 403, body: { reason: 'JWT has expired' }, stored: [] });
  });

  const claims = (overrides: Record<string, unknown>) => ({ aud: receiver.it.url, exp: now() + 3600, sub: VAPID_SUBJECT, ...overrides });
  const invalid: [string, Record<string, unknown>][] = [
    ['for another push service', { aud: 'https://fcm.googleapis.com' }],
    ['for another port of this host', { aud: 'http://127.0.0.1:9' }],
    ['valid more than 24 hours', { exp: now() + 25 * 3600 }],
    ['without exp', { exp: undefined }],
    ['without sub', { sub: undefined }],
    ['with a sub that is no contact URL', { sub: 'ops team' }],
  ];
  it.each(invalid)('403 for a JWT %s', async (_name, overrides) => {
    expect(await sendWith(vapidHeader(vapidKeys(), claims(overrides)))).toMatchObject({ status: 403, stored: [] });
  });

  it('accepts the https form of its origin as the audience', async () => {
    expect((await sendWith(vapidHeader(vapidKeys(), claims({ aud: receiver.it.url.replace('http:', 'https:') })))).status).toBe(201);
  });

  it('403 when the JWT is signed by another key than k', async () => {
    const [signer, claimed] = [vapidKeys(), vapidKeys()];
    const forged = vapidHeader(signer, claims({})).replace(signer.publicKey, claimed.publicKey);
    expect(await sendWith(forged)).toMatchObject({ status: 403, body: { reason: 'JWT signature does not verify with k' } });
  });

  it('403 for a malformed vapid header', async () => {
    const keys = vapidKeys();
    expect((await sendWith(`vapid t=abc, k=${keys.publicKey}`)).status).toBe(403);
    expect((await sendWith('vapid t=a.b.c, k=short')).status).toBe(403);
    expect((await sendWith(`vapid k=${keys.publicKey}`)).status).toBe(403);
  });
});
