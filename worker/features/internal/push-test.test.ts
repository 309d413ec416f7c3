// POST /api/internal/push/test through the real app, with the tests' own
// VAPID identity (TEST_ENV's depends on the machine's .dev.vars), real Web
// Push to the local push service, which decrypts what it receives.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { call, expectErrorEnvelope, pushReceiver, query, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { messagesOf, subscribedPerson, vapid, type Subscription } from '../notifications/push.fixtures.ts';
import { TEST_PUSH_BODY, TEST_PUSH_TITLE } from './push-test.service.ts';

const configured = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject };

async function pushTest(
  body: unknown,
  { token = TEST_ENV.INTERNAL_API_TOKEN as string | null, keys = configured as Record<string, string | undefined> } = {},
) {
  const env = { ...TEST_ENV, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined, VAPID_SUBJECT: undefined, ...keys } as unknown as typeof TEST_ENV;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const ctx = createExecutionContext();
  const response = await createApp().fetch(
    new Request('http://localhost/api/internal/push/test', { method: 'POST', headers, body: JSON.stringify(body) }),
    env,
    ctx,
  );
  const result = { status: response.status, headers: response.headers, body: (await response.json()) as any };
  await waitOnExecutionContext(ctx);
  return result;
}

async function secondDevice(account: TestAccount): Promise<{ subscription: Subscription; deviceId: string }> {
  const subscription = await pushReceiver<Subscription>('POST', '/subscriptions', { vapidPublicKey: vapid.publicKey });
  const device = await call('POST', '/api/v1/me/devices', {
    token: account.accessToken,
    json: { ...subscription, expirationTime: null },
    headers: { 'User-Agent': 'Mozilla/5.0 (Android 15; Mobile) Firefox/140.0' },
  });
  expect(device.status).toBe(201);
  return { subscription, deviceId: device.body.id };
}

const notificationRowsOf = async (userId: string) =>
  (
    await query<{ n: number }>(
      `SELECT (SELECT count(*) FROM notifications WHERE user_id = $1)
            + (SELECT count(*) FROM notification_deliveries d JOIN user_devices u ON u.id = d.device_id WHERE u.user_id = $1) AS n`,
      [userId],
    )
  )[0]!.n;

describe('a test push', () => {
  it('arrives decrypted on every device of the person, as the service worker shows it: title, body, the home page, no actions', async () => {
    const { account, subscription, deviceId } = await subscribedPerson();
    const second = await secondDevice(account);

    const response = await pushTest({ email: account.email });
    expect(response.status).toBe(200);
    expect(response.body.devices).toHaveLength(2);
    expect(response.body.devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: deviceId, platform: 'web', outcome: 'delivered', status: 201 }),
        {
          id: second.deviceId,
          platform: 'web',
          user_agent: 'Mozilla/5.0 (Android 15; Mobile) Firefox/140.0',
          push_service: new URL(second.subscription.endpoint).host,
          outcome: 'delivered',
          status: 201,
        },
      ]),
    );

    for (const id of [subscription.id, second.subscription.id]) {
      const [message, ...others] = await messagesOf(id);
      expect(others).toEqual([]);
      expect(message!.json).toEqual({ title: TEST_PUSH_TITLE, body: TEST_PUSH_BODY, url: '/', icon: null, tag: 'push-test' });
      expect(message!.json.title).toBe('ShowTracker test notification');
      expect(message!.json.body).toMatch(/push notifications work on this device/i);
      // No id and no actions_token: the service worker offers "Open" only.
      expect(message!.json).not.toHaveProperty('actions_token');
      expect(message!.json).not.toHaveProperty('id');
      expect(message!.vapid.sub).toBe(vapid.subject);
      expect(message!.urgency).toBe('high');
      expect(message!.ttl).toBe(900);
    }
  });

  it('finds the person however the email is cased or padded, as sign-in does', async () => {
    const { account, subscription } = await subscribedPerson();
    const response = await pushTest({ email: `  ${account.email.toUpperCase()} ` });
    expect(response.status).toBe(200);
    expect(response.body.devices).toEqual([expect.objectContaining({ outcome: 'delivered' })]);
    expect(await messagesOf(subscription.id)).toHaveLength(1);
  });

  it('writes no notification and no delivery row', async () => {
    const { account } = await subscribedPerson();
    expect((await pushTest({ email: account.email })).status).toBe(200);
    expect(Number(await notificationRowsOf(account.id))).toBe(0);
    expect((await call('GET', '/api/v1/notifications/unread-count', { token: account.accessToken })).body).toEqual({ unread: 0 });
  });

  it('reports a gone device (410) and deactivates it as the dispatcher does; the other device still gets the push', async () => {
    const { account, subscription, deviceId } = await subscribedPerson();
    const healthy = await secondDevice(account);
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 410 });

    const response = await pushTest({ email: account.email });
    expect(response.status).toBe(200);
    expect(response.body.devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: deviceId, outcome: 'gone', status: 410 }),
        expect.objectContaining({ id: healthy.deviceId, outcome: 'delivered', status: 201 }),
      ]),
    );
    const [device] = await query<{ is_active: boolean; deactivated_reason: string }>(
      'SELECT is_active, deactivated_reason FROM user_devices WHERE id = $1',
      [deviceId],
    );
    expect(device).toEqual({ is_active: false, deactivated_reason: 'push service answered 410' });
    expect(await messagesOf(healthy.subscription.id)).toHaveLength(1);

    // The next test push leaves the dead device out.
    const again = await pushTest({ email: account.email });
    expect(again.body.devices).toEqual([expect.objectContaining({ id: healthy.deviceId, outcome: 'delivered' })]);
  });

  it('reports a push service error as retry, with its status and the error', async () => {
    const { account, subscription, deviceId } = await subscribedPerson();
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 503, times: 1 });
    const response = await pushTest({ email: account.email });
    expect(response.status).toBe(200);
    expect(response.body.devices).toEqual([
      expect.objectContaining({ id: deviceId, outcome: 'retry', status: 503, error: expect.stringContaining('HTTP 503') }),
    ]);
    const [device] = await query<{ is_active: boolean }>('SELECT is_active FROM user_devices WHERE id = $1', [deviceId]);
    expect(device!.is_active).toBe(true);
  });
});

