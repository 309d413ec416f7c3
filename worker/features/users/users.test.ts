import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';

const P256DH = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const AUTH = 'tBHItJI5svbpez7KI4CCXg';

const subscription = (endpoint: string, extra: Record<string, unknown> = {}) => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: P256DH, auth: AUTH },
  ...extra,
});
const fcm = () => `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`;

describe('GET /me', () => {
  it('returns the signed-in profile', async () => {
    const account = await signUp({ timezone: 'Asia/Kolkata' });
    const me = await call('GET', '/api/v1/me', { token: account.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: account.id,
      email: account.email,
      username: account.username,
      timezone: 'Asia/Kolkata',
      hide_spoilers: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(me.body).not.toHaveProperty('password_hash');
  });

  it('needs an access token', async () => {
    const response = await call('GET', '/api/v1/me');
    expectErrorEnvelope(response, 401, 'unauthorized');
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  });
});

describe('PATCH /me', () => {
  it('changes the time zone and username', async () => {
    const account = await signUp();
    const response = await call('PATCH', '/api/v1/me', {
      token: account.accessToken,
      json: { timezone: 'Pacific/Auckland', username: `${account.username}_2` },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      timezone: 'Pacific/Auckland',
      email: account.email,
      username: `${account.username}_2`,
    });
    const me = await call('GET', '/api/v1/me', { token: account.accessToken });
    expect(me.body.timezone).toBe('Pacific/Auckland');
  });

  it('turns hide spoilers on and off, and GET /me answers what was stored', async () => {
    const account = await signUp({ timezone: 'Europe/Paris' });
    const on = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { hide_spoilers: true } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ hide_spoilers: true, timezone: 'Europe/Paris', email: account.email });
    expect((await call('GET', '/api/v1/me', { token: account.accessToken })).body.hide_spoilers).toBe(true);
    const [row] = await query<{ hide_spoilers: boolean }>('SELECT hide_spoilers FROM users WHERE id = $1', [account.id]);
    expect(row!.hide_spoilers).toBe(true);

    // Another field alone leaves the setting as it is.
    const other = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { timezone: 'Asia/Tokyo' } });
    expect(other.body).toMatchObject({ hide_spoilers: true, timezone: 'Asia/Tokyo' });

    const off = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { hide_spoilers: false } });
    expect(off.body.hide_spoilers).toBe(false);
    expect((await call('GET', '/api/v1/me', { token: account.accessToken })).body.hide_spoilers).toBe(false);
  });

  it.each([['a string', 'yes'], ['a number', 1], ['null', null]])(
    'rejects hide_spoilers as %s with 400 and changes nothing',
    async (_name, value) => {
      const account = await signUp();
      const response = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { hide_spoilers: value } });
      expectErrorEnvelope(response, 400, 'validation_failed');
      expect(response.body.error.fields).toHaveProperty('hide_spoilers');
      expect((await call('GET', '/api/v1/me', { token: account.accessToken })).body.hide_spoilers).toBe(false);
    },
  );

  it('names hide_spoilers among the accepted fields when the body is empty', async () => {
    const account = await signUp();
    const response = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: {} });
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(JSON.stringify(response.body.error)).toContain('hide_spoilers');
  });

  it.each(['Mars/Olympus_Mons', '+05:30', 'GMT+5', '', 'Europe/../etc', 'a'.repeat(80)])(
    'rejects the time zone %j with 400',
    async (timezone) => {
      const account = await signUp();
      const response = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { timezone } });
      expectErrorEnvelope(response, 400, 'validation_failed');
      expect(response.body.error.fields).toHaveProperty('timezone');
    },
  );

  it.each([
    ['an empty body', {}],
    ['an unknown field', { timezone: 'UTC', is_admin: true }],
    ['an e-mail address (it changes with the password, POST /me/email)', { email: 'new@example.com' }],
    ['a bad username', { username: 'x' }],
    ['a number for a time zone', { timezone: 5 }],
  ])('rejects %s with 400', async (_name, json) => {
    const account = await signUp();
    expectErrorEnvelope(await call('PATCH', '/api/v1/me', { token: account.accessToken, json }), 400, 'validation_failed');
  });

  it("answers 409 when taking another person's username, and changes nothing", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const username = await call('PATCH', '/api/v1/me', { token: bob.accessToken, json: { username: ada.username } });
    expectErrorEnvelope(username, 409, 'conflict');
    const me = await call('GET', '/api/v1/me', { token: bob.accessToken });
    expect(me.body).toMatchObject({ email: bob.email, username: bob.username });
  });
});

describe('DELETE /me', () => {
  it('deletes the account and everything it owns', async () => {
    const account = await signUp();
    expect((await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(fcm()) })).status).toBe(201);
    const other = await signUp();

    const response = await call('DELETE', '/api/v1/me', { token: account.accessToken, json: { current_password: account.password } });
    expect(response.status).toBe(204);
    expect(response.headers.get('Set-Cookie')).toMatch(/^st_refresh=;/);

    for (const table of ['users WHERE id = $1', 'user_devices WHERE user_id = $1', 'refresh_tokens WHERE user_id = $1']) {
      expect(await query(`SELECT 1 FROM ${table}`, [account.id])).toHaveLength(0);
    }
    expectErrorEnvelope(await call('GET', '/api/v1/me', { token: account.accessToken }), 401, 'unauthorized');
    const login = await call('POST', '/api/v1/auth/login', { json: { email: account.email, password: account.password } });
    expectErrorEnvelope(login, 401, 'invalid_credentials');
    expect((await call('GET', '/api/v1/me', { token: other.accessToken })).status).toBe(200);
  });
});

