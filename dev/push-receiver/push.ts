// `POST /push/:id`, the push endpoint: answers the way a push service does
// (RFC 8030 §5), then decrypts the message with `http_ece`, an RFC 8291
// implementation independent of the worker's sender, and records it.
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import ece from 'http_ece';
import { type Delivery, type State, type Subscription, addMessage } from './model.ts';
import { checkVapid } from './vapid.ts';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What every push service must accept (RFC 8030 §7.2); larger bodies get 413. */
export const MAX_BODY_BYTES = 4096;
const URGENCIES = ['very-low', 'low', 'normal', 'high'];
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function decrypt(subscription: Subscription, body: Buffer): string | undefined {
  try {
    return ece.decrypt(body, { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: subscription.authSecret }).toString('utf8');
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function receivePush(state: State, origin: string, id: string, headers: IncomingHttpHeaders, body: Buffer): Reply {
  const ttlText = header(headers, 'ttl') ?? null;
  const urgency = header(headers, 'urgency') ?? null;
  const topic = header(headers, 'topic') ?? null;
  const delivery: Delivery = {
    id: state.nextDeliveryId++, subscriptionId: id, receivedAt: Date.now(), status: 0, reason: null, messageId: null,
    ttl: ttlText, urgency, topic, bytes: body.length,
  };
  state.deliveries.push(delivery);
  const answer = (status: number, reason: string | null, extraHeaders: Record<string, string> = {}): Reply => {
    delivery.status = status;
    delivery.reason = reason;
    return { status, headers: extraHeaders, body: reason === null ? undefined : { code: status, reason } };
  };

  const subscription = state.subscriptions.get(id);
  if (!subscription) return answer(404, 'no such subscription');
  if (subscription.goneStatus !== null) return answer(subscription.goneStatus, 'subscription is gone');

  const behavior = subscription.behavior;
  if (behavior && behavior.remaining !== 0) {
    if (behavior.remaining !== null) behavior.remaining--;
    if (behavior.status === 404 || behavior.status === 410) subscription.goneStatus = behavior.status;
    const retryAfter: Record<string, string> = behavior.retryAfterSeconds === null ? {} : { 'retry-after': String(behavior.retryAfterSeconds) };
    return answer(behavior.status, `behavior ${behavior.status} set through the control API`, retryAfter);
  }

  const audiences = [origin, origin.replace(/^http:/, 'https:')];
  const vapid = checkVapid(header(headers, 'authorization'), audiences, subscription.vapidPublicKey, Math.floor(Date.now() / 1000));
  if (!vapid.ok) return answer(vapid.status, vapid.reason, vapid.status === 401 ? { 'www-authenticate': 'vapid' } : {});

  if (header(headers, 'content-encoding')?.toLowerCase() !== 'aes128gcm') return answer(415, 'Content-Encoding must be aes128gcm');
  if (ttlText === null) return answer(400, 'TTL header is required');
  if (!/^\d+$/.test(ttlText)) return answer(400, 'TTL must be a non-negative integer of seconds');
  if (urgency !== null && !URGENCIES.includes(urgency)) return answer(400, `Urgency must be one of ${URGENCIES.join(', ')}`);
  if (topic !== null && !TOPIC.test(topic)) return answer(400, 'Topic must be 1 to 32 characters of the base64url alphabet');
  if (body.length > MAX_BODY_BYTES) return answer(413, `body is ${body.length} bytes, the limit is ${MAX_BODY_BYTES}`);
  if (body.length === 0) return answer(400, 'body is empty');

  // Stricter than a real push service, which cannot read the payload and would
  // accept it, leaving the browser to drop it: here a broken encryption is loud.
  const payload = decrypt(subscription, body);
  if (payload === undefined) return answer(400, 'body does not decrypt with the subscription keys (RFC 8291 aes128gcm)');

  const messageId = randomUUID();
  addMessage(state, {
    id: messageId, subscriptionId: id, receivedAt: delivery.receivedAt, ttl: Number(ttlText), urgency: urgency ?? 'normal', topic,
    payload, json: parseJson(payload), bytes: body.length, vapid: vapid.claims, replaced: false,
  });
  delivery.messageId = messageId;
  return answer(201, null, { location: `${origin}/message/${messageId}`, ttl: ttlText });
}
