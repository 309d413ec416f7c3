import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { call, expectErrorEnvelope, mailTo, query, signUp, TEST_ENV, unique, waitForMail } from '../../test-helpers.ts';

const requestReset = (email: string, headers?: Record<string, string>) =>
  call('POST', '/api/v1/auth/password-reset', { json: { email }, headers });
const confirm = (token: string, password: string) =>
  call('POST', '/api/v1/auth/password-reset/confirm', { json: { token, password } });
const login = (email: string, password: string) =>
  call('POST', '/api/v1/auth/login', { json: { email, password, token_transport: 'body' } });

/** The token of the newest reset link mailed to `email`, after `count` such mails. */
async function resetToken(email: string, count = 1): Promise<string> {
  const [mail] = await waitForMail(email, count);
  const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
  if (!token) throw new Error(`no reset link in: ${mail!.text}`);
  return token;
}

describe('POST /auth/password-reset', () => {
  it('mails a one-time link to the PWA and stores only its hash', async () => {
    const account = await signUp();
    const response = await requestReset(account.email.toUpperCase());
    expect(response.status).toBe(202);
    const [mail] = await waitForMail(account.email);
    expect(mail).toMatchObject({ to: [account.email], subject: 'Reset your ShowTracker password' });
    expect(mail!.from).toContain('ShowTracker');
    expect(mail!.text).toContain('http://localhost/reset-password?token=');
    expect(mail!.html).toContain('href="http://localhost/reset-password?token=');
    const token = await resetToken(account.email);
    const [stored] = await query<{ token_hash: string; minutes: number }>(
      'SELECT token_hash, EXTRACT(EPOCH FROM (expires_at - created_at)) / 60 AS minutes FROM password_reset_tokens WHERE user_id = $1',
      [account.id],
    );
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.token_hash).not.toContain(token);
    expect(Number(stored!.minutes)).toBe(30);
  });

  it('answers the same for an address without an account, and sends nothing', async () => {
    const known = await signUp();
    const nobody = `nobody-${unique()}@example.com`;
    const [forKnown, forNobody] = [await requestReset(known.email), await requestReset(nobody)];
    expect(forNobody.status).toBe(forKnown.status);
    expect(forNobody.body).toEqual(forKnown.body);
    expect([...forNobody.headers.keys()].filter((name) => name !== 'x-request-id' && name !== 'server-timing').sort()).toEqual(
      [...forKnown.headers.keys()].filter((name) => name !== 'x-request-id' && name !== 'server-timing').sort(),
    );
    await waitForMail(known.email);
    expect(await mailTo(nobody)).toEqual([]);
  });

  it('is throttled per address asked about, registered or not', async () => {
    const nobody = `nobody-${unique()}@example.com`;
    for (let attempt = 0; attempt < 3; attempt++) expect((await requestReset(nobody)).status).toBe(202);
    const limited = await requestReset(nobody);
    expectErrorEnvelope(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('is throttled per client address', async () => {
    const headers = { 'CF-Connecting-IP': `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
    await query("DELETE FROM auth_throttle WHERE key = $1", [`password-reset:address:${headers['CF-Connecting-IP']}`]);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await requestReset(`someone-${unique()}@example.com`, headers)).status).toBe(202);
    }
    expectErrorEnvelope(await requestReset(`someone-${unique()}@example.com`, headers), 429, 'rate_limited');
  });

  it.each([
    ['no email', {}],
    ['a malformed email', { email: 'not an address' }],
    ['an unknown field', { email: 'a@example.com', admin: true }],
  ])('rejects %s with 400', async (_name, json) => {
    expectErrorEnvelope(await call('POST', '/api/v1/auth/password-reset', { json }), 400, 'validation_failed');
  });

  it('answers 503 mail_unavailable, not 500, when mail is not configured', async () => {
    const response = await createApp().fetch(
      new Request('http://localhost/api/v1/auth/password-reset', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.7' },
        body: JSON.stringify({ email: `x-${unique()}@example.com` }),
      }),
      { ...TEST_ENV, MAIL_API_KEY: '' },
      createExecutionContext(),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'mail_unavailable' } });
  });
});

describe('POST /auth/password-reset/confirm', () => {
  it('sets the new password and signs out every session', async () => {
    const account = await signUp();
    const other = await login(account.email, account.password);
    await requestReset(account.email);
    const token = await resetToken(account.email);

    expect((await confirm(token, 'a brand new passphrase')).status).toBe(204);

    expectErrorEnvelope(await login(account.email, account.password), 401, 'invalid_credentials');
    expect((await login(account.email, 'a brand new passphrase')).status).toBe(200);
    for (const refreshToken of [account.refreshToken, other.body.refresh_token]) {
      expectErrorEnvelope(await call('POST', '/api/v1/auth/refresh', { json: { refresh_token: refreshToken } }), 401, 'unauthorized');
    }
  });

  it('works once', async () => {
    const account = await signUp();
    await requestReset(account.email);
    const token = await resetToken(account.email);
    expect((await confirm(token, 'first new passphrase')).status).toBe(204);
    expectErrorEnvelope(await confirm(token, 'second new passphrase'), 400, 'invalid_reset_token');
    expect((await login(account.email, 'first new passphrase')).status).toBe(200);
  });

  it('makes every earlier link of the person useless once one is used', async () => {
    const account = await signUp();
    await requestReset(account.email);
    const first = await resetToken(account.email, 1);
    await requestReset(account.email);
    const second = await resetToken(account.email, 2);
    expect(second).not.toBe(first);
    expect((await confirm(second, 'the newer link wins')).status).toBe(204);
    expectErrorEnvelope(await confirm(first, 'the older link is dead'), 400, 'invalid_reset_token');
  });

  it('refuses an expired link (past 30 minutes) and changes nothing', async () => {
    const account = await signUp();
    await requestReset(account.email);
    const token = await resetToken(account.email);
    // The clock moves on 31 minutes.
    await query("UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [account.id]);
    const response = await confirm(token, 'too late for this one');
    expectErrorEnvelope(response, 400, 'invalid_reset_token');
    expect(response.body.error.fields).toHaveProperty('token');
    expect((await login(account.email, account.password)).status).toBe(200);
  });

  it('refuses a made-up token', async () => {
    expectErrorEnvelope(await confirm('A'.repeat(43), 'whatever passphrase'), 400, 'invalid_reset_token');
  });

  it.each([
    ['no token', { password: 'long enough pw' }, 'token'],
    ['a short password', { token: 'abc', password: 'short' }, 'password'],
  ])('rejects %s with 400 naming the field', async (_name, json, field) => {
    const response = await call('POST', '/api/v1/auth/password-reset/confirm', { json });
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(Object.keys(response.body.error.fields)).toContain(field);
  });
});
