// Test fixtures for web push: a VAPID identity of the tests' own, people with
// a device subscribed at the local decrypting push service, the dispatcher run
// as the queue consumer runs it, and the messages the push service decrypted.
import { expect } from 'vitest';
import { openDb } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import { toBase64Url } from '../auth/password.ts';
import { call, pushReceiver, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { dispatchBatch, type DispatchCounts } from './dispatch.service.ts';
import { createWebPushChannel, type VapidConfig } from './web-push.channel.ts';

const logger = createLogger({ test: 'dispatch' });

/** A VAPID identity of the test's own, as `npm start` generates one. */
async function vapidKeys(): Promise<VapidConfig> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer));
  const privateKey = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return { subject: 'mailto:ops@showtracker.test', publicKey, privateKey: privateKey.d! };
}
export const vapid = await vapidKeys();

export async function dispatch(limit?: number): Promise<DispatchCounts> {
  const { db, close } = openDb(TEST_ENV);
  try {
    const channel = createWebPushChannel(vapid, TEST_ENV.PUSH_ENDPOINT_ALLOWLIST);
    return await dispatchBatch({ db, channel, logger, jwtSecret: TEST_ENV.JWT_SECRET, cache: TEST_ENV.CACHE }, limit);
  } finally {
    await close();
  }
}

/** Until nothing due is left (bounded), as the queue consumer does. */
export async function dispatchAll(): Promise<void> {
  for (let i = 0; i < 20; i++) if ((await dispatch()).claimed === 0) return;
}

export interface Subscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export async function subscribedPerson(
  timezone = 'America/New_York',
): Promise<{ account: TestAccount; subscription: Subscription; deviceId: string }> {
  const account = await signUp({ timezone });
  const subscription = await pushReceiver<Subscription>('POST', '/subscriptions', { vapidPublicKey: vapid.publicKey });
  const device = await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: { ...subscription, expirationTime: null } });
  expect(device.status).toBe(201);
  return { account, subscription, deviceId: device.body.id };
}

export interface ReceivedMessage {
  /** The decrypted payload as text, and parsed. */
  payload: string;
  json: any;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  bytes: number;
  vapid: { sub: string; aud: string };
}

export const messagesOf = (subscriptionId: string) =>
  pushReceiver<{ messages: ReceivedMessage[] }>('GET', `/subscriptions/${subscriptionId}/messages`).then((result) => result.messages);