describe('a test push is refused', () => {
  it('404 not_found for an email no account has', async () => {
    const response = await pushTest({ email: `nobody-${crypto.randomUUID()}@example.com` });
    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('409 conflict for a person with no device, telling them to turn notifications on in Settings first', async () => {
    const account = await signUp();
    const response = await pushTest({ email: account.email });
    expectErrorEnvelope(response, 409, 'conflict');
    expect(response.body.error.message).toContain('Settings → Notifications');
  });

  it('409 conflict for a person whose only device was deactivated', async () => {
    const { account, deviceId } = await subscribedPerson();
    await query("UPDATE user_devices SET is_active = false, deactivated_reason = 'push service answered 410' WHERE id = $1", [deviceId]);
    expectErrorEnvelope(await pushTest({ email: account.email }), 409, 'conflict');
  });

  it('401 without the internal token, or with a user access token, and nothing is sent', async () => {
    const { account, subscription } = await subscribedPerson();
    const missing = await pushTest({ email: account.email }, { token: null });
    expectErrorEnvelope(missing, 401, 'unauthorized');
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer realm="internal"');
    expectErrorEnvelope(await pushTest({ email: account.email }, { token: account.accessToken }), 401, 'unauthorized');
    expect(await messagesOf(subscription.id)).toEqual([]);
  });

  it('503 push_unavailable when the server has no VAPID identity', async () => {
    const { account, subscription } = await subscribedPerson();
    const response = await pushTest({ email: account.email }, { keys: { VAPID_SUBJECT: vapid.subject } });
    expectErrorEnvelope(response, 503, 'push_unavailable');
    expect(response.body.error.message).toContain('VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY not set');
    expect(await messagesOf(subscription.id)).toEqual([]);
  });

  it.each([
    ['no email', {}],
    ['not an email', { email: 'not-an-email' }],
    ['an unknown field', { email: 'ada@example.com', extra: true }],
  ])('400 validation_failed for %s', async (_name, body) => {
    expectErrorEnvelope(await pushTest(body), 400, 'validation_failed');
  });
});

describe('the OpenAPI document', () => {
  it('lists the route under the internal token, with its answers', async () => {
    const operation = (await call('GET', '/api/openapi.json')).body.paths['/api/internal/push/test'].post;
    expect(operation.security).toEqual([{ internal: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '503']));
  });
});
