import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV, unique, waitForMail, type TestAccount } from '../../test-helpers.ts';

const login = (email: string, password: string, userAgent?: string) =>
  call('POST', '/api/v1/auth/login', {
    json: { email, password, token_transport: 'body' },
    headers: userAgent ? { 'User-Agent': userAgent } : {},
  });
const refreshWith = (refresh_token: string, userAgent?: string) =>
  call('POST', '/api/v1/auth/refresh', { json: { refresh_token }, headers: userAgent ? { 'User-Agent': userAgent } : {} });
const sessions = (account: { accessToken: string }) => call('GET', '/api/v1/me/sessions', { token: account.accessToken });

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** Another sign-in of the same person, as a second device. */
async function secondDevice(account: TestAccount, userAgent = FIREFOX) {
  const response = await login(account.email, account.password, userAgent);
  return { accessToken: response.body.access_token as string, refreshToken: response.body.refresh_token as string };
}

describe('POST /me/password', () => {
  it('changes the password and signs out every other session, keeping this one', async () => {
    const account = await signUp();
    const other = await secondDevice(account);
    const response = await call('POST', '/api/v1/me/password', {
      token: account.accessToken,
      json: { current_password: account.password, new_password: 'a different passphrase' },
    });
    expect(response.status).toBe(204);
    expectErrorEnvelope(await login(account.email, account.password), 401, 'invalid_credentials');
    expect((await login(account.email, 'a different passphrase')).status).toBe(200);
    expect((await refreshWith(account.refreshToken)).status).toBe(200);
    expectErrorEnvelope(await refreshWith(other.refreshToken), 401, 'unauthorized');
  });

  it('refuses a wrong current password with 403 wrong_password, and changes nothing', async () => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/password', {
      token: account.accessToken,
      json: { current_password: 'not my password', new_password: 'a different passphrase' },
    });
    expectErrorEnvelope(response, 403, 'wrong_password');
    expect(response.body.error.fields).toHaveProperty('current_password');
    expect((await login(account.email, account.password)).status).toBe(200);
  });

  it('allows five wrong passwords in 15 minutes, then 429 even with the right one', async () => {
    const account = await signUp();
    const attempt = (current_password: string) =>
      call('POST', '/api/v1/me/password', { token: account.accessToken, json: { current_password, new_password: 'another passphrase' } });
    for (let tries = 0; tries < 5; tries++) expectErrorEnvelope(await attempt('wrong guess'), 403, 'wrong_password');
    expectErrorEnvelope(await attempt(account.password), 429, 'rate_limited');
  });

  it.each([
    ['no current password', { new_password: 'long enough pw' }, 'current_password'],
    ['a short new password', { current_password: 'whatever', new_password: 'short' }, 'new_password'],
  ])('rejects %s with 400 naming the field', async (_name, json, field) => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/password', { token: account.accessToken, json });
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(Object.keys(response.body.error.fields)).toContain(field);
  });

  it('needs an access token', async () => {
    expectErrorEnvelope(await call('POST', '/api/v1/me/password', { json: { current_password: 'x', new_password: 'long enough pw' } }), 401, 'unauthorized');
  });
});

describe('POST /me/email', () => {
  it('moves the account to the new address and tells the old one', async () => {
    const account = await signUp();
    const newEmail = `Moved-${unique()}@Example.com`;
    const response = await call('POST', '/api/v1/me/email', {
      token: account.accessToken,
      json: { current_password: account.password, email: newEmail },
    });
    expect(response.status).toBe(200);
    expect(response.body.email).toBe(newEmail.toLowerCase());
    const [notice] = await waitForMail(account.email);
    expect(notice!.subject).toBe('Your ShowTracker e-mail address was changed');
    expect(notice!.text).toContain(newEmail.toLowerCase());
    expect((await login(newEmail, account.password)).status).toBe(200);
    expectErrorEnvelope(await login(account.email, account.password), 401, 'invalid_credentials');
  });

  it("answers 409 for another person's address, and changes nothing", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const response = await call('POST', '/api/v1/me/email', {
      token: bob.accessToken,
      json: { current_password: bob.password, email: ada.email.toUpperCase() },
    });
    expectErrorEnvelope(response, 409, 'conflict');
    expect((await call('GET', '/api/v1/me', { token: bob.accessToken })).body.email).toBe(bob.email);
  });

  it('refuses a wrong current password with 403', async () => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/email', {
      token: account.accessToken,
      json: { current_password: 'not it', email: `other-${unique()}@example.com` },
    });
    expectErrorEnvelope(response, 403, 'wrong_password');
  });

  it('answers 503 mail_unavailable, and changes nothing, when mail is not configured', async () => {
    const account = await signUp();
    const response = await createApp().fetch(
      new Request('http://localhost/api/v1/me/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${account.accessToken}` },
        body: JSON.stringify({ current_password: account.password, email: `other-${unique()}@example.com` }),
      }),
      { ...TEST_ENV, MAIL_FROM: '' },
      createExecutionContext(),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'mail_unavailable' } });
    expect((await call('GET', '/api/v1/me', { token: account.accessToken })).body.email).toBe(account.email);
  });

  it('rejects a malformed address with 400', async () => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/email', { token: account.accessToken, json: { current_password: account.password, email: 'nope' } });
    expectErrorEnvelope(response, 400, 'validation_failed');
  });
});

