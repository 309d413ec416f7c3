// Fault behaviours a test puts on a subscription: gone (404/410) for good,
// rate limited with Retry-After for a number of deliveries, server errors.
import { describe, expect, it } from 'vitest';
import { call, messages, post, send, subscribe, useReceiver, vapidDetails } from './test-helpers.ts';

const receiver = useReceiver();
const behavior = (id: string) => `${receiver.it.url}/__control/subscriptions/${id}/behavior`;

describe('behaviours', () => {
  it('410 makes the subscription gone for good, even after the behaviour is cleared', async () => {
    const subscription = await subscribe(receiver.it);
    expect((await post(behavior(subscription.id), { status: 410, times: 1 })).status).toBe(201);
    expect((await send(subscription, 'one', { vapidDetails: vapidDetails() })).status).toBe(410);
    expect((await send(subscription, 'two', { vapidDetails: vapidDetails() })).status).toBe(410);
    await call(behavior(subscription.id), { method: 'DELETE' });
    expect((await send(subscription, 'three', { vapidDetails: vapidDetails() })).status).toBe(410);
    expect((await call(`${receiver.it.url}/__control/subscriptions/${subscription.id}`)).body).toMatchObject({ gone: true });
    expect(await messages(receiver.it, subscription.id)).toEqual([]);
  });

  it('429 with Retry-After for the given number of deliveries, then accepts', async () => {
    const subscription = await subscribe(receiver.it);
    await post(behavior(subscription.id), { status: 429, retryAfterSeconds: 7, times: 2 });
    for (const attempt of [1, 2]) {
      const limited = await send(subscription, `attempt ${attempt}`, { vapidDetails: vapidDetails() });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
    }
    expect((await send(subscription, 'attempt 3', { vapidDetails: vapidDetails() })).status).toBe(201);
    expect((await messages(receiver.it, subscription.id)).map((m: any) => m.payload)).toEqual(['attempt 3']);
    const log = (await call(`${receiver.it.url}/__control/deliveries`)).body.deliveries;
    expect(log.map((d: any) => d.status)).toEqual([429, 429, 201]);
  });

  it('answers 503 until the behaviour is deleted', async () => {
    const subscription = await subscribe(receiver.it);
    await post(behavior(subscription.id), { status: 503 });
    for (let i = 0; i < 3; i++) expect((await send(subscription, 'x', { vapidDetails: vapidDetails() })).status).toBe(503);
    expect((await call(behavior(subscription.id), { method: 'DELETE' })).status).toBe(204);
    expect((await send(subscription, 'x', { vapidDetails: vapidDetails() })).status).toBe(201);
  });

  it('refuses a behaviour it does not know, and an unknown subscription', async () => {
    const subscription = await subscribe(receiver.it);
    expect((await post(behavior(subscription.id), { status: 302 })).status).toBe(400);
    expect((await post(behavior(subscription.id), { status: 429, times: -1 })).status).toBe(400);
    expect((await post(behavior('no-such-id'), { status: 410 })).status).toBe(404);
  });
});
