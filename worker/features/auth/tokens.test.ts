import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, signUp } from '../../test-helpers.ts';
import { signAccessToken, signActionToken, verifyAccessToken, verifyActionToken } from './tokens.ts';

const SECRET = new TextEncoder().encode('test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz');
const me = (token: string) => call('GET', '/api/v1/me', { token });

function validClaims(userId: string) {
  return new SignJWT({})
    .setSubject(userId)
    .setIssuer('showtracker')
    .setAudience('showtracker-api')
    .setIssuedAt()
    .setExpirationTime('15m');
}

describe('access tokens', () => {
  it('an expired token is refused with token_expired', async () => {
    const account = await signUp();
    const expired = await signAccessToken(account.id, 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz', Date.now() - 16 * 60_000);
    const response = await me(expired);
    expectErrorEnvelope(response, 401, 'token_expired');
  });

  it('a token signed with another key is refused', async () => {
    const account = await signUp();
    const forged = await validClaims(account.id)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode('somebody-elses-secret-0123456789abcdef'));
    expectErrorEnvelope(await me(forged), 401, 'unauthorized');
  });

  it('an unsigned (alg none) token is refused', async () => {
    const account = await signUp();
    const unsigned = new UnsecuredJWT({}).setSubject(account.id).setIssuer('showtracker').setAudience('showtracker-api').setExpirationTime('15m').encode();
    expectErrorEnvelope(await me(unsigned), 401, 'unauthorized');
  });

  it.each([
    ['a plain JWT type', (id: string) => validClaims(id).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })],
    ['another audience', (id: string) => validClaims(id).setAudience('other-api').setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })],
    ['another issuer', (id: string) => validClaims(id).setIssuer('evil').setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })],
    ['another HMAC algorithm', (id: string) => validClaims(id).setProtectedHeader({ alg: 'HS512', typ: 'at+jwt' })],
  ])('a token with %s is refused even with the right key', async (_name, build) => {
    const account = await signUp();
    const secret = _name === 'another HMAC algorithm' ? new Uint8Array(64).fill(7) : SECRET;
    expectErrorEnvelope(await me(await build(account.id).sign(secret)), 401, 'unauthorized');
  });

  it('a token for a deleted account is refused', async () => {
    const account = await signUp();
    await call('DELETE', '/api/v1/me', { token: account.accessToken, json: { current_password: account.password } });
    expectErrorEnvelope(await me(account.accessToken), 401, 'unauthorized');
  });

  it.each(['garbage', 'a.b.c', '', 'Bearer'])('the malformed token %j is refused', async (token) => {
    const response = await call('GET', '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    expectErrorEnvelope(response, 401, 'unauthorized');
  });

  it('a token in another scheme is refused', async () => {
    const account = await signUp();
    const response = await call('GET', '/api/v1/me', { headers: { Authorization: `Basic ${account.accessToken}` } });
    expectErrorEnvelope(response, 401, 'unauthorized');
  });

  it('a valid token carries the person, typed at+jwt, for 15 minutes', async () => {
    const account = await signUp();
    const [header, payload] = account.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(atob(part.replaceAll('-', '+').replaceAll('_', '/'))));
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: account.id, iss: 'showtracker', aud: 'showtracker-api' });
    expect(payload.exp - payload.iat).toBe(900);
    expect((await me(account.accessToken)).status).toBe(200);
  });
});

describe('push action tokens', () => {
  const secret = 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';
  const notificationId = '00000000-0000-4000-8000-000000000001';
  const expected = { notificationId, action: 'watched' } as const;

  it('are typed action+jwt for another audience, carry the notification and the action, for 14 days', async () => {
    const account = await signUp();
    const token = await signActionToken({ userId: account.id, notificationId, action: 'watched' }, secret);
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(atob(part.replaceAll('-', '+').replaceAll('_', '/'))));
    expect(header).toEqual({ alg: 'HS256', typ: 'action+jwt' });
    expect(payload).toMatchObject({ sub: account.id, iss: 'showtracker', aud: 'showtracker-push-action', nid: notificationId, act: 'watched' });
    expect(payload.exp - payload.iat).toBe(14 * 24 * 3600);
    await expect(verifyActionToken(token, secret, expected)).resolves.toBe(account.id);
  });

  it('an action token is refused as an access token, here and on the API', async () => {
    const account = await signUp();
    const token = await signActionToken({ userId: account.id, notificationId, action: 'watched' }, secret);
    await expect(verifyAccessToken(token, secret)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expectErrorEnvelope(await me(token), 401, 'unauthorized');
  });

  it('an access token is refused as an action token', async () => {
    const account = await signUp();
    await expect(verifyActionToken(account.accessToken, secret, expected)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it.each([
    ['the access token type', { typ: 'at+jwt' }, 'showtracker-push-action'],
    ['the access token audience', { typ: 'action+jwt' }, 'showtracker-api'],
  ])('a token with %s is refused as an action token even with the right key and claims', async (_name, header, audience) => {
    const account = await signUp();
    const token = await new SignJWT({ nid: notificationId, act: 'watched' })
      .setProtectedHeader({ alg: 'HS256', ...header })
      .setSubject(account.id)
      .setIssuer('showtracker')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(SECRET);
    await expect(verifyActionToken(token, secret, expected)).rejects.toMatchObject({ status: 401 });
  });

  it('an action token for another notification or action is refused', async () => {
    const account = await signUp();
    const token = await signActionToken({ userId: account.id, notificationId, action: 'watched' }, secret);
    await expect(verifyActionToken(token, secret, { ...expected, notificationId: crypto.randomUUID() })).rejects.toMatchObject({ status: 401 });
    await expect(verifyActionToken(token, secret, { ...expected, action: 'dismissed' as 'watched' })).rejects.toMatchObject({ status: 401 });
  });
});