describe('DELETE /me with the password', () => {
  it('refuses without the password (400) or with a wrong one (403), and keeps the account', async () => {
    const account = await signUp();
    expectErrorEnvelope(await call('DELETE', '/api/v1/me', { token: account.accessToken }), 400, 'validation_failed');
    expectErrorEnvelope(await call('DELETE', '/api/v1/me', { token: account.accessToken, json: { current_password: 'wrong' } }), 403, 'wrong_password');
    expect((await call('GET', '/api/v1/me', { token: account.accessToken })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('lists each sign-in once, newest use first, with a label and which one is this', async () => {
    const account = await signUp();
    const phone = await secondDevice(account, CHROME_ANDROID);
    // The phone refreshes: still one session, used later than the sign-up.
    await query("UPDATE refresh_tokens SET created_at = created_at - interval '1 hour', family_started_at = family_started_at - interval '1 hour' WHERE user_id = $1", [account.id]);
    expect((await refreshWith(phone.refreshToken, CHROME_ANDROID)).status).toBe(200);

    const response = await sessions(account);
    expect(response.status).toBe(200);
    expect(response.body.sessions).toHaveLength(2);
    const [latest, first] = response.body.sessions;
    expect(latest).toMatchObject({ label: 'Chrome on Android', current: false, user_agent: CHROME_ANDROID });
    expect(Date.parse(latest.last_used_at) - Date.parse(latest.created_at)).toBeGreaterThan(59 * 60_000);
    expect(first).toMatchObject({ current: true });
  });

  it('signs one session out: its refresh token stops working, the others keep going', async () => {
    const account = await signUp();
    const other = await secondDevice(account);
    const listed = (await sessions(account)).body.sessions as { id: string; current: boolean }[];
    const target = listed.find((session) => !session.current)!;
    expect((await call('DELETE', `/api/v1/me/sessions/${target.id}`, { token: account.accessToken })).status).toBe(204);
    expectErrorEnvelope(await refreshWith(other.refreshToken), 401, 'unauthorized');
    expect((await refreshWith(account.refreshToken)).status).toBe(200);
    expect((await sessions(account)).body.sessions).toHaveLength(1);
    expectErrorEnvelope(await call('DELETE', `/api/v1/me/sessions/${target.id}`, { token: account.accessToken }), 404, 'not_found');
  });

  it("cannot see or sign out another person's session", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const [bobSession] = (await sessions(bob)).body.sessions as { id: string }[];
    expect((await sessions(ada)).body.sessions.map((session: { id: string }) => session.id)).not.toContain(bobSession!.id);
    expectErrorEnvelope(await call('DELETE', `/api/v1/me/sessions/${bobSession!.id}`, { token: ada.accessToken }), 404, 'not_found');
    expect((await refreshWith(bob.refreshToken)).status).toBe(200);
  });

  it('rejects a malformed session id with 400', async () => {
    const account = await signUp();
    expectErrorEnvelope(await call('DELETE', '/api/v1/me/sessions/not-a-uuid', { token: account.accessToken }), 400, 'validation_failed');
  });

  it('signs out everywhere, this session included', async () => {
    const account = await signUp();
    const other = await secondDevice(account);
    expect((await call('DELETE', '/api/v1/me/sessions', { token: account.accessToken })).status).toBe(204);
    for (const token of [account.refreshToken, other.refreshToken]) expectErrorEnvelope(await refreshWith(token), 401, 'unauthorized');
    expect((await sessions(account)).body.sessions).toEqual([]);
  });

  it('needs an access token', async () => {
    expectErrorEnvelope(await call('GET', '/api/v1/me/sessions'), 401, 'unauthorized');
  });
});
