// Messages sent by web-push (an independent sender) are accepted the way a
// push service accepts them, decrypted with http_ece and readable through the
// control API; malformed requests get the statuses real services use.
import { describe, expect, it } from 'vitest';
import { call, messages, post, send, subscribe, useReceiver, vapidDetails } from './test-helpers.ts';

const receiver = useReceiver();
const control = (path: string) => `${receiver.it.url}/__control${path}`;

describe('subscriptions', () => {
  it('look like PushSubscription.toJSON(): an endpoint on the receiver, a P-256 key and a 16-byte auth secret', async () => {
    const subscription = await subscribe(receiver.it);
    expect(subscription).toEqual({
      id: expect.any(String),
      endpoint: `${receiver.it.url}/push/${subscription.id}`,
      expirationTime: null,
      keys: { p256dh: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/), auth: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
    });
    expect(Buffer.from(subscription.keys.p256dh, 'base64url')[0]).toBe(0x04);
    expect((await subscribe(receiver.it)).keys.p256dh).not.toBe(subscription.keys.p256dh);
  });

  it('refuse a pinned key that is not a P-256 public key', async () => {
    expect((await post(control('/subscriptions'), { vapidPublicKey: 'not-a-key' })).status).toBe(400);
  });
});

describe('delivery', () => {
  it('answers 201 with a Location and stores the decrypted payload with its headers and VAPID claims', async () => {
    const subscription = await subscribe(receiver.it);
    const payload = { title: 'Severance', body: 'S02E05 · tonight 21:00', url: '/shows/95396' };
    const sent = await send(subscription, JSON.stringify(payload), { vapidDetails: vapidDetails(), TTL: 3600, urgency: 'high', topic: 'show-95396' });
    expect(sent.status).toBe(201);
    expect(sent.headers.get('location')).toMatch(new RegExp(`^${receiver.it.url}/message/`));

    const [message] = await messages(receiver.it, subscription.id);
    expect(message).toMatchObject({
      ttl: 3600, urgency: 'high', topic: 'show-95396', payload: JSON.stringify(payload), json: payload, replaced: false,
      vapid: { sub: 'mailto:push-tests@showtracker.test', aud: receiver.it.url, exp: expect.any(Number) },
    });
    expect(message.bytes).toBeGreaterThan(JSON.stringify(payload).length);
    expect(message.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('keeps plain-text payloads as text, and defaults the urgency to normal', async () => {
    const subscription = await subscribe(receiver.it);
    expect((await send(subscription, 'hello ✓', { vapidDetails: vapidDetails() }, { urgency: null })).status).toBe(201);
    expect(await messages(receiver.it, subscription.id)).toEqual([expect.objectContaining({ payload: 'hello ✓', json: null, urgency: 'normal', topic: null })]);
  });

  it('marks a queued message replaced when a newer one with the same topic arrives', async () => {
    const subscription = await subscribe(receiver.it);
    const vapid = vapidDetails();
    await send(subscription, 'first', { vapidDetails: vapid, topic: 'show-1' });
    await send(subscription, 'other show', { vapidDetails: vapid, topic: 'show-2' });
    await send(subscription, 'second', { vapidDetails: vapid, topic: 'show-1' });
    const stored = await messages(receiver.it, subscription.id);
    expect(stored.map((m: any) => [m.payload, m.replaced])).toEqual([['first', true], ['other show', false], ['second', false]]);
  });
});

describe('refused requests', () => {
  const refusals: [string, Record<string, string | null>, number][] = [
    ['no TTL header', { ttl: null }, 400],
    ['a TTL that is not a number', { ttl: 'soon' }, 400],
    ['an unknown urgency', { urgency: 'urgent' }, 400],
    ['a topic over 32 characters', { topic: 'x'.repeat(33) }, 400],
    ['a topic outside the base64url alphabet', { topic: 'show 1' }, 400],
    ['the legacy aesgcm encoding', { 'content-encoding': 'aesgcm' }, 415],
    ['no Content-Encoding', { 'content-encoding': null }, 415],
  ];
  it.each(refusals)('%s', async (_name, override, status) => {
    const subscription = await subscribe(receiver.it);
    const refused = await send(subscription, 'hi', { vapidDetails: vapidDetails() }, override);
    expect(refused.status).toBe(status);
    expect(refused.body).toEqual({ code: status, reason: expect.any(String) });
    expect(await messages(receiver.it, subscription.id)).toEqual([]);
  });

  it('413 for a body over 4096 bytes', async () => {
    const subscription = await subscribe(receiver.it);
    // Two records of 4096 octets: web-push splits what does not fit one.
    const refused = await send(subscription, 'x'.repeat(5000), { vapidDetails: vapidDetails() });
    expect(refused).toMatchObject({ status: 413, body: { reason: expect.stringContaining('4096') } });
  });

  it('400 for a body that does not decrypt with the subscription keys', async () => {
    const [subscription, other] = [await subscribe(receiver.it), await subscribe(receiver.it)];
    const forOther = await send({ ...other, endpoint: subscription.endpoint }, 'hi', { vapidDetails: vapidDetails() });
    expect(forOther).toMatchObject({ status: 400, body: { reason: expect.stringContaining('decrypt') } });
  });

  it('404 for an unknown subscription', async () => {
    const subscription = await subscribe(receiver.it);
    const unknown = { ...subscription, endpoint: `${receiver.it.url}/push/no-such-id` };
    expect((await send(unknown, 'hi', { vapidDetails: vapidDetails() })).status).toBe(404);
  });
});

describe('control API', () => {
  it('logs every attempt with its status and reason, filtered by time and subscription', async () => {
    const [ada, bob] = [await subscribe(receiver.it), await subscribe(receiver.it)];
    const before = Date.now();
    await send(ada, 'ok', { vapidDetails: vapidDetails() });
    await send(ada, 'no ttl', { vapidDetails: vapidDetails() }, { ttl: null });
    await send(bob, 'ok', { vapidDetails: vapidDetails() });
    const all = (await call(control(`/deliveries?since=${before}`))).body.deliveries;
    expect(all.map((d: any) => [d.subscriptionId, d.status])).toEqual([[ada.id, 201], [ada.id, 400], [bob.id, 201]]);
    expect(all[1]).toMatchObject({ reason: 'TTL header is required', messageId: null, ttl: null });
    expect(all[0]).toMatchObject({ reason: null, messageId: expect.any(String), ttl: '60' });
    expect((await call(control(`/deliveries?subscription=${bob.id}`))).body.deliveries).toHaveLength(1);
    expect((await call(control(`/deliveries?since=${Date.now() + 1000}`))).body.deliveries).toEqual([]);
  });

  it('reset forgets subscriptions, messages and deliveries', async () => {
    const subscription = await subscribe(receiver.it);
    await send(subscription, 'ok', { vapidDetails: vapidDetails() });
    expect((await post(control('/reset'))).status).toBe(204);
    expect((await call(control(''))).body).toMatchObject({ subscriptions: 0, messages: 0, deliveries: 0 });
    expect((await call(control(`/subscriptions/${subscription.id}/messages`))).status).toBe(404);
  });
});
