import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, signUp } from '../../test-helpers.ts';
import { signAccessToken } from './tokens.ts';

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
    await call('DELETE', '/api/v1/me', { token: account.accessToken });
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
