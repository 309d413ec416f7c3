// The compatibility proof for the worker's sender: messages built by
// @block65/webcrypto-web-push (WebCrypto, the library the worker uses) decrypt
// with http_ece and pass the receiver's VAPID checks.
import { buildPushPayload, encryptNotification } from '@block65/webcrypto-web-push';
import { describe, expect, it } from 'vitest';
import { type SubscriptionJson, call, messages, subscribe, useReceiver, vapidDetails, vapidKeys } from './test-helpers.ts';

const receiver = useReceiver();

/**
 * The library signs VAPID only for https endpoints, so it is given the https
 * form of the receiver's endpoint (the receiver accepts that audience) and
 * the request goes to the real, plain-http one.
 */
const httpsForm = (subscription: SubscriptionJson) => ({ ...subscription, endpoint: subscription.endpoint.replace(/^http:/, 'https:') });

describe('@block65/webcrypto-web-push', () => {
  it('builds a message the receiver decrypts, with its TTL, urgency, topic and VAPID claims', async () => {
    const keys = vapidKeys();
    const subscription = await subscribe(receiver.it, keys.publicKey);
    const data = { title: 'The Bear', body: 'S04E01 · today 21:00', showId: 136315, url: '/shows/136315' };
    const payload = await buildPushPayload({ data, options: { ttl: 900, urgency: 'high', topic: 'show-136315' } }, httpsForm(subscription), vapidDetails(keys));

    const response = await call(subscription.endpoint, payload);
    expect(response.status).toBe(201);
    const [message] = await messages(receiver.it, subscription.id);
    expect(message).toMatchObject({
      json: data, ttl: 900, urgency: 'high', topic: 'show-136315', replaced: false,
      vapid: { sub: 'mailto:push-tests@showtracker.test', aud: receiver.it.url.replace('http:', 'https:') },
    });
    // The library pads every message to one 4096-octet record: the whole body is exactly the limit.
    expect(message.bytes).toBe(4096);
  });

  it('fits the largest payload it allows (3993 bytes) under the 4096-byte limit', async () => {
    const subscription = await subscribe(receiver.it);
    const text = 'é'.repeat(1996) + 'x';
    expect(Buffer.byteLength(text)).toBe(3993);
    const payload = await buildPushPayload({ data: text }, httpsForm(subscription), vapidDetails());
    expect((await call(subscription.endpoint, payload)).status).toBe(201);
    expect((await messages(receiver.it, subscription.id))[0].payload).toBe(text);
  });

  it('encrypts without padding too (encryptNotification)', async () => {
    const subscription = await subscribe(receiver.it);
    const { headers } = await buildPushPayload({ data: 'unused' }, httpsForm(subscription), vapidDetails());
    delete (headers as Record<string, string>)['content-length'];
    const body = await encryptNotification(subscription, new TextEncoder().encode('short'), { pad: false });
    expect((await call(subscription.endpoint, { method: 'POST', headers, body })).status).toBe(201);
    expect((await messages(receiver.it, subscription.id))[0]).toMatchObject({ payload: 'short', bytes: 86 + 5 + 17 });
  });

  it('refuses to sign for a plain-http endpoint: the dispatcher must pass the https form', async () => {
    const subscription = await subscribe(receiver.it);
    await expect(buildPushPayload({ data: 'x' }, subscription, vapidDetails())).rejects.toThrow('Subscription endpoint is not https');
  });
});
