// The receiver's state: subscriptions with their user-agent keys, the
// messages each one accepted (decrypted), every delivery attempt, and the
// fault behaviours tests put on a subscription.
import { type ECDH, createECDH, randomBytes, randomUUID } from 'node:crypto';

export const BEHAVIOR_STATUSES = [400, 404, 410, 413, 429, 500, 503] as const;
export type BehaviorStatus = (typeof BEHAVIOR_STATUSES)[number];

export interface Behavior {
  status: BehaviorStatus;
  retryAfterSeconds: number | null;
  /** Deliveries still to answer this way; null = until cleared. */
  remaining: number | null;
}

export interface Subscription {
  id: string;
  /** The user agent's P-256 key pair (private half decrypts, public half is p256dh). */
  ecdh: ECDH;
  authSecret: string;
  /** base64url application server key the subscription is restricted to (RFC 8292 §4), or null. */
  vapidPublicKey: string | null;
  behavior: Behavior | null;
  /** Set once a 404/410 behaviour fired: like a real unsubscribed endpoint, it never comes back. */
  goneStatus: 404 | 410 | null;
}

export interface Message {
  id: string;
  subscriptionId: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  ttl: number;
  urgency: string;
  topic: string | null;
  /** The decrypted payload as UTF-8 text. */
  payload: string;
  /** The payload parsed, when it is JSON; else null. */
  json: unknown;
  /** Size of the encrypted body. */
  bytes: number;
  vapid: { sub: string; aud: string; exp: number };
  /**
   * A later message with the same topic arrived. Nothing is ever handed to a
   * user agent here, so every message counts as still queued, and the newer
   * one replaces it (RFC 8030 §5.4).
   */
  replaced: boolean;
}

export interface Delivery {
  id: number;
  subscriptionId: string;
  receivedAt: number;
  status: number;
  /** Why it was refused (null when accepted). */
  reason: string | null;
  /** The accepted message's id. */
  messageId: string | null;
  ttl: string | null;
  urgency: string | null;
  topic: string | null;
  bytes: number;
}

export interface State {
  subscriptions: Map<string, Subscription>;
  messages: Message[];
  deliveries: Delivery[];
  nextDeliveryId: number;
}

export const createState = (): State => ({ subscriptions: new Map(), messages: [], deliveries: [], nextDeliveryId: 1 });

export function createSubscription(state: State, vapidPublicKey: string | null): Subscription {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const subscription: Subscription = {
    id: randomUUID(), ecdh, authSecret: randomBytes(16).toString('base64url'),
    vapidPublicKey, behavior: null, goneStatus: null,
  };
  state.subscriptions.set(subscription.id, subscription);
  return subscription;
}

/** Exactly the shape of `PushSubscription.toJSON()` in a browser, plus the id. */
export const subscriptionJson = (subscription: Subscription, url: string) => ({
  id: subscription.id,
  endpoint: `${url}/push/${subscription.id}`,
  expirationTime: null,
  keys: { p256dh: subscription.ecdh.getPublicKey().toString('base64url'), auth: subscription.authSecret },
});

/** Records an accepted message, marking queued ones with the same topic replaced. */
export function addMessage(state: State, message: Message): void {
  if (message.topic !== null) {
    for (const older of state.messages) {
      if (older.subscriptionId === message.subscriptionId && older.topic === message.topic) older.replaced = true;
    }
  }
  state.messages.push(message);
}