describe('devices', () => {
  it('registers a push subscription, and the same endpoint again updates it', async () => {
    const account = await signUp();
    const endpoint = fcm();
    const first = await call('POST', '/api/v1/me/devices', {
      token: account.accessToken,
      json: subscription(endpoint, { supportedContentEncodings: ['aes128gcm', 'aesgcm'], platform: 'android' }),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ endpoint, platform: 'android', is_active: true, content_encodings: ['aes128gcm', 'aesgcm'] });

    const again = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(endpoint) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.platform).toBe('web');

    const list = await call('GET', '/api/v1/me/devices', { token: account.accessToken });
    expect(list.body.devices).toHaveLength(1);
    const stored = await query('SELECT p256dh, auth_secret FROM user_devices WHERE id = $1', [first.body.id]);
    expect(stored).toEqual([{ p256dh: P256DH, auth_secret: AUTH }]);
  });

  it.each([
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk',
    'https://web.push.apple.com/QGuQyavXutnMbk',
    'https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD',
    'http://127.0.0.1:9/push/abc',
    'https://push.test.example/abc',
  ])('accepts the push service endpoint %s', async (endpoint) => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(`${endpoint}${crypto.randomUUID()}`) });
    expect(response.status).toBe(201);
  });

  it.each([
    ['plain http', 'http://fcm.googleapis.com/fcm/send/abc'],
    ['an unknown host', 'https://evil.example.com/push'],
    ['a look-alike host', 'https://fcm.googleapis.com.evil.example/push'],
    ['loopback not on the allowlist', 'http://127.0.0.1:8787/api/internal/health'],
    ['an https port other than 443', 'https://fcm.googleapis.com:8443/fcm/send/abc'],
    ['credentials in the URL', 'https://user:pw@fcm.googleapis.com/fcm/send/abc'],
    ['not a URL', 'fcm/send/abc'],
  ])('refuses %s with 400', async (_name, endpoint) => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(endpoint) });
    expectErrorEnvelope(response, 400, 'bad_request');
    expect(response.body.error.fields).toHaveProperty('endpoint');
  });

  it.each([
    ['a short p256dh key', { keys: { p256dh: 'BNcRdreALRFX', auth: AUTH } }],
    ['a non-base64url auth secret', { keys: { p256dh: P256DH, auth: '!!!!!!!!!!!!!!!!!!!!!!' } }],
    ['missing keys', { keys: undefined }],
    ['an unknown platform', { platform: 'toaster' }],
  ])('rejects %s with 400', async (_name, extra) => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(fcm(), extra) });
    expectErrorEnvelope(response, 400, 'validation_failed');
  });

  it('refuses a browser that cannot do aes128gcm', async () => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/me/devices', {
      token: account.accessToken,
      json: subscription(fcm(), { supportedContentEncodings: ['aesgcm'] }),
    });
    expectErrorEnvelope(response, 400, 'bad_request');
  });

  it('moves an endpoint to whoever registers it last, so nobody gets pushes meant for someone else', async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const endpoint = fcm();
    await call('POST', '/api/v1/me/devices', { token: ada.accessToken, json: subscription(endpoint) });
    const moved = await call('POST', '/api/v1/me/devices', { token: bob.accessToken, json: subscription(endpoint) });
    expect(moved.status).toBe(200);
    expect((await call('GET', '/api/v1/me/devices', { token: ada.accessToken })).body.devices).toHaveLength(0);
    expect((await call('GET', '/api/v1/me/devices', { token: bob.accessToken })).body.devices).toHaveLength(1);
  });

  it("cannot see or delete another person's device", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const device = await call('POST', '/api/v1/me/devices', { token: ada.accessToken, json: subscription(fcm()) });
    expect((await call('GET', '/api/v1/me/devices', { token: bob.accessToken })).body.devices).toHaveLength(0);
    const stolen = await call('DELETE', `/api/v1/me/devices/${device.body.id}`, { token: bob.accessToken });
    expectErrorEnvelope(stolen, 404, 'not_found');
    expect((await call('GET', '/api/v1/me/devices', { token: ada.accessToken })).body.devices).toHaveLength(1);
  });

  it('deletes a device once, then answers 404; a malformed id is a 400', async () => {
    const account = await signUp();
    const device = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: subscription(fcm()) });
    expect((await call('DELETE', `/api/v1/me/devices/${device.body.id}`, { token: account.accessToken })).status).toBe(204);
    expectErrorEnvelope(await call('DELETE', `/api/v1/me/devices/${device.body.id}`, { token: account.accessToken }), 404, 'not_found');
    expectErrorEnvelope(await call('DELETE', '/api/v1/me/devices/not-a-uuid', { token: account.accessToken }), 400, 'validation_failed');
  });

  it('needs an access token', async () => {
    expectErrorEnvelope(await call('POST', '/api/v1/me/devices', { json: subscription(fcm()) }), 401, 'unauthorized');
  });
});

describe('the OpenAPI document', () => {
  it('describes hide_spoilers on the profile and in PATCH /me, and where it redacts', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    const { User: user, UpdateProfile: update } = doc.components.schemas;
    expect(user.properties.hide_spoilers).toMatchObject({ type: 'boolean' });
    expect(user.required).toContain('hide_spoilers');
    expect(update.properties.hide_spoilers).toMatchObject({ type: 'boolean' });
    expect(update.required ?? []).not.toContain('hide_spoilers');
    expect(user.properties.hide_spoilers.description).toMatch(/push/);
    expect(user.properties.hide_spoilers.description).toMatch(/calendar feed/);
    expect(user.properties.hide_spoilers.description).toMatch(/tap to reveal/);
    expect(doc.paths['/cal/{feed}'].get.description).toContain('hide_spoilers');
    expect(doc.paths['/api/v1/notifications'].get.description).toContain('hide_spoilers');
  });
});
