// Shared setup for the push receiver's own tests: one in-process receiver per
// test file, reset between tests, and web-push (an independent sender) to
// build real messages.
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type PushReceiver, startPushReceiver } from './index.ts';

export interface SubscriptionJson {
  id: string;
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export const VAPID_SUBJECT = 'mailto:push-tests@showtracker.test';

export function useReceiver(): { readonly it: PushReceiver } {
  const holder = {} as { it: PushReceiver };
  beforeAll(async () => {
    holder.it = await startPushReceiver();
  });
  beforeEach(async () => {
    await fetch(`${holder.it.url}/__control/reset`, { method: 'POST' });
  });
  afterAll(() => holder.it.stop());
  return holder;
}

export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export const post = (url: string, body?: unknown) =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

export async function subscribe(receiver: PushReceiver, vapidPublicKey?: string): Promise<SubscriptionJson> {
  const { status, body } = await post(`${receiver.url}/__control/subscriptions`, vapidPublicKey ? { vapidPublicKey } : undefined);
  if (status !== 201) throw new Error(`subscribe answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export const messages = async (receiver: PushReceiver, id: string) =>
  (await call(`${receiver.url}/__control/subscriptions/${id}/messages`)).body.messages;

/**
 * Builds the request with web-push and POSTs it with fetch: web-push's own
 * sender only speaks https, the receiver is plain http on loopback.
 * `override` replaces request headers after web-push built them (null drops one).
 */
export async function send(
  subscription: SubscriptionJson,
  payload: string | Buffer,
  options: webpush.RequestOptions = {},
  override: Record<string, string | null> = {},
) {
  const details = webpush.generateRequestDetails(subscription, payload, { TTL: 60, contentEncoding: 'aes128gcm', ...options });
  const headers = new Headers(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
  for (const [name, value] of Object.entries(override)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return call(details.endpoint, { method: 'POST', headers, body: details.body });
}

export const vapidKeys = () => webpush.generateVAPIDKeys();
export const vapidDetails = (keys = vapidKeys()) => ({ subject: VAPID_SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey });
