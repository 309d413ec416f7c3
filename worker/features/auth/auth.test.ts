import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV, unique } from '../../test-helpers.ts';

const register = (json: unknown, headers?: Record<string, string>) =>
  call('POST', '/api/v1/auth/register', { json, headers });
const login = (json: unknown, headers?: Record<string, string>) => call('POST', '/api/v1/auth/login', { json, headers });
const refreshWith = (refresh_token: string) => call('POST', '/api/v1/auth/refresh', { json: { refresh_token } });

/** The clock moves on: every used token of the person was used a minute ago, past the reuse grace. */
const outliveReuseGrace = (userId: string) =>
  query("UPDATE refresh_tokens SET used_at = used_at - interval '1 minute' WHERE user_id = $1 AND used_at IS NOT NULL", [userId]);

function newAccountInput() {
  const id = unique();
  return { email: `Ada.${id}@Example.com`, username: `ada_${id}`, password: 'a long enough passphrase' };
}

describe('register', () => {
  it('creates the account, signs in, and sets the refresh cookie for browsers', async () => {
    const input = newAccountInput();
    const response = await register({ ...input, timezone: 'Europe/London' });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({
      email: input.email.toLowerCase(),
      username: input.username,
      timezone: 'Europe/London',
    });
    expect(response.body.token_type).toBe('Bearer');
    expect(response.body.expires_in).toBe(900);
    expect(response.body.refresh_token).toBeUndefined();
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^st_refresh=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/v1/auth');
    expect(cookie).toContain('Max-Age=604800');

    const me = await call('GET', '/api/v1/me', { token: response.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(response.body.user.id);
  });

  it('returns the refresh token in the body, and no cookie, when asked to', async () => {
    const response = await register({ ...newAccountInput(), token_transport: 'body' });
    expect(response.status).toBe(201);
    expect(response.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('stores a salted, versioned PBKDF2 hash and only a hash of the refresh token', async () => {
    const account = await signUp();
    const [user] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [account.id]);
    expect(user!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(user!.password_hash).not.toContain(account.password);
    const tokens = await query<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens WHERE user_id = $1', [
      account.id,
    ]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0]!.token_hash).not.toBe(account.refreshToken);
  });

  it.each([
    ['a missing email', { username: 'someone', password: 'long enough pw' }, 'email'],
    ['an invalid email', { email: 'not-an-email', username: 'someone', password: 'long enough pw' }, 'email'],
    ['a short password', { email: 'x@example.com', username: 'someone', password: 'short' }, 'password'],
    ['a username with spaces', { email: 'x@example.com', username: 'two words', password: 'long enough pw' }, 'username'],
    ['a too long username', { email: 'x@example.com', username: 'a'.repeat(31), password: 'long enough pw' }, 'username'],
    ['a number for a password', { email: 'x@example.com', username: 'someone', password: 12345678 }, 'password'],
    ['an unknown time zone', { email: 'x@example.com', username: 'someone', password: 'long enough pw', timezone: 'Mars/Olympus' }, 'timezone'],
    ['an unknown token transport', { email: 'x@example.com', username: 'someone', password: 'long enough pw', token_transport: 'carrier-pigeon' }, 'token_transport'],
  ])('rejects %s with a 400 naming the field', async (_name, body, field) => {
    const response = await register(body);
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(Object.keys(response.body.error.fields)).toContain(field);
  });

  it('answers 409 for an email already registered, whatever its case', async () => {
    const input = newAccountInput();
    expect((await register(input)).status).toBe(201);
    const again = await register({ ...input, email: input.email.toUpperCase(), username: `other_${unique()}` });
    expectErrorEnvelope(again, 409, 'conflict');
    expect(again.body.error.fields).toEqual({ email: 'Already registered' });
  });

  it('answers 409 for a username already taken, whatever its case', async () => {
    const input = newAccountInput();
    expect((await register(input)).status).toBe(201);
    const again = await register({ ...newAccountInput(), username: input.username.toUpperCase() });
    expectErrorEnvelope(again, 409, 'conflict');
    expect(again.body.error.fields).toEqual({ username: 'Already taken' });
  });

  it('throttles sign-ups per client address with 429 and Retry-After', async () => {
    const headers = { 'CF-Connecting-IP': `192.0.2.${Math.floor(Math.random() * 250)}` };
    await query("DELETE FROM auth_throttle WHERE key = $1", [`register:address:${headers['CF-Connecting-IP']}`]);
    for (let i = 0; i < 10; i++) expect((await register(newAccountInput(), headers)).status).toBe(201);
    const blocked = await register(newAccountInput(), headers);
    expectErrorEnvelope(blocked, 429, 'rate_limited');
    const retryAfter = Number(blocked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  });
});

describe('per-address limits from the configuration', () => {
  it('REGISTER_RATE_LIMIT and LOGIN_RATE_LIMIT replace the defaults', async () => {
    const env = { ...TEST_ENV, REGISTER_RATE_LIMIT: '2', LOGIN_RATE_LIMIT: '1' };
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    await query('DELETE FROM auth_throttle WHERE key LIKE $1', [`%:address:${address}`]);
    const send = (path: string, json: unknown) =>
      createApp().fetch(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
          body: JSON.stringify(json),
        }),
        env,
        createExecutionContext(),
      );
    const first = newAccountInput();
    expect((await send('/api/v1/auth/register', first)).status).toBe(201);
    expect((await send('/api/v1/auth/register', newAccountInput())).status).toBe(201);
    expect((await send('/api/v1/auth/register', newAccountInput())).status).toBe(429);
    expect((await send('/api/v1/auth/login', { email: first.email, password: first.password })).status).toBe(200);
    expect((await send('/api/v1/auth/login', { email: first.email, password: first.password })).status).toBe(429);
  });
});

describe('login', () => {
  it('signs in with the email in any case', async () => {
    const account = await signUp();
    const response = await login({ email: account.email.toUpperCase(), password: account.password });
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe(account.id);
    expect(response.headers.get('Set-Cookie')).toContain('st_refresh=');
  });

  it('answers the same 401 for a wrong password and an unknown account', async () => {
    const account = await signUp();
    const wrong = await login({ email: account.email, password: 'not the password' });
    const unknown = await login({ email: `nobody-${unique()}@example.com`, password: 'whatever it is' });
    expectErrorEnvelope(wrong, 401, 'invalid_credentials');
    expectErrorEnvelope(unknown, 401, 'invalid_credentials');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('rejects a missing password with 400', async () => {
    expectErrorEnvelope(await login({ email: 'a@example.com' }), 400, 'validation_failed');
  });

  it('locks an account after 5 failed attempts, even for the right password, with Retry-After', async () => {
    const account = await signUp();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: account.email, password: 'wrong guess' })).status).toBe(401);
    }
    const locked = await login({ email: account.email, password: account.password });
    expectErrorEnvelope(locked, 429, 'rate_limited');
    const retryAfter = Number(locked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('resets the account counter on a successful sign-in', async () => {
    const account = await signUp();
    for (let i = 0; i < 4; i++) await login({ email: account.email, password: 'wrong guess' });
    expect((await login({ email: account.email, password: account.password })).status).toBe(200);
    for (let i = 0; i < 4; i++) await login({ email: account.email, password: 'wrong guess' });
    expect((await login({ email: account.email, password: account.password })).status).toBe(200);
  });

  it('throttles one client address trying many accounts', async () => {
    const headers = { 'CF-Connecting-IP': `198.51.100.${Math.floor(Math.random() * 250)}` };
    await query("DELETE FROM auth_throttle WHERE key = $1", [`login:address:${headers['CF-Connecting-IP']}`]);
    for (let i = 0; i < 20; i++) {
      expect((await login({ email: `guess-${unique()}@example.com`, password: 'guess' }, headers)).status).toBe(401);
    }
    expectErrorEnvelope(await login({ email: 'one-more@example.com', password: 'guess' }, headers), 429, 'rate_limited');
  });

  it('upgrades a hash made with fewer iterations at the next sign-in', async () => {
    const account = await signUp();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(account.password), 'PBKDF2', false, ['deriveBits']);
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1000 }, key, 256));
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    await query('UPDATE users SET password_hash = $1 WHERE id = $2', [`pbkdf2-sha256$1000$${b64(salt)}$${b64(bits)}`, account.id]);

    expect((await login({ email: account.email, password: account.password })).status).toBe(200);
    const [user] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [account.id]);
    expect(user!.password_hash.startsWith('pbkdf2-sha256$100000$')).toBe(true);
    expect((await login({ email: account.email, password: account.password })).status).toBe(200);
  });
});

describe('refresh', () => {
  it('rotates the refresh token on every use', async () => {
    const account = await signUp();
    const first = await refreshWith(account.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body.refresh_token).not.toBe(account.refreshToken);
    expect(first.body.user.id).toBe(account.id);
    const second = await refreshWith(first.body.refresh_token);
    expect(second.status).toBe(200);
    const me = await call('GET', '/api/v1/me', { token: second.body.access_token });
    expect(me.status).toBe(200);
  });

  it('refresh token reused after rotation revokes the family', async () => {
    const account = await signUp();
    const rotated = await refreshWith(account.refreshToken);
    expect(rotated.status).toBe(200);
    await outliveReuseGrace(account.id);

    const reuse = await refreshWith(account.refreshToken);
    expectErrorEnvelope(reuse, 401, 'refresh_token_reused');
    // The thief's or the owner's newer token is dead too: the family is revoked.
    expectErrorEnvelope(await refreshWith(rotated.body.refresh_token), 401, 'unauthorized');
    const live = await query('SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [account.id]);
    expect(live).toHaveLength(0);
  });

  it('lets the owner race themselves: a token presented again within 30 s gets a sibling, not a revocation', async () => {
    // Two tabs opened together, or a reload that aborted a refresh whose new
    // cookie never arrived, both present the token that was just rotated.
    const account = await signUp();
    const [first, second] = await Promise.all([refreshWith(account.refreshToken), refreshWith(account.refreshToken)]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(second.body.refresh_token);
    const again = await refreshWith(account.refreshToken);
    expect(again.status).toBe(200);
    // Every token handed out stays usable, and all belong to the one sign-in.
    for (const session of [first, second, again]) {
      expect((await refreshWith(session.body.refresh_token)).status).toBe(200);
    }
    const families = await query('SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = $1', [account.id]);
    expect(families).toHaveLength(1);
    const revoked = await query('SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL', [account.id]);
    expect(revoked).toHaveLength(0);
  });

  it('gives no grace to a token whose family was revoked or that expired', async () => {
    const account = await signUp();
    const rotated = await refreshWith(account.refreshToken);
    await call('POST', '/api/v1/auth/logout', { json: { refresh_token: rotated.body.refresh_token } });
    expectErrorEnvelope(await refreshWith(account.refreshToken), 401, 'unauthorized');

    const other = await signUp();
    await refreshWith(other.refreshToken);
    await query("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [other.id]);
    expectErrorEnvelope(await refreshWith(other.refreshToken), 401, 'unauthorized');
  });

  it('leaves other sign-ins alone when one family is revoked', async () => {
    const account = await signUp();
    const other = await login({ email: account.email, password: account.password, token_transport: 'body' });
    await refreshWith(account.refreshToken);
    await outliveReuseGrace(account.id);
    await refreshWith(account.refreshToken); // reuse: revokes the first family only
    expect((await refreshWith(other.body.refresh_token)).status).toBe(200);
  });

  it('rotates the cookie for browsers', async () => {
    const input = newAccountInput();
    const registered = await register(input);
    const cookie = (registered.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    const rotated = await call('POST', '/api/v1/auth/refresh', { headers: { Cookie: cookie } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).toBeUndefined();
    const next = (rotated.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    expect(next).toMatch(/^st_refresh=/);
    expect(next).not.toBe(cookie);
    await outliveReuseGrace(registered.body.user.id);
    const reuse = await call('POST', '/api/v1/auth/refresh', { headers: { Cookie: cookie } });
    expectErrorEnvelope(reuse, 401, 'refresh_token_reused');
    expect(reuse.headers.get('Set-Cookie')).toMatch(/^st_refresh=;.*Max-Age=0/);
  });

  it('refuses an expired refresh token', async () => {
    const account = await signUp();
    await query("UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [account.id]);
    expectErrorEnvelope(await refreshWith(account.refreshToken), 401, 'unauthorized');
  });

  it('refuses an unknown token and a missing one', async () => {
    expectErrorEnvelope(await refreshWith('x'.repeat(43)), 401, 'unauthorized');
    expectErrorEnvelope(await call('POST', '/api/v1/auth/refresh'), 401, 'unauthorized');
  });

  it('rejects a refresh token of the wrong type with 400', async () => {
    expectErrorEnvelope(await call('POST', '/api/v1/auth/refresh', { json: { refresh_token: 42 } }), 400, 'validation_failed');
  });
});

describe('logout', () => {
  it('revokes the session and clears the cookie', async () => {
    const account = await signUp();
    const out = await call('POST', '/api/v1/auth/logout', { json: { refresh_token: account.refreshToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/^st_refresh=;.*Max-Age=0/);
    expectErrorEnvelope(await refreshWith(account.refreshToken), 401, 'unauthorized');
  });

  it('is idempotent and needs no token', async () => {
    const account = await signUp();
    expect((await call('POST', '/api/v1/auth/logout', { json: { refresh_token: account.refreshToken } })).status).toBe(204);
    expect((await call('POST', '/api/v1/auth/logout', { json: { refresh_token: account.refreshToken } })).status).toBe(204);
    expect((await call('POST', '/api/v1/auth/logout')).status).toBe(204);
  });
});

describe('register throttling per account', () => {
  it('stops repeated sign-up attempts for one email, from any address', async () => {
    const input = newAccountInput();
    expect((await register(input)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await register({ ...input, username: `u_${unique()}` })).status).toBe(409);
    expectErrorEnvelope(await register({ ...input, username: `u_${unique()}` }), 429, 'rate_limited');
  });
});
